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
  /** Where it was read from: the bundled snapshot or a copy installed by `feeds update`. */
  source: string;
  /** Older than 30 days at the time of the report. */
  stale: boolean;
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

export type Severity = "critical" | "high" | "medium" | "low" | "info";

/** CISA SSVC deployer decisions, least to most urgent. */
export type SsvcDecision = "Track" | "Track*" | "Attend" | "Act";

/**
 * The CISA SSVC deployer decision for one finding on one device, with the decision points that
 * led to it, so a report can say why the finding ranks where it does.
 */
export interface Ssvc {
  decision: SsvcDecision;
  /** "active" when CISA KEV lists it, "poc" when a public exploit exists, else "none". */
  exploitation: "none" | "poc" | "active";
  automatable: boolean;
  technicalImpact: "partial" | "total";
  /** "open": reachable from the Internet; "controlled" or "small": internal. */
  exposure: "small" | "controlled" | "open";
  /** Raised by biometric capability and covered-vendor status. */
  missionImpact: "low" | "medium" | "high" | "very-high";
}

export interface Finding {
  id: string;
  /** One line naming the exposure, as the advisory or check words it. */
  title: string;
  kind: FindingKind;
  status: "affected" | "potentially-affected";
  severity: Severity;
  cvss: number | null;
  kev: boolean;
  /** FIRST EPSS probability, 0..1. */
  epss: number | null;
  /** Higher is more urgent; orders findings and actions. */
  priority: number;
  /** Null where SSVC does not apply (e.g. a compliance finding). */
  ssvc: Ssvc | null;
  /** Why the finding ranks where it does, in plain words. */
  why: string;
  evidence: Evidence[];
  remediation: string;
  /** The product series an advisory names for this device, null for other findings. */
  series: string | null;
  /** The fix as the vendor words it (a firmware build), null when there is none to name. */
  fixed: string | null;
  /** Every CVSS score known for it, each with its source (NVD and vendor scores differ). */
  cvssScores: { source: string; version: string; score: number; vector: string }[];
  references: string[];
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

/** One fix that closes findings on several devices: one per (model series, fix) or per check. */
export interface Action {
  title: string;
  /** Asset ids. */
  assets: string[];
  /** Finding ids it closes. */
  findings: string[];
  /** The highest priority among the findings it closes. */
  priority: number;
  /** What it removes, in plain words (devices, CVEs, exploited ones). */
  why: string;
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
