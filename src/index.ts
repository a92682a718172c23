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
