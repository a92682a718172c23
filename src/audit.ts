import { ingest } from "./ingest/ingest.js";
import type { IngestOptions } from "./ingest/ingest.js";
import { buildActions, createAssessor } from "./assess/assess.js";
import { loadAssessData } from "./assess/data.js";
import { loadFeeds } from "./assess/feeds.js";
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
  /** Where `feeds update` installed newer KEV and EPSS copies. */
  feedsDir?: string;
  /** Address ranges to treat as internal besides the private ones (CIDR). */
  internal?: readonly string[];
}

/**
 * The whole pipeline over files: ingest every input, merge records per device,
 * identify each device, assess its exposures, group them into actions, build the ReportDocument.
 */
export async function audit(
  paths: readonly string[],
  options: AuditOptions = {},
): Promise<ReportDocument> {
  // Rules load first: broken rule data should stop the run before any input is read.
  const fingerprinter = await loadFingerprinter(options.fingerprintsDir);
  const data = await loadAssessData(options.fingerprintsDir);
  const feeds = await loadFeeds(new Set(data.advisories.map((a) => a.id)), options.feedsDir);
  const now = options.now ?? new Date();
  const assessor = createAssessor({
    data,
    feeds,
    now,
    ...(options.internal ? { internal: options.internal } : {}),
  });
  const { hosts, inputs } = await ingest(paths, options);
  const devices = mergeHosts(hosts);
  return buildReportDocument({
    devices,
    inputs,
    identify: (d) => fingerprinter.identify(d),
    assess: (d, identification) => assessor.assess(d, identification),
    actions: buildActions,
    feeds: assessor.feedInfo(),
    generatedAt: now,
    version: VERSION,
  });
}
