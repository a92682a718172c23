import { describe, expect, it } from "vitest";
import { reachesSeverity, renderReport } from "../../src/report/formats.js";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { emptyDocument, fullDocument, fullOptions } from "./helpers.js";

describe("one document, every format", () => {
  it("renders each format as its own renderer does", () => {
    const doc = fullDocument();
    const out = renderReport(doc, ["html", "md", "json", "csv", "sarif"], fullOptions("es"));
    expect([...out.keys()]).toEqual(["html", "md", "json", "csv", "sarif"]);
    expect(out.get("html")).toBe(renderHtml(doc, fullOptions("es")));
    expect(out.get("md")).toBe(renderMarkdown(doc, fullOptions("es")));
    expect(out.get("json")).toBe(renderJson(doc));
  });

  it("tells when a finding reaches the --fail-on severity", () => {
    const doc = fullDocument();
    expect(reachesSeverity(doc, "critical")).toBe(true);
    const mild = fullDocument();
    for (const a of mild.assets) a.findings = a.findings.filter((f) => f.severity === "low");
    expect(reachesSeverity(mild, "medium")).toBe(false);
    expect(reachesSeverity(mild, "low")).toBe(true);
    expect(reachesSeverity(emptyDocument(), "low")).toBe(false);
  });
});
