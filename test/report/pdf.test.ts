import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { findChromium, printPdf } from "../../src/report/pdf.js";
import { chromiumPath, fullDocument, fullOptions } from "./helpers.js";

describe("PDF", () => {
  it("says clearly when Chromium is not installed", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "atalaya-pdf-")), "r.pdf");
    await expect(printPdf("<p>x</p>", out, { chromium: null })).rejects.toThrow(
      /cannot print the PDF: Chromium is not installed \(on Debian or Ubuntu: apt-get install chromium/,
    );
    expect(findChromium({ ATALAYA_CHROMIUM: "/nowhere/chromium" })).toBeNull();
  });

  it.skipIf(!chromiumPath)("prints the report through Chromium", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "atalaya-pdf-")), "report.pdf");
    await printPdf(renderHtml(fullDocument(), fullOptions("pt-BR")), out);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(20_000);
  });
});
