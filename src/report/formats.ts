import type { ReportDocument, Severity } from "../model/report.js";
import { renderCsv } from "./csv.js";
import { renderHtmlView } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdownView } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { loadTemplates } from "./templates.js";
import { buildView, severityRank } from "./view.js";
import type { ReportOptions, ReportView } from "./view.js";

export type ReportFormat = "html" | "json" | "csv" | "md" | "sarif";

export const REPORT_FORMATS: readonly ReportFormat[] = ["html", "json", "csv", "md", "sarif"];

/** The file extension each format is written with when `-o` names a base. */
export const EXTENSIONS: Readonly<Record<ReportFormat, string>> = {
  html: ".html",
  json: ".json",
  csv: ".csv",
  md: ".md",
  sarif: ".sarif",
};

/**
 * Renders one document to several formats. The view is built once and shared by HTML and
 * Markdown, so the two cannot disagree, and neither can disagree with the JSON they came from.
 */
export function renderReport(
  doc: ReportDocument,
  formats: readonly ReportFormat[],
  options: ReportOptions = {},
): Map<ReportFormat, string> {
  const templates = loadTemplates();
  let view: ReportView | undefined;
  const getView = (): ReportView => (view ??= buildView(doc, options, templates.messages));
  const out = new Map<ReportFormat, string>();
  for (const f of formats) {
    if (out.has(f)) continue;
    switch (f) {
      case "html":
        out.set(f, renderHtmlView(getView(), templates));
        break;
      case "md":
        out.set(f, renderMarkdownView(getView(), templates));
        break;
      case "json":
        out.set(f, renderJson(doc));
        break;
      case "csv":
        out.set(f, renderCsv(doc));
        break;
      case "sarif":
        out.set(f, renderSarif(doc));
        break;
    }
  }
  return out;
}

/** Severities `--fail-on` accepts; "info" findings never fail a run. */
export type FailOnSeverity = Exclude<Severity, "info">;

export const FAIL_ON: readonly FailOnSeverity[] = ["critical", "high", "medium", "low"];

/** True when any finding on any device is at `level` or above. */
export function reachesSeverity(doc: ReportDocument, level: FailOnSeverity): boolean {
  const min = severityRank(level);
  return doc.assets.some((a) => a.findings.some((f) => severityRank(f.severity) >= min));
}
