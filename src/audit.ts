import { ingest } from "./ingest/ingest.js";
import type { IngestOptions } from "./ingest/ingest.js";
import { loadFingerprinter } from "./fingerprint/fingerprint.js";
import { mergeHosts } from "./ingest/merge.js";
import type { ReportDocument } from "./model/report.js";
import { buildReportDocument } from "./report/document.js";
import { VERSION } from "./version.js";

export interface AuditOptions extends IngestOptions {
  /** "Now" for the report; defaults to the current time. */
  now?: Date;
  /** A folder of fingerprint rule data instead of the bundled one. */
  fingerprintsDir?: string;
}

/**
 * The whole pipeline over files: ingest every input, merge records per device,
 * identify each device, build the ReportDocument. Assessment joins here when it lands.
 */
export async function audit(
  paths: readonly string[],
  options: AuditOptions = {},
): Promise<ReportDocument> {
  // Rules load first: broken rule data should stop the run before any input is read.
  const fingerprinter = await loadFingerprinter(options.fingerprintsDir);
  const { hosts, inputs } = await ingest(paths, options);
  const devices = mergeHosts(hosts);
  return buildReportDocument({
    devices,
    inputs,
    identify: (d) => fingerprinter.identify(d),
    generatedAt: options.now ?? new Date(),
    version: VERSION,
  });
}
