import { describe, expect, it } from "vitest";
import { escapeMarkdown, renderMarkdown } from "../../src/report/markdown.js";
import { fullDocument, fullOptions } from "./helpers.js";

describe("Markdown", () => {
  it("escapes what would format, link, open HTML or end a table cell, and line breaks", () => {
    expect(escapeMarkdown("<script>alert(1)</script>")).toBe("\\<script\\>alert(1)\\</script\\>");
    expect(escapeMarkdown("a|b `c` *d* _e_ [f](g) ~h~ &lt;")).toBe(
      "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) \\~h\\~ \\&lt;",
    );
    expect(escapeMarkdown("one\ntwo\r\nthree\u2028four\u2029five")).toBe("one two three four five");
    expect(escapeMarkdown("back\\slash")).toBe("back\\\\slash");
  });

  it("keeps the client's name literal and every table row on one line", () => {
    const md = renderMarkdown(fullDocument(), fullOptions("en"));
    expect(md).toContain("Municipalidad de San Isidro \\<Dirección TIC\\>");
    expect(md).not.toMatch(/<script/);
    for (const line of md.split("\n").filter((l) => l.startsWith("|"))) {
      expect(line.endsWith("|")).toBe(true);
    }
  });
});
