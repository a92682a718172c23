import type { ReportDocument } from "../model/report.js";

/** The ReportDocument itself, as `--format json` writes it. */
export function renderJson(doc: ReportDocument): string {
  return [...renderJsonChunks(doc)].join("");
}

/** The document in pieces, one per asset (see `jsonChunks`). */
export function* renderJsonChunks(doc: ReportDocument): Generator<string> {
  yield* jsonChunks(doc, 2);
  yield "\n";
}

/**
 * The same text as `JSON.stringify(value, null, 2)`, in pieces: the first `openLevels` levels of
 * objects and arrays are written member by member, deeper values whole. A national-scale report
 * is longer than the longest string V8 can hold (about 512 MiB), so the CLI writes the pieces
 * one after another instead of joining them. Values are plain data (no `toJSON`).
 */
export function* jsonChunks(value: unknown, openLevels: number, indent = ""): Generator<string> {
  if (openLevels <= 0 || value === null || typeof value !== "object") {
    yield (JSON.stringify(value, null, 2) ?? "null").replace(/\n/g, `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[\n";
    for (let i = 0; i < value.length; i++) {
      yield inner;
      // JSON.stringify writes null for what it cannot represent in an array.
      const v: unknown = value[i];
      yield* jsonChunks(
        v === undefined || typeof v === "function" ? null : v,
        openLevels - 1,
        inner,
      );
      yield i < value.length - 1 ? ",\n" : "\n";
    }
    yield `${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== "function",
  );
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  yield "{\n";
  for (const [i, [k, v]] of entries.entries()) {
    yield `${inner}${JSON.stringify(k)}: `;
    yield* jsonChunks(v, openLevels - 1, inner);
    yield i < entries.length - 1 ? ",\n" : "\n";
  }
  yield `${indent}}`;
}
