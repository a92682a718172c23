import { ingest } from "./ingest/ingest.js";
import type { IngestOptions } from "./ingest/ingest.js";
import { mergeHosts } from "./ingest/merge.js";
import type { ReportDocument } from "./model/report.js";
import { buildReportDocument } from "./report/document.js";
import { VERSION } from "./version.js";

export interface AuditOptions extends IngestOptions {
  /** "Now" for the report; defaults to the current time. */
  now?: Date;
}

/**
 * The whole pipeline over files: ingest every input, merge records per device, build the
 * ReportDocument. Fingerprinting and assessment join here as they land.
 */
export async function audit(
  paths: readonly string[],
  options: AuditOptions = {},
): Promise<ReportDocument> {
  const { hosts, inputs } = await ingest(paths, options);
  const devices = mergeHosts(hosts);
  return buildReportDocument({
    devices,
    inputs,
    generatedAt: options.now ?? new Date(),
    version: VERSION,
  });
}
