/**
 * Fingerprint rule data as loaded from `fingerprints/*.yaml`, and the evidence the engine
 * gathers from hosts. Every rule, example and piece of evidence knows its file and line.
 */
import type { SourceRef } from "../model/host.js";

/** The kinds of evidence a rule can match; one rule file per kind. */
export type EvidenceField =
  | "http.server"
  | "http.wwwauth"
  | "http.title"
  | "http.favicon.md5"
  | "http.favicon.mmh3"
  | "tls.subject"
  | "tls.issuer"
  | "rtsp.server"
  | "rtsp.realm"
  | "service.product"
  | "service.cpe"
  | "mac.oui"
  | "mac.vendor"
  | "port"
  | "banner"
  | "device.manufacturer"
  | "device.model"
  | "device.firmware"
  | "device.kind"
  | "model";

/** Identification fields a rule may set. */
export type SetField =
  "manufacturer" | "brand" | "model" | "firmware" | "deviceType" | "capabilities";

/** Values a rule sets: constants, or `$1`…`$9` capture references inside a string. */
export type RuleSets = Partial<Record<Exclude<SetField, "capabilities">, string>> & {
  capabilities?: string[];
};

export interface RuleExample {
  value: string;
  /** Exactly what the rule must extract from `value`. */
  sets: RuleSets;
  line: number;
}

export interface Rule {
  id: string;
  description: string;
  field: EvidenceField;
  /** A regular expression (`pattern`) or a list of exact values (`values`, case-insensitive). */
  pattern: RegExp | null;
  values: string[];
  sets: RuleSets;
  /** 0..1: how strongly this evidence alone supports the manufacturer it names. */
  weight: number;
  /** Where the fact comes from (repository, file, advisory, registry). */
  source: string;
  examples: RuleExample[];
  counterExamples: { value: string; line: number }[];
  file: string;
  line: number;
}

/** A loaded rule file: its field and its rules in order (first match wins within a file). */
export interface RuleFile {
  file: string;
  field: EvidenceField;
  rules: Rule[];
}

export interface Manufacturer {
  name: string;
  /** On the FCC Covered List (NDAA §889 names the same companies). */
  covered: boolean;
  source: string;
}

/** A label a manufacturer's devices are sold under. */
export interface Brand {
  name: string;
  manufacturer: string;
  /** How sure the link is: 1 for a maker's own brand, less for a reported OEM relationship. */
  certainty: number;
  relation: string;
  source: string;
  line: number;
}

export interface Vocabulary {
  manufacturers: Map<string, Manufacturer>;
  brands: Map<string, Brand>;
  deviceTypes: Set<string>;
  capabilities: Set<string>;
}

/** A problem in the rule data, printed `file:line: message`. */
export interface RuleProblem {
  file: string;
  line: number;
  message: string;
}

/** One value observed on a host, of one evidence kind, with where it was seen. */
export interface Observation {
  field: EvidenceField;
  value: string;
  source: SourceRef;
}
