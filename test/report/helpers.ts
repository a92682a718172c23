import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { ReportDocument } from "../../src/model/report.js";
import type { ReportOptions } from "../../src/report/view.js";
import { logoDataUri } from "../../src/report/view.js";
import { findChromium } from "../../src/report/pdf.js";
import { fixturesDir, repoRoot } from "../helpers.js";

export const reportFixtures = join(fixturesDir, "report");
export const outputDir = join(repoRoot, "test", "output");

/** A report with nothing in it: still a report (an empty result is evidence too). */
export function emptyDocument(): ReportDocument {
  return {
    schemaVersion: 1,
    generator: { name: "atalaya", version: "0.1.0" },
    generatedAt: "2026-11-20T14:30:00.000Z",
    inputs: [],
    feeds: [],
    assets: [],
    actions: [],
  };
}

/** The hand-written document with every section filled and hostile device strings. */
export function fullDocument(): ReportDocument {
  return JSON.parse(
    readFileSync(join(reportFixtures, "full.document.json"), "utf8"),
  ) as ReportDocument;
}

export function fullOptions(lang: ReportOptions["lang"] = "en"): ReportOptions {
  return {
    lang,
    client: "Municipalidad de San Isidro <Dirección TIC>",
    author: "CERT.example",
    tlp: "amber",
    // An SVG carrying a script: shown through <img>, it must not run.
    logo: logoDataUri(readFileSync(join(reportFixtures, "logo.svg"))),
  };
}

/**
 * Compares with the golden file, or rewrites it when UPDATE_GOLDEN=1. Goldens are reviewed by
 * eye when they change: they are the report's expected bytes.
 */
export function golden(name: string, actual: string): void {
  const file = join(reportFixtures, name);
  if (process.env["UPDATE_GOLDEN"]) {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`${file}: no golden file; run UPDATE_GOLDEN=1 npx vitest run test/report`);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

export function ensureOutputDir(): string {
  mkdirSync(outputDir, { recursive: true });
  return outputDir;
}

export const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn(
    "Chromium is not installed: the browser and PDF tests of the report are skipped (apt-get install chromium; CI installs it).",
  );
}

/** The hostile strings planted in the full fixture. */
export const HOSTILE = [
  "<script>alert(1)</script>",
  '" onmouseover="alert(2)',
  "javascript:alert(3)",
  '=HYPERLINK("http://x")',
  "</script><script>alert(4)</script>",
];
