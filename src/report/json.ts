import type { ReportDocument } from "../model/report.js";

/** The ReportDocument itself, as `--format json` writes it. */
export function renderJson(doc: ReportDocument): string {
  return JSON.stringify(doc, null, 2) + "\n";
}
