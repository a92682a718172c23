/** atalaya's public API: what the CLI uses, and what a library user imports. */
export type * from "./model/host.js";
export type * from "./model/report.js";
export type { Parser, ParseContext } from "./ingest/parser.js";
export type { IngestOptions, IngestProgress } from "./ingest/ingest.js";
export type { AuditOptions } from "./audit.js";
export type { OpenedInput } from "./ingest/read.js";
export { AtalayaError, InputDamage } from "./errors.js";
export type { ErrorCode } from "./errors.js";
export { parsers, parserFor, detectParser } from "./ingest/parsers.js";
export { ingest, ingestStream, addressFromFileName } from "./ingest/ingest.js";
export { expandInputs, openInput } from "./ingest/read.js";
export { mergeHosts } from "./ingest/merge.js";
export { buildReportDocument } from "./report/document.js";
export { audit } from "./audit.js";
export { VERSION } from "./version.js";
export { loadFingerprinter } from "./fingerprint/fingerprint.js";
export type { Fingerprinter } from "./fingerprint/fingerprint.js";
export { loadRuleSet, DEFAULT_FINGERPRINTS_DIR, EVIDENCE_FIELDS } from "./fingerprint/load.js";
export type { RuleSet } from "./fingerprint/load.js";
export { verifyRuleSet } from "./fingerprint/verify.js";
export { RuleIndex } from "./fingerprint/match.js";
export type * from "./fingerprint/types.js";
export { observe } from "./fingerprint/observe.js";
export type { Lang, Messages, Translator } from "./report/i18n.js";
export type { ReportOptions, ReportView, Tlp } from "./report/view.js";
export type { ReportFormat, FailOnSeverity } from "./report/formats.js";
export type { PdfOptions } from "./report/pdf.js";
export type { ReportTemplates } from "./report/templates.js";
export { LANGS, isLang, translator } from "./report/i18n.js";
export { buildView, logoDataUri, jsonIsland, TLPS } from "./report/view.js";
export { renderHtml, contentSecurityPolicy } from "./report/html.js";
export { renderCsv, neutraliseCell, CSV_COLUMNS } from "./report/csv.js";
export { renderMarkdown, escapeMarkdown } from "./report/markdown.js";
export { renderSarif, renderSarifChunks, SARIF_FINGERPRINT } from "./report/sarif.js";
export { renderJson, renderJsonChunks } from "./report/json.js";
export { printPdf, findChromium, CHROMIUM_ARGS } from "./report/pdf.js";
export { loadTemplates, TEMPLATES_DIR } from "./report/templates.js";
export {
  renderReport,
  reachesSeverity,
  REPORT_FORMATS,
  EXTENSIONS,
  FAIL_ON,
} from "./report/formats.js";
export { createAssessor, buildActions } from "./assess/assess.js";
export type { Assessor, AssessOptions } from "./assess/assess.js";
export { loadAssessData } from "./assess/data.js";
export type { AssessData, CheckDef } from "./assess/data.js";
export { loadAdvisories, evaluateAdvisory, verifyAdvisories } from "./assess/advisories.js";
export type { Advisory, AdvisoryProduct, AdvisoryStatus } from "./assess/advisories.js";
export { loadFeeds, updateFeeds, defaultFeedsDir } from "./assess/feeds.js";
export type { Feeds, UpdateOptions, UpdateResult } from "./assess/feeds.js";
export { parseVersion, compareVersions, inRange } from "./assess/versions.js";
export type { Version, VersionRange, VersionScheme } from "./assess/versions.js";
export { decide as ssvcDecision } from "./assess/ssvc.js";
export { matchers } from "./assess/matchers.js";
export type { Matcher, DeviceContext } from "./assess/matchers.js";
