import type { ReportDocument } from "../model/report.js";

/** The ReportDocument itself, as `--format json` writes it. */
export function renderJson(doc: ReportDocument): string {
  return [...renderJsonChunks(doc)].join("");
}

/**
 * The same text as `JSON.stringify(doc, null, 2)`, in pieces: one per asset. A national-scale
 * document is larger than the longest string V8 can hold (about 512 MiB), so the CLI writes
 * these pieces one after another instead of joining them.
 */
export function* renderJsonChunks(doc: ReportDocument): Generator<string> {
  const entries = Object.entries(doc);
  yield "{\n";
  for (const [i, [key, value]] of entries.entries()) {
    const sep = i < entries.length - 1 ? ",\n" : "\n";
    if (key === "assets" && Array.isArray(value) && value.length > 0) {
      yield `  "assets": [\n`;
      for (const [j, asset] of value.entries()) {
        yield `    ${JSON.stringify(asset, null, 2).replace(/\n/g, "\n    ")}${j < value.length - 1 ? ",\n" : "\n"}`;
      }
      yield `  ]${sep}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, "\n  ")}${sep}`;
    }
  }
  yield "}\n";
}
