import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { PDFDocument } from "pdf-lib";
import { CHROMIUM_ARGS, findChromium, printPdf } from "../../src/report/pdf.js";
import { chromiumPath, fullDocument, fullOptions } from "./helpers.js";

// The page's globals inside page.evaluate callbacks (the type-check has no DOM library).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const getComputedStyle: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

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

describe.skipIf(!chromiumPath)("PDF of a national-scale report", () => {
  it("prints the device list in parts, each with only its range of devices, joined into one PDF", async () => {
    const doc = fullDocument();
    const html = renderHtml(doc, fullOptions("en"));
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: chromiumPath!,
      args: [...CHROMIUM_ARGS],
    });
    try {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: "load" });
      const total = await page.evaluate(() =>
        (globalThis as { atalayaDeviceCount?: () => number }).atalayaDeviceCount!(),
      );
      expect(total).toBe(doc.assets.length);
      const shown = await page.evaluate(() => {
        (globalThis as { atalayaPrintAll?: (a: number, b: number, c: boolean) => void })
          .atalayaPrintAll!(2, 4, true);
        const rows = document.querySelectorAll(".print-compact tbody tr").length;
        const hidden = ["#summary", "#actions", "#cover"].map(
          (s) => getComputedStyle(document.querySelector(s)!).display,
        );
        return { rows, hidden };
      });
      expect(shown).toEqual({ rows: 2, hidden: ["none", "none", "none"] });
      // Printing must not put the screen page back before the next part is laid out.
      const first = await page.pdf({ format: "A4" });
      const second = await page.evaluate(() => {
        (globalThis as { atalayaPrintAll?: (a: number, b: number, c: boolean) => void })
          .atalayaPrintAll!(4, 6, true);
        return document.querySelectorAll(".print-compact tbody tr").length;
      });
      expect(second).toBe(2);
      const secondPdf = await page.pdf({ format: "A4" });
      expect(Buffer.compare(first, secondPdf)).not.toBe(0);
      expect(
        await page.evaluate(() => document.querySelectorAll(".print-compact tbody tr").length),
      ).toBe(2);
    } finally {
      await browser.close();
    }

    const out = join(mkdtempSync(join(tmpdir(), "atalaya-pdf-")), "parts.pdf");
    await printPdf(html, out, { devicesPerPart: 3 });
    const pdf = await PDFDocument.load(readFileSync(out));
    // The report with devices 1–3, then one part per further 3 devices.
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(Math.ceil(doc.assets.length / 3));
  });
});
