import { describe, expect, it } from "vitest";
import { renderCsv } from "../../src/report/csv.js";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderSarif } from "../../src/report/sarif.js";
import { emptyDocument, fullDocument, fullOptions, golden } from "./helpers.js";

// Regenerate with UPDATE_GOLDEN=1 npx vitest run test/report, then read the diff.
describe("golden reports", () => {
  for (const [name, doc, options] of [
    ["empty", emptyDocument(), {}],
    ["full", fullDocument(), fullOptions("en")],
  ] as const) {
    it(`${name}: JSON`, () => golden(`${name}.json`, renderJson(doc)));
    it(`${name}: CSV`, () => golden(`${name}.csv`, renderCsv(doc)));
    it(`${name}: Markdown`, () => golden(`${name}.md`, renderMarkdown(doc, options)));
    it(`${name}: SARIF`, () => golden(`${name}.sarif`, renderSarif(doc)));
    it(`${name}: HTML`, () => golden(`${name}.html`, renderHtml(doc, options)));
  }
  it("full: Markdown in Spanish and Portuguese", () => {
    golden("full.es.md", renderMarkdown(fullDocument(), fullOptions("es")));
    golden("full.pt-BR.md", renderMarkdown(fullDocument(), fullOptions("pt-BR")));
  });

  it("renders the same bytes twice, whatever the process time zone", () => {
    const a = renderHtml(fullDocument(), fullOptions("es"));
    const tz = process.env["TZ"];
    process.env["TZ"] = "America/Argentina/Buenos_Aires";
    try {
      expect(renderHtml(fullDocument(), fullOptions("es"))).toBe(a);
    } finally {
      if (tz === undefined) delete process.env["TZ"];
      else process.env["TZ"] = tz;
    }
  });
});
