import { InputDamage } from "../../errors.js";
import { lineAt } from "./text.js";

/**
 * Parses one JSON document and reports a syntax error as damage at its line (V8 gives the
 * character position in the message).
 */
export function parseJson(text: string, firstLine = 1): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const line = m ? firstLine - 1 + lineAt(text, Number(m[1])) : firstLine;
    throw new InputDamage(line, `invalid JSON: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Line of the start of every object value in a JSON text, keyed by its path with `/`
 * separators (`matches/0`, `result/hits/3`), up to `maxDepth` levels. Lets whole-document
 * parsers give each record the line where it begins without a second JSON parser.
 */
export function objectLines(text: string, maxDepth = 3): Map<string, number> {
  const out = new Map<string, number>();
  // Each open container: its path, whether it is an array, the next index or the last key.
  const stack: { path: string; array: boolean; index: number; key: string }[] = [];
  let line = 1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
    } else if (c === 34) {
      // string: find its end, remember it when it is a key
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else {
          if (d === 10) line++;
          j++;
        }
      }
      const top = stack[stack.length - 1];
      if (top && !top.array && expectKey) top.key = text.slice(i + 1, j);
      i = j;
    } else if (c === 123 || c === 91) {
      const top = stack[stack.length - 1];
      let path = "";
      if (top) path = top.path + (top.path ? "/" : "") + (top.array ? String(top.index) : top.key);
      if (c === 123 && stack.length <= maxDepth) out.set(path, line);
      stack.push({ path, array: c === 91, index: 0, key: "" });
      expectKey = c === 123;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
      expectKey = top ? !top.array : false;
    } else if (c === 58) {
      expectKey = false;
    }
  }
  return out;
}

/** A record-valued object, or null when the value is not a plain object. */
export function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A non-empty trimmed string from a string or number value; null otherwise. */
export function str(value: unknown): string | null {
  if (typeof value === "string") {
    const t = value.trim();
    return t.length > 0 ? t : null;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** The value as an array, or an empty array. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
