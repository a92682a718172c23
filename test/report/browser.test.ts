import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Asset, ReportDocument } from "../../src/model/report.js";
import { LANGS } from "../../src/report/i18n.js";
import { renderHtml } from "../../src/report/html.js";
import { CHROMIUM_ARGS } from "../../src/report/pdf.js";
import type { ReportOptions } from "../../src/report/view.js";
import { HOSTILE, chromiumPath, ensureOutputDir, fullDocument, fullOptions } from "./helpers.js";

// What the callbacks given to page.evaluate see: the page's document (the project's type-check
// has no DOM library, and these few lines do not justify adding it for every file).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const SECTIONS = [
  "cover",
  "summary",
  "actions",
  "findings",
  "devices",
  "compliance",
  "changes",
  "provenance",
];

interface Opened {
  page: Page;
  errors: string[];
  dialogs: string[];
  requests: string[];
  close(): Promise<void>;
}

/** The full fixture plus copies of its devices under new ids and addresses: more than a page. */
function manyDevices(n: number): ReportDocument {
  const doc = fullDocument();
  const base = doc.assets.filter((a) => a.ip?.startsWith("10.20.1."));
  const extra: Asset[] = [];
  for (let i = 0; i < n - doc.assets.length; i++) {
    const src = base[i % base.length]!;
    extra.push({
      ...src,
      id: `dev-copy${String(i).padStart(8, "0")}`,
      ip: `10.30.${Math.floor(i / 250)}.${(i % 250) + 1}`,
      mac: null,
    });
  }
  doc.assets = [...doc.assets, ...extra];
  return doc;
}

describe.skipIf(!chromiumPath)("HTML report in Chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "atalaya-html-"));

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath!, args: [...CHROMIUM_ARGS] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(
    doc: ReportDocument,
    options: ReportOptions,
    context: BrowserContextOptions = {},
    name = "report",
  ): Promise<Opened> {
    const file = join(dir, `${name}-${options.lang ?? "en"}.html`);
    writeFileSync(file, renderHtml(doc, options));
    const url = pathToFileURL(file).href;
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...context });
    const errors: string[] = [];
    const dialogs: string[] = [];
    const requests: string[] = [];
    await ctx.route("**/*", async (route) => {
      if (route.request().url() === url) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await ctx.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("request", (r) => {
      if (r.url() !== url && !r.url().startsWith("data:")) requests.push(r.url());
    });
    await page.goto(url);
    if (context.javaScriptEnabled !== false)
      await page.waitForSelector("[data-devices-ready]", { state: "attached" });
    return { page, errors, dialogs, requests, close: () => ctx.close() };
  }

  for (const lang of LANGS) {
    it(`renders every section in ${lang}, with no console error and no request`, async () => {
      const o = await open(fullDocument(), fullOptions(lang));
      try {
        for (const id of SECTIONS)
          await expect(o.page.locator(`#${id}`).isVisible()).resolves.toBe(true);
        expect(await o.page.locator("#dev-list details.device").count()).toBe(9);
        expect(await o.page.locator("#summary svg").count()).toBe(3);
        expect(
          await o.page
            .locator("img.logo")
            .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        ).toBeGreaterThan(0);
        expect(o.errors).toEqual([]);
        expect(o.requests).toEqual([]);
        expect(o.dialogs).toEqual([]);
      } finally {
        await o.close();
      }
    });
  }

  it("shows hostile device strings as text and runs none of them", async () => {
    const o = await open(fullDocument(), fullOptions("en"));
    try {
      const { page } = o;
      await page.evaluate(() =>
        document.querySelectorAll("details").forEach((d: { open: boolean }) => (d.open = true)),
      );
      // Hover and click over everything a payload could have hooked.
      for (const box of await page.locator("#dev-list summary").all()) await box.hover();
      await page.fill("#dev-q", "alert");
      await page.waitForFunction(() =>
        document.getElementById("dev-count")!.textContent!.includes("1–1"),
      );
      await page.evaluate(() =>
        document.querySelectorAll("details").forEach((d: { open: boolean }) => (d.open = true)),
      );
      const text = await page.locator("#dev-list").innerText();
      for (const h of HOSTILE) expect(text).toContain(h);
      const probe = await page.evaluate(() => ({
        scripts: document.scripts.length,
        handlers: document.querySelectorAll("[onmouseover], [onerror], [onload], [onclick]").length,
        jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
        hasBreak: document.body.textContent!.includes("line one\u2028line two"),
      }));
      expect(probe).toEqual({ scripts: 3, handlers: 0, jsLinks: 0, hasBreak: true });
      expect(o.dialogs).toEqual([]);
      expect(o.errors).toEqual([]);
      expect(o.requests).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it("saves screenshots of the summary, light and dark, in every language", async () => {
    const out = ensureOutputDir();
    for (const lang of LANGS) {
      for (const colorScheme of ["light", "dark"] as const) {
        const o = await open(fullDocument(), fullOptions(lang), { colorScheme });
        try {
          await o.page
            .locator("#cover")
            .screenshot({ path: join(out, `cover-${lang}-${colorScheme}.png`) });
          await o.page
            .locator("#summary")
            .screenshot({ path: join(out, `summary-${lang}-${colorScheme}.png`) });
          if (lang === "en") {
            await o.page.evaluate(() =>
              document
                .querySelectorAll("#dev-list details")
                .forEach((d: { open: boolean }, i: number) => (d.open = i < 3)),
            );
            for (const id of ["actions", "findings", "devices", "compliance", "provenance"]) {
              await o.page
                .locator(`#${id}`)
                .screenshot({ path: join(out, `${id}-${lang}-${colorScheme}.png`) });
            }
          }
          expect(o.errors).toEqual([]);
        } finally {
          await o.close();
        }
      }
    }
  });

  it("pages, filters and sorts many devices", async () => {
    const o = await open(manyDevices(120), fullOptions("en"), {}, "many");
    try {
      const { page } = o;
      expect(await page.locator("#dev-list details.device").count()).toBe(50);
      await expect(page.locator("#dev-count").innerText()).resolves.toBe(
        "Showing 1–50 of 120 devices",
      );
      await page.click("#dev-next");
      await expect(page.locator("#dev-count").innerText()).resolves.toBe(
        "Showing 51–100 of 120 devices",
      );
      await page.selectOption("#dev-filter", "face");
      await expect(page.locator("#dev-count").innerText()).resolves.toBe(
        "Showing 1–2 of 2 devices",
      );
      await page.selectOption("#dev-filter", "all");
      await page.selectOption("#dev-sort", "priority");
      await expect(page.locator("#dev-list summary code").first().innerText()).resolves.toBe(
        "10.20.1.21",
      );
      await page.locator("#findings .show-devices").first().click();
      await expect(page.locator("#dev-count").innerText()).resolves.toMatch(/of \d+ devices/);
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it("prints every device, opened, whatever page the screen shows", async () => {
    const o = await open(manyDevices(120), fullOptions("en"), {}, "print");
    try {
      const { page } = o;
      await page.click("#dev-next");
      await page.emulateMedia({ media: "print" });
      await page.waitForFunction(
        () => document.querySelectorAll("#dev-list details.device").length === 120,
      );
      expect(await page.locator("#dev-list details.device:not([open])").count()).toBe(0);
      expect(await page.locator(".toolbar").isVisible()).toBe(false);
      await page.emulateMedia({ media: "screen" });
      await page.waitForFunction(
        () => document.querySelectorAll("#dev-list details.device").length === 50,
      );
      // And a real print, as --pdf does it.
      await page.evaluate(() =>
        (globalThis as { atalayaPrintAll?: () => void }).atalayaPrintAll?.(),
      );
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(o.errors).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it("reads without scripts: charts drawn, devices in a plain table", async () => {
    const o = await open(
      fullDocument(),
      fullOptions("es"),
      { javaScriptEnabled: false },
      "noscript",
    );
    try {
      const { page } = o;
      expect(await page.locator("#summary svg rect").count()).toBeGreaterThan(5);
      expect(await page.locator("noscript table.compact tbody tr").count()).toBe(9);
      await expect(page.locator("#summary").innerText()).resolves.toContain(
        "Se encontraron 9 dispositivos",
      );
      expect(o.requests).toEqual([]);
    } finally {
      await o.close();
    }
  });
});
