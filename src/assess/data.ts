import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isMap, isSeq } from "yaml";
import { AtalayaError } from "../errors.js";
import { DEFAULT_FINGERPRINTS_DIR, openYaml } from "../fingerprint/load.js";
import type { RuleProblem } from "../fingerprint/types.js";
import type { FindingKind, Severity, Ssvc } from "../model/report.js";
import { loadAdvisories } from "./advisories.js";
import type { Advisory } from "./advisories.js";
import { CHECK_IDS } from "./matchers.js";

/** The words and parameters of one check (fingerprints/checks.yaml). */
export interface CheckDef {
  id: string;
  kind: FindingKind;
  title: string;
  severity: Severity;
  ssvc: Pick<Ssvc, "exploitation" | "automatable" | "technicalImpact"> | null;
  params: Record<string, unknown>;
  remediation: string;
  source: string;
  file: string;
  line: number;
}

/** Everything the assessment reads from rule data. */
export interface AssessData {
  advisories: Advisory[];
  checks: Map<string, CheckDef>;
}

const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];
const KINDS: readonly FindingKind[] = [
  "vulnerability",
  "misconfiguration",
  "compliance",
  "lifecycle",
];

/** Parses fingerprints/checks.yaml. */
export function parseChecks(
  text: string,
  file: string,
  problems: RuleProblem[],
): Map<string, CheckDef> {
  const out = new Map<string, CheckDef>();
  const { doc, lineOf } = openYaml(text, file, problems);
  const root = doc.contents;
  const seq = isMap(root) ? root.get("checks", true) : null;
  if (!isSeq(seq)) {
    problems.push({ file, line: 1, message: "checks.yaml has a `checks` list" });
    return out;
  }
  for (const node of seq.items) {
    const c = (node as { toJSON(): Record<string, unknown> }).toJSON();
    const line = lineOf(node);
    const def: CheckDef = {
      id: String(c["id"] ?? ""),
      kind: c["kind"] as FindingKind,
      title: String(c["title"] ?? ""),
      severity: c["severity"] as Severity,
      ssvc: (c["ssvc"] as CheckDef["ssvc"]) ?? null,
      params: (c["params"] as Record<string, unknown>) ?? {},
      remediation: String(c["remediation"] ?? ""),
      source: String(c["source"] ?? ""),
      file,
      line,
    };
    if (!def.id || !def.title || !def.remediation || !def.source) {
      problems.push({
        file,
        line,
        message: `check ${def.id || "?"} needs an id, title, remediation and source`,
      });
    }
    if (!SEVERITIES.includes(def.severity))
      problems.push({
        file,
        line,
        message: `${def.id}: severity is one of ${SEVERITIES.join(", ")}`,
      });
    if (!KINDS.includes(def.kind))
      problems.push({ file, line, message: `${def.id}: kind is one of ${KINDS.join(", ")}` });
    if (out.has(def.id)) problems.push({ file, line, message: `${def.id} is listed twice` });
    out.set(def.id, def);
  }
  return out;
}

/** Loads advisories and checks; refuses data with problems, as the fingerprint rules do. */
export async function loadAssessData(dir = DEFAULT_FINGERPRINTS_DIR): Promise<AssessData> {
  const problems: RuleProblem[] = [];
  const advisories = await loadAdvisories(join(dir, "advisories"), problems);
  const checksFile = join(dir, "checks.yaml");
  const checks = parseChecks(await readFile(checksFile, "utf8"), checksFile, problems);
  for (const id of CHECK_IDS) {
    if (!checks.has(id))
      problems.push({ file: checksFile, line: 1, message: `no check ${id}, which atalaya runs` });
  }
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new AtalayaError(
      "E_RULES",
      `assessment data has ${problems.length} problem(s), first ${p.file}:${p.line}: ${p.message} (run atalaya fingerprints verify)`,
    );
  }
  return { advisories, checks };
}
