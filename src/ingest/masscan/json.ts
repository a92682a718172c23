import { InputDamage } from "../../errors.js";
import type { Host } from "../../model/host.js";
import { arr, asObject, str } from "../common/json.js";
import type { Parser, ParseContext } from "../parser.js";
import { HostMerger } from "./merge.js";

/** The first record names its address first, as masscan writes it; Censys host documents do too. */
const FIRST_KEY_IP = /^\s*\[?\s*\{\s*"ip"\s*:\s*"/;
/** …but only masscan lists `ports` as objects (Shodan's are numbers) or tags `rec_type` (`-oD`). */
const MASSCAN_SHAPE = /"ports"\s*:\s*\[\s*\{\s*"port"\s*:|"rec_type"\s*:\s*"(?:status|banner)"/;
/** Old masscan closed `-oJ` with this (not JSON) instead of an array. */
const FINISHED = /^\{\s*"?finished"?\s*:\s*1\s*\}$/;
/** Far above any masscan record (banners are capped at 64 KiB); stops a broken file from filling memory. */
const MAX_RECORD = 4 * 1024 * 1024;

/**
 * masscan `-oJ` (an array of one-port records, `,` on its own line, a trailing comma in old
 * versions) and `-oD` (NDJSON). The file is never parsed whole: top-level objects are cut out
 * by a scanner that tracks nesting and strings, and each is parsed alone.
 *
 * On damage: a record that is complete but not valid JSON is reported as a problem and
 * skipped, since the scanner knows where the next one starts. Damage to the structure itself
 * (a line break inside a string, stray text between records, an unfinished record or array
 * at the end of the file) stops the parse: hosts merged so far are yielded, then `InputDamage`.
 */
export const masscanJsonParser: Parser = {
  format: "masscan-json",

  detect(head: string): boolean {
    return FIRST_KEY_IP.test(head) && MASSCAN_SHAPE.test(head);
  },

  async *parse(text, ctx): AsyncGenerator<Host, void, undefined> {
    const merger = new HostMerger(ctx);
    let damage: unknown = null;
    try {
      for await (const rec of topLevelObjects(text)) addRecord(merger, rec.text, rec.line, ctx);
    } catch (err) {
      damage = err;
    }
    yield* merger.hosts();
    if (damage) throw damage;
  },
};

interface RecordText {
  text: string;
  line: number;
}

/** Splits a stream of JSON objects, bare or inside one array, into the text of each object. */
export async function* topLevelObjects(text: AsyncIterable<string>): AsyncGenerator<RecordText> {
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let arrayOpen = false;
  let startLine = 0;
  let size = 0;
  let parts: string[] = [];
  let endsWithNewline = false;

  for await (const chunk of text) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === "\n") {
        if (inString) throw new InputDamage(line, "line break inside a string: the record is cut");
        line++;
        continue;
      }
      if (depth === 0) {
        if (c === "{") {
          depth = 1;
          startLine = line;
          from = i;
        } else if (c === "[" || c === "]") {
          arrayOpen = c === "[";
        } else if (c !== "," && c !== " " && c !== "\t" && c !== "\r") {
          throw new InputDamage(line, `unexpected ${JSON.stringify(c)} between records`);
        }
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
      } else if (c === "{" || c === "[") {
        depth++;
      } else if ((c === "}" || c === "]") && --depth === 0) {
        parts.push(chunk.slice(from, i + 1));
        yield { text: parts.join(""), line: startLine };
        parts = [];
        size = 0;
      }
    }
    endsWithNewline = chunk.endsWith("\n");
    if (depth > 0) {
      const rest = chunk.slice(from);
      size += rest.length;
      if (size > MAX_RECORD) {
        throw new InputDamage(startLine, "record too large: the file is damaged");
      }
      parts.push(rest);
    }
  }
  if (depth > 0) throw new InputDamage(startLine, "the file ends inside a record");
  if (arrayOpen) {
    throw new InputDamage(endsWithNewline ? line - 1 : line, "the file ends before the closing ]");
  }
}

function addRecord(merger: HostMerger, text: string, line: number, ctx: ParseContext): void {
  if (FINISHED.test(text)) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    ctx.problem(line, `record skipped, not valid JSON: ${(err as Error).message}`);
    return;
  }
  const obj = asObject(value);
  const ip = str(obj?.["ip"]);
  if (!obj || !ip) {
    ctx.problem(line, "record skipped: no ip");
    return;
  }
  // -oD flattens the port into the record; -oJ nests it in a one-element `ports`.
  const ports = "ports" in obj ? arr(obj["ports"]).map(asObject) : [obj];
  for (const port of ports) {
    if (!port) continue;
    const data = asObject(port["data"]) ?? port;
    const service = asObject(port["service"]);
    const banner = service?.["banner"] ?? data["banner"];
    merger.add({
      ip,
      protocol: str(port["proto"]) ?? "tcp",
      port: Number(port["port"] ?? NaN),
      state: str(data["status"]),
      app: str(service?.["name"] ?? data["service_name"]),
      banner: typeof banner === "string" ? banner : null,
      line,
    });
  }
}
