import { AtalayaError } from "../../errors.js";
import { objectLines, parseJson } from "./json.js";
import { lines, readAll, WHOLE_DOCUMENT_LIMIT } from "./text.js";
import type { ParseContext } from "../parser.js";

/** One parsed JSON value and a way to find the line where any object inside it begins. */
export interface JsonValue {
  value: unknown;
  /** Line of the object at `path` (`matches/3`); an ancestor's line when that one is not known. */
  lineOf(path: string): number;
}

export interface JsonInputOptions {
  /** How deep `objectLines` records object starts in a whole document. */
  maxDepth: number;
  /** Applied to the text before `JSON.parse` (same line breaks required). */
  rewrite?: (text: string) => string;
}

/** Joins path segments the way `objectLines` keys them. */
export function joinPath(...parts: (string | number)[]): string {
  return parts.filter((p) => p !== "").join("/");
}

/**
 * Reads API exports that come either as NDJSON (one value a line, as bulk downloads write them)
 * or as one whole JSON document (an API answer saved as is, often pretty-printed). The first
 * non-blank line decides: a line that is just `{`, or one opening with `[`, starts a document;
 * any other `{…` line starts NDJSON, which is streamed line by line. A broken NDJSON line is a
 * problem and the next line is read; a broken document is `InputDamage`. When not one line of
 * supposed NDJSON parses, the lines are read again as one document, so a document that opens
 * with `{"key": [` still gets its proper error.
 */
export async function* jsonValues(
  text: AsyncIterable<string>,
  ctx: ParseContext,
  options: JsonInputOptions,
): AsyncGenerator<JsonValue, void, undefined> {
  const rewrite = options.rewrite ?? ((t: string) => t);
  const it = text[Symbol.asyncIterator]();
  let head = "";
  let mode: "ndjson" | "document" | null = null;
  while (mode === null) {
    mode = modeOf(head);
    if (mode !== null) break;
    const next = await it.next();
    if (next.done) {
      mode = "document";
      break;
    }
    head += next.value;
  }
  const all = rest(head, it);

  if (mode === "document") {
    yield documentValue(await readAll(all), options.maxDepth, rewrite);
    return;
  }

  // Lines kept until one parses, for the reread as a document.
  let held: string[] | null = [];
  let heldSize = 0;
  const heldProblems: { line: number; message: string }[] = [];
  for await (const { text: raw, line } of lines(all)) {
    if (held) {
      held.push(raw);
      heldSize += raw.length + 1;
      if (heldSize > WHOLE_DOCUMENT_LIMIT) {
        throw new AtalayaError("E_INPUT_UNREADABLE", "no line of the input is a JSON value");
      }
    }
    const t = raw.trim();
    if (!t) continue;
    let value: unknown;
    try {
      value = JSON.parse(rewrite(t));
    } catch (err) {
      const message = `invalid JSON line: ${(err as Error).message}`;
      if (held) heldProblems.push({ line, message });
      else ctx.problem(line, message);
      continue;
    }
    if (held) {
      for (const p of heldProblems) ctx.problem(p.line, p.message);
      held = null;
    }
    yield { value, lineOf: () => line };
  }
  if (held && heldProblems.length > 0) {
    yield documentValue(held.join("\n"), options.maxDepth, rewrite);
  }
}

function modeOf(head: string): "ndjson" | "document" | null {
  const start = head.search(/\S/);
  if (start < 0) return null;
  if (head[start] !== "{") return "document";
  const after = /[^ \t\r]/.exec(head.slice(start + 1));
  if (!after) return null;
  return after[0] === "\n" ? "document" : "ndjson";
}

async function* rest(head: string, it: AsyncIterator<string>): AsyncGenerator<string> {
  if (head) yield head;
  for (;;) {
    const next = await it.next();
    if (next.done) return;
    yield next.value;
  }
}

function documentValue(text: string, maxDepth: number, rewrite: (t: string) => string): JsonValue {
  const prepared = rewrite(text);
  const value = parseJson(prepared);
  const starts = objectLines(prepared, maxDepth);
  return {
    value,
    lineOf(path: string): number {
      for (let p = path; ; p = p.slice(0, Math.max(0, p.lastIndexOf("/")))) {
        const line = starts.get(p);
        if (line !== undefined) return line;
        if (p === "") return 1;
      }
    },
  };
}
