import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AtalayaError } from "../errors.js";

/** Where Debian and Ubuntu put Chromium; `ATALAYA_CHROMIUM` names another. */
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"];

/** Chromium's switches for a one-shot print that must contact nothing. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The Chromium to drive, or null when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env["ATALAYA_CHROMIUM"];
  if (chosen) return existsSync(chosen) ? chosen : null;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

export interface PdfOptions {
  /** The Chromium executable; found with `findChromium` when absent. */
  chromium?: string | null;
}

/**
 * Prints the HTML report to a PDF with Chromium: the page's own print stylesheet lays it out,
 * with every device opened, in a fresh profile that is deleted afterwards.
 */
export async function printPdf(
  html: string,
  outFile: string,
  options: PdfOptions = {},
): Promise<void> {
  const executablePath = options.chromium === undefined ? findChromium() : options.chromium;
  if (!executablePath) {
    throw new AtalayaError(
      "E_OUTPUT",
      `${outFile}: cannot print the PDF: Chromium is not installed (on Debian or Ubuntu: apt-get install chromium; or set ATALAYA_CHROMIUM to its path)`,
    );
  }
  // Imported here so that the other formats never load playwright.
  const { chromium } = await import("playwright-core");
  const dir = await mkdtemp(join(tmpdir(), "atalaya-pdf-"));
  try {
    const page = join(dir, "report.html");
    await writeFile(page, html);
    const context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      offline: true,
    });
    try {
      const tab = context.pages()[0] ?? (await context.newPage());
      await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
      await tab.evaluate(() => {
        (globalThis as { atalayaPrintAll?: () => void }).atalayaPrintAll?.();
      });
      await tab.pdf({
        path: outFile,
        format: "A4",
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate:
          '<div style="width:100%;font-size:8px;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      });
    } finally {
      await context.close();
    }
  } catch (err) {
    if (err instanceof AtalayaError) throw err;
    throw new AtalayaError(
      "E_OUTPUT",
      `${outFile}: cannot print the PDF: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
