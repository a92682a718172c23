import type { Host, InputFormat } from "../model/host.js";

/** What a parser may report besides hosts. */
export interface ParseContext {
  /** The input as the user named it; parsers copy it into every `SourceRef`. */
  readonly file: string;
  /** Records a problem that does not stop the parse (a bad row, an error document, a scanner error). */
  problem(line: number, message: string): void;
}

/**
 * One input format. Parsers are pure: they read decoded text chunks and yield hosts as soon as
 * each is complete; they never open files. On damage they throw `InputDamage` after yielding
 * every host that was complete before it.
 */
export interface Parser {
  readonly format: InputFormat;
  /** True when `head` (the first 64 KiB of decoded text, BOM removed) looks like this format. */
  detect(head: string): boolean;
  parse(text: AsyncIterable<string>, ctx: ParseContext): AsyncGenerator<Host, void, undefined>;
}
