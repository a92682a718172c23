import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { isMap, isSeq } from "yaml";
import { openYaml } from "../fingerprint/load.js";
import type { RuleProblem } from "../fingerprint/types.js";
import { inRange, parseVersion } from "./versions.js";
import type { VersionRange, VersionScheme } from "./versions.js";

export interface CvssScore {
  source: string;
  version: string;
  score: number;
  vector: string;
}

export interface AdvisoryProduct {
  series: string;
  models: RegExp;
  scheme: VersionScheme;
  /** Empty when the advisory names the series but no versions: every device of it is potentially affected. */
  affected: VersionRange[];
  fixed: string;
  line: number;
}

export type AdvisoryStatus = "affected" | "potentially-affected" | "not-affected";

export interface AdvisoryExample {
  model: string;
  firmware: string | null;
  status: AdvisoryStatus;
  line: number;
}

/** One CVE or vendor advisory: which series and firmware it affects, how bad, how to fix. */
export interface Advisory {
  id: string;
  vendor: string;
  title: string;
  published: string;
  advisories: string[];
  cwe: string[];
  cvss: CvssScore[];
  exploit: "none" | "poc";
  automatable: boolean;
  technicalImpact: "partial" | "total";
  remediation: string;
  references: string[];
  sources: string[];
  products: AdvisoryProduct[];
  examples: AdvisoryExample[];
  file: string;
  line: number;
}

const SCHEMES: readonly VersionScheme[] = ["hikvision", "dahua", "huawei", "dotted"];
const RANGE_KEYS = new Set(["from", "to", "below", "upTo", "buildBefore", "buildFrom", "buildTo"]);
const STATUSES: readonly AdvisoryStatus[] = ["affected", "potentially-affected", "not-affected"];

/** Reads every `CVE-….yaml` of the advisories folder; problems are collected with their lines. */
export async function loadAdvisories(dir: string, problems: RuleProblem[]): Promise<Advisory[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".yaml")).sort();
  } catch {
    problems.push({ file: dir, line: 0, message: "advisories folder is missing" });
    return [];
  }
  const out: Advisory[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const adv = parseAdvisory(await readFile(file, "utf8"), file, problems);
    if (adv) out.push(adv);
  }
  return out;
}

/** Parses one advisory file and checks it: names, ranges, regexes, examples. */
export function parseAdvisory(
  text: string,
  file: string,
  problems: RuleProblem[],
): Advisory | null {
  const { doc, lineOf } = openYaml(text, file, problems);
  if (doc.errors.length > 0) return null;
  const root = doc.contents;
  if (!isMap(root)) {
    problems.push({ file, line: 1, message: "an advisory is a mapping" });
    return null;
  }
  const raw = root.toJSON() as Record<string, unknown>;
  const at = (key: string): number => lineOf(root.get(key, true) ?? root);
  const problem = (line: number, message: string): void => {
    problems.push({ file, line, message });
  };
  const str = (key: string): string => {
    const v = raw[key];
    if (typeof v === "string" && v.trim()) return v.trim();
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    problem(at(key), `needs \`${key}\``);
    return "";
  };
  const list = (key: string): string[] =>
    Array.isArray(raw[key]) ? (raw[key] as unknown[]).map(String) : [];

  const id = str("id");
  if (id && basename(file) !== `${id}.yaml`)
    problem(1, `an advisory file is named after its id: ${id}.yaml`);
  const adv: Advisory = {
    id,
    vendor: str("vendor"),
    title: str("title"),
    published: str("published"),
    advisories: list("advisories"),
    cwe: list("cwe"),
    cvss: [],
    exploit: raw["exploit"] === "poc" ? "poc" : "none",
    automatable: raw["automatable"] === true,
    technicalImpact: raw["technicalImpact"] === "total" ? "total" : "partial",
    remediation: str("remediation"),
    references: list("references"),
    sources: list("sources"),
    products: [],
    examples: [],
    file,
    line: 1,
  };
  if (!["poc", "none"].includes(String(raw["exploit"])))
    problem(at("exploit"), "exploit is poc or none");
  if (typeof raw["automatable"] !== "boolean")
    problem(at("automatable"), "automatable is true or false");
  if (!["partial", "total"].includes(String(raw["technicalImpact"]))) {
    problem(at("technicalImpact"), "technicalImpact is partial or total");
  }
  if (adv.sources.length === 0) problem(at("sources"), "needs the sources of its facts");

  for (const c of Array.isArray(raw["cvss"]) ? (raw["cvss"] as Record<string, unknown>[]) : []) {
    const score = Number(c["score"]);
    if (!(score >= 0 && score <= 10) || typeof c["source"] !== "string") {
      problem(at("cvss"), "a CVSS entry has a source and a score from 0 to 10");
      continue;
    }
    adv.cvss.push({
      source: c["source"],
      version: String(c["version"] ?? ""),
      score,
      vector: String(c["vector"] ?? ""),
    });
  }

  const productsNode = root.get("products", true);
  if (!isSeq(productsNode) || productsNode.items.length === 0) {
    problem(at("products"), "needs at least one product series");
  } else {
    for (const node of productsNode.items) {
      const p = (node as { toJSON(): Record<string, unknown> }).toJSON();
      const line = lineOf(node);
      const scheme = p["scheme"] as VersionScheme;
      if (!SCHEMES.includes(scheme)) problem(line, `scheme is one of ${SCHEMES.join(", ")}`);
      let models: RegExp;
      try {
        models = new RegExp(String(p["models"] ?? ""), "i");
      } catch (err) {
        problem(line, `bad models pattern: ${(err as Error).message}`);
        continue;
      }
      if (!p["models"]) problem(line, "a product needs a `models` pattern");
      const affected: VersionRange[] = [];
      for (const r of Array.isArray(p["affected"])
        ? (p["affected"] as Record<string, unknown>[])
        : []) {
        const range: VersionRange = {};
        for (const [k, v] of Object.entries(r)) {
          if (!RANGE_KEYS.has(k)) problem(line, `unknown range key ${k}`);
          else range[k as keyof VersionRange] = String(v);
        }
        for (const k of ["from", "to", "below", "upTo"] as const) {
          if (
            range[k] !== undefined &&
            SCHEMES.includes(scheme) &&
            !parseVersion(scheme, range[k]!)
          ) {
            problem(line, `${k} ${JSON.stringify(range[k])} is not a ${scheme} version`);
          }
        }
        for (const k of ["buildBefore", "buildFrom", "buildTo"] as const) {
          if (range[k] !== undefined && !/^\d{4}-\d{2}(?:-\d{2})?$/.test(range[k]!)) {
            problem(line, `${k} is a date YYYY-MM or YYYY-MM-DD`);
          }
        }
        affected.push(range);
      }
      adv.products.push({
        series: String(p["series"] ?? ""),
        models,
        scheme,
        affected,
        fixed: String(p["fixed"] ?? ""),
        line,
      });
    }
  }

  const examplesNode = root.get("examples", true);
  if (isSeq(examplesNode)) {
    for (const node of examplesNode.items) {
      const e = (node as { toJSON(): Record<string, unknown> }).toJSON();
      const status = e["status"] as AdvisoryStatus;
      if (!STATUSES.includes(status))
        problem(lineOf(node), `example status is one of ${STATUSES.join(", ")}`);
      adv.examples.push({
        model: String(e["model"] ?? ""),
        firmware:
          e["firmware"] === null || e["firmware"] === undefined ? null : String(e["firmware"]),
        status,
        line: lineOf(node),
      });
    }
  }
  if (adv.examples.length === 0)
    problem(at("examples"), "needs examples of firmware inside and outside the range");
  return adv;
}

/** Dahua writes the same model with `DH-`, `DHI-` or no prefix. */
export function normaliseModel(model: string): string {
  return model
    .trim()
    .toUpperCase()
    .replace(/^DHI?-/, "");
}

const RANK: Record<AdvisoryStatus, number> = {
  "not-affected": 0,
  "potentially-affected": 1,
  affected: 2,
};

/** The series of the advisory this model belongs to, and the device's status for it. */
export function evaluateAdvisory(
  adv: Advisory,
  model: string,
  firmware: string | null,
): { status: AdvisoryStatus; product: AdvisoryProduct | null } {
  let best: { status: AdvisoryStatus; product: AdvisoryProduct | null } = {
    status: "not-affected",
    product: null,
  };
  const m = normaliseModel(model);
  for (const product of adv.products) {
    if (!product.models.test(m)) continue;
    const status = productStatus(product, firmware);
    if (best.product === null || RANK[status] > RANK[best.status]) best = { status, product };
  }
  return best;
}

function productStatus(product: AdvisoryProduct, firmware: string | null): AdvisoryStatus {
  // No versions in the advisory, or none known for the device: never silently clean.
  if (product.affected.length === 0 || !firmware) return "potentially-affected";
  const v = parseVersion(product.scheme, firmware);
  if (!v) return "potentially-affected";
  let unknown = false;
  for (const range of product.affected) {
    const hit = inRange(product.scheme, v, range);
    if (hit === true) return "affected";
    if (hit === null) unknown = true;
  }
  return unknown ? "potentially-affected" : "not-affected";
}

/** Checks every advisory's examples against the evaluator: `file:line` for each that fails. */
export function verifyAdvisories(
  advisories: readonly Advisory[],
  vendors: ReadonlySet<string>,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const ids = new Map<string, string>();
  for (const adv of advisories) {
    if (!vendors.has(adv.vendor)) {
      problems.push({
        file: adv.file,
        line: 1,
        message: `vendor ${adv.vendor} is not in the vocabulary`,
      });
    }
    const seen = ids.get(adv.id);
    if (seen) problems.push({ file: adv.file, line: 1, message: `${adv.id} is also in ${seen}` });
    ids.set(adv.id, adv.file);
    for (const ex of adv.examples) {
      let got: AdvisoryStatus;
      try {
        got = evaluateAdvisory(adv, ex.model, ex.firmware).status;
      } catch (err) {
        problems.push({ file: adv.file, line: ex.line, message: (err as Error).message });
        continue;
      }
      if (got !== ex.status) {
        problems.push({
          file: adv.file,
          line: ex.line,
          message: `${ex.model} on ${JSON.stringify(ex.firmware)} is ${got}, the example says ${ex.status}`,
        });
      }
    }
  }
  return problems;
}
