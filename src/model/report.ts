/**
 * The `ReportDocument`: the JSON contract of DESIGN.md, written by `atalaya audit --format json`
 * and rendered to every other format. Field names are a public interface: add, never rename.
 */
import type { InputFormat, SourceRef } from "./host.js";

export type InputStatus = "complete" | "partial" | "failed";

/** A problem in one input, at a 1-based line (0 when it concerns the whole file). */
export interface InputProblem {
  line: number;
  message: string;
}

/** What became of one input file. */
export interface InputSummary {
  path: string;
  /** Null when the format could not be told. */
  format: InputFormat | null;
  sha256: string | null;
  bytes: number;
  /** Host records read from this input. */
  hosts: number;
  /** Of those, the ones the input says are up. */
  hostsUp: number;
  status: InputStatus;
  problems: InputProblem[];
}

export type FeedName = "kev" | "epss" | "advisories";

export interface FeedInfo {
  name: FeedName;
  /** ISO date of the snapshot. */
  date: string;
}

export interface AssetPort {
  port: number;
  protocol: string;
  service: string | null;
  product: string | null;
  version: string | null;
}

export type DeviceType =
  "ip-camera" | "nvr" | "dvr" | "access-control" | "intercom" | "storage" | "other";

export interface Evidence {
  rule: string;
  field: string;
  value: string;
  source: SourceRef;
}

export interface Identification {
  manufacturer: string | null;
  brand: string | null;
  model: string | null;
  firmware: string | null;
  deviceType: DeviceType | null;
  coveredVendor: boolean;
  capabilities: string[];
  /** 0..1; 0 when nothing identifies the device. */
  confidence: number;
  evidence: Evidence[];
}

export type FindingKind = "vulnerability" | "misconfiguration" | "compliance" | "lifecycle";

export interface Finding {
  id: string;
  kind: FindingKind;
  status: "affected" | "potentially-affected";
  severity: "critical" | "high" | "medium" | "low" | "info";
  cvss: number | null;
  kev: boolean;
  epss: number | null;
  priority: number;
  evidence: Evidence[];
  remediation: string;
}

/** One device of the audited network. */
export interface Asset {
  /** Stable across runs: derived from the serial, else the MAC, else the address. */
  id: string;
  ip: string | null;
  mac: string | null;
  /** Vendor of the MAC prefix as the scanner named it. */
  macVendor: string | null;
  hostnames: string[];
  site: string | null;
  owner: string | null;
  /** The open ports, one entry per (port, protocol). */
  ports: AssetPort[];
  identification: Identification;
  findings: Finding[];
  /** Where this device was seen: every input record merged into it. */
  sources: SourceRef[];
}

export interface Action {
  title: string;
  assets: string[];
  findings: string[];
}

export interface ReportDocument {
  schemaVersion: 1;
  generator: { name: "atalaya"; version: string };
  /** When the report was made (ISO 8601): data, so that rendering stays deterministic. */
  generatedAt: string;
  inputs: InputSummary[];
  feeds: FeedInfo[];
  assets: Asset[];
  actions: Action[];
}
