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
  /** Devices per print job; larger reports print in parts joined into one PDF. */
  devicesPerPart?: number;
}

/**
 * One Chromium print job fails ("Printing failed", also with page ranges: the whole document is
 * laid out first) on a 100,000-device report's list of 20,000 one-line rows; 10,000 print in about
 * 12 s (measured with Chromium 156 on the bench report).
 */
export const DEVICES_PER_PART = 10_000;

const FOOTER =
  '<div style="width:100%;font-size:8px;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

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
      const devices = await tab.evaluate(
        () => (globalThis as { atalayaDeviceCount?: () => number }).atalayaDeviceCount?.() ?? 0,
      );
      const perPart = options.devicesPerPart ?? DEVICES_PER_PART;
      const print = async (from?: number, to?: number, only = false): Promise<Buffer> => {
        await tab.evaluate(
          ([a, b, c]) => {
            const g = globalThis as {
              atalayaPrintAll?: (a?: number, b?: number, c?: boolean) => void;
            };
            g.atalayaPrintAll?.(a ?? undefined, b ?? undefined, c);
          },
          [from ?? null, to ?? null, only] as const,
        );
        return tab.pdf({
          format: "A4",
          printBackground: true,
          preferCSSPageSize: true,
          // Parts are numbered once joined, across the whole document.
          displayHeaderFooter: devices <= perPart,
          headerTemplate: "<span></span>",
          footerTemplate: FOOTER,
        });
      };
      if (devices <= perPart) {
        await writeFile(outFile, await print());
      } else {
        const parts: Buffer[] = [await print(0, perPart)];
        for (let from = perPart; from < devices; from += perPart) {
          parts.push(await print(from, from + perPart, true));
        }
        await writeFile(outFile, await joinPdfs(parts));
      }
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

/** Joins the parts of a large report into one PDF and numbers its pages across all of them. */
export async function joinPdfs(parts: readonly Buffer[]): Promise<Uint8Array> {
  // Loaded only here, as playwright is, so that the other formats never pay for it.
  const { PDFDocument, StandardFonts, rgb } = await import("pdf-lib");
  const out = await PDFDocument.create();
  for (const part of parts) {
    const doc = await PDFDocument.load(part);
    for (const p of await out.copyPages(doc, doc.getPageIndices())) out.addPage(p);
  }
  const font = await out.embedFont(StandardFonts.Helvetica);
  const pages = out.getPages();
  pages.forEach((p, i) => {
    const text = `${i + 1} / ${pages.length}`;
    const width = font.widthOfTextAtSize(text, 8);
    p.drawText(text, {
      x: (p.getWidth() - width) / 2,
      y: 20,
      size: 8,
      font,
      color: rgb(0.4, 0.4, 0.4),
    });
  });
  return out.save();
}
