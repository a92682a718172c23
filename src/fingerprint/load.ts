import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { Node as YamlNode, YAMLMap } from "yaml";
import type {
  Brand,
  EvidenceField,
  Manufacturer,
  Rule,
  RuleExample,
  RuleFile,
  RuleProblem,
  RuleSets,
  SetField,
  Vocabulary,
} from "./types.js";

export const EVIDENCE_FIELDS: readonly EvidenceField[] = [
  "http.server",
  "http.wwwauth",
  "http.title",
  "http.favicon.md5",
  "http.favicon.mmh3",
  "tls.subject",
  "tls.issuer",
  "rtsp.server",
  "rtsp.realm",
  "service.product",
  "service.cpe",
  "mac.oui",
  "mac.vendor",
  "port",
  "banner",
  "device.manufacturer",
  "device.model",
  "device.firmware",
  "device.kind",
  "model",
];

const SET_FIELDS: readonly SetField[] = [
  "manufacturer",
  "brand",
  "model",
  "firmware",
  "deviceType",
  "capabilities",
];

/** The rule data shipped with atalaya, beside `dist/` and `src/`. */
export const DEFAULT_FINGERPRINTS_DIR = fileURLToPath(
  new URL("../../fingerprints/", import.meta.url),
);

/** The vocabulary file; every other `*.yaml` directly in the folder but the checks is a rule file. */
export const VOCABULARY_FILE = "vocabulary.yaml";
/** Misconfiguration and compliance checks (read by the assessment, not by fingerprinting). */
export const CHECKS_FILE = "checks.yaml";

export interface RuleSet {
  files: RuleFile[];
  vocabulary: Vocabulary;
  problems: RuleProblem[];
}

/** Reads the vocabulary and every rule file of a folder. Problems are collected, not thrown. */
export async function loadRuleSet(dir = DEFAULT_FINGERPRINTS_DIR): Promise<RuleSet> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".yaml")).sort();
  const problems: RuleProblem[] = [];
  const vocabPath = join(dir, VOCABULARY_FILE);
  const vocabulary = names.includes(VOCABULARY_FILE)
    ? parseVocabulary(await readFile(vocabPath, "utf8"), vocabPath, problems)
    : emptyVocabulary();
  if (!names.includes(VOCABULARY_FILE)) {
    problems.push({ file: vocabPath, line: 0, message: "vocabulary file is missing" });
  }
  const files: RuleFile[] = [];
  for (const name of names) {
    if (name === VOCABULARY_FILE || name === CHECKS_FILE) continue;
    const path = join(dir, name);
    const file = parseRuleFile(await readFile(path, "utf8"), path, problems);
    if (file) files.push(file);
  }
  return { files, vocabulary, problems };
}

function emptyVocabulary(): Vocabulary {
  return {
    manufacturers: new Map(),
    brands: new Map(),
    deviceTypes: new Set(),
    capabilities: new Set(),
  };
}

/** A YAML document with a helper that turns any node into its line; YAML errors become problems. */
export function openYaml(
  text: string,
  file: string,
  problems: RuleProblem[],
): { doc: ReturnType<typeof parseDocument>; lineOf: (node: unknown) => number } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const lineOf = (node: unknown): number => {
    const range = (node as YamlNode | undefined)?.range;
    return range ? lc.linePos(range[0]).line : 1;
  };
  for (const err of doc.errors) {
    problems.push({
      file,
      line: lc.linePos(err.pos[0]).line,
      message: `YAML: ${err.message.split("\n")[0]}`,
    });
  }
  return { doc, lineOf };
}

/** Parses one rule file (`field:` and `rules:`); returns null when it cannot be used at all. */
export function parseRuleFile(
  text: string,
  file: string,
  problems: RuleProblem[],
): RuleFile | null {
  const { doc, lineOf } = openYaml(text, file, problems);
  if (doc.errors.length > 0) return null;
  const root = doc.contents;
  const problem = (node: unknown, message: string): void => {
    problems.push({ file, line: lineOf(node), message });
  };
  if (!isMap(root)) {
    problem(root, "a rule file is a mapping with `field` and `rules`");
    return null;
  }
  const field = root.get("field") as unknown as EvidenceField;
  if (!EVIDENCE_FIELDS.includes(field)) {
    problem(root.get("field", true) ?? root, `unknown evidence field ${JSON.stringify(field)}`);
    return null;
  }
  const expectedName = `${field.replace(/\./g, "-")}.yaml`;
  if (basename(file) !== expectedName) {
    problem(root, `a rule file for ${field} is named ${expectedName}`);
  }
  const rulesNode = root.get("rules", true);
  if (!isSeq(rulesNode)) {
    problem(rulesNode ?? root, "`rules` must be a list");
    return null;
  }
  const rules: Rule[] = [];
  for (const item of rulesNode.items) {
    if (!isMap(item)) {
      problem(item, "a rule is a mapping");
      continue;
    }
    const rule = parseRule(item, field, file, lineOf, problem);
    if (rule) rules.push(rule);
  }
  return { file, field, rules };
}

const RULE_KEYS = new Set([
  "id",
  "description",
  "pattern",
  "flags",
  "values",
  "sets",
  "weight",
  "source",
  "examples",
  "counterExamples",
]);

function parseRule(
  node: YAMLMap,
  field: EvidenceField,
  file: string,
  lineOf: (n: unknown) => number,
  problem: (n: unknown, m: string) => void,
): Rule | null {
  const plain = node.toJSON() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    if (!RULE_KEYS.has(key)) problem(node.get(key, true) ?? node, `unknown rule key ${key}`);
  }
  const id = plain["id"];
  if (typeof id !== "string" || !/^[a-z0-9][a-z0-9.-]*$/.test(id)) {
    problem(node, "a rule needs an `id` of lower-case letters, digits, dots and hyphens");
    return null;
  }
  const at = (key: string): unknown => node.get(key, true) ?? node;
  const rule: Rule = {
    id,
    description: typeof plain["description"] === "string" ? plain["description"] : "",
    field,
    pattern: null,
    values: [],
    sets: {},
    weight: typeof plain["weight"] === "number" ? plain["weight"] : NaN,
    source: typeof plain["source"] === "string" ? plain["source"] : "",
    examples: [],
    counterExamples: [],
    file,
    line: lineOf(node),
  };
  if (!rule.description) problem(node, `${id}: needs a description`);
  if (!rule.source) problem(node, `${id}: needs a source for its fact`);
  if (!(rule.weight > 0 && rule.weight <= 1))
    problem(at("weight"), `${id}: weight must be in (0, 1]`);

  const hasPattern = typeof plain["pattern"] === "string";
  const hasValues = Array.isArray(plain["values"]);
  if (hasPattern === hasValues) {
    problem(node, `${id}: give either a \`pattern\` or a list of \`values\``);
    return null;
  }
  if (hasPattern) {
    const flags = typeof plain["flags"] === "string" ? plain["flags"] : "";
    if (!/^i?$/.test(flags)) problem(at("flags"), `${id}: the only flag is i`);
    try {
      rule.pattern = new RegExp(plain["pattern"] as string, flags.includes("i") ? "i" : "");
    } catch (err) {
      problem(at("pattern"), `${id}: bad pattern: ${(err as Error).message}`);
      return null;
    }
  } else {
    rule.values = (plain["values"] as unknown[]).map((v) => String(v).toLowerCase());
  }

  const sets = parseSets(plain["sets"], id, at("sets"), problem);
  if (!sets) return null;
  rule.sets = sets;
  checkCaptures(rule, at("pattern"), problem);

  const examples = node.get("examples", true);
  if (isSeq(examples)) {
    for (const ex of examples.items) {
      const value = isMap(ex) ? ex.get("value") : undefined;
      if (typeof value !== "string" && typeof value !== "number") {
        problem(ex, `${id}: an example has a \`value\` and the \`sets\` it must yield`);
        continue;
      }
      const exSets = parseSets((ex as YAMLMap).toJSON()["sets"], id, ex, problem) ?? {};
      rule.examples.push({
        value: String(value),
        sets: exSets,
        line: lineOf(ex),
      } satisfies RuleExample);
    }
  }
  if (rule.examples.length === 0) problem(node, `${id}: needs at least one example`);
  const counter = node.get("counterExamples", true);
  if (isSeq(counter)) {
    for (const c of counter.items) {
      const value = (c as { value?: unknown }).value;
      rule.counterExamples.push({ value: String(value), line: lineOf(c) });
    }
  }
  return rule;
}

function parseSets(
  raw: unknown,
  id: string,
  at: unknown,
  problem: (n: unknown, m: string) => void,
): RuleSets | null {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    problem(at, `${id}: \`sets\` is a mapping of identification fields`);
    return null;
  }
  const out: RuleSets = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!SET_FIELDS.includes(k as SetField)) {
      problem(at, `${id}: cannot set ${k} (fields: ${SET_FIELDS.join(", ")})`);
      continue;
    }
    if (k === "capabilities") {
      if (!Array.isArray(v) || v.some((c) => typeof c !== "string")) {
        problem(at, `${id}: capabilities is a list of names`);
        continue;
      }
      out.capabilities = v as string[];
    } else if (typeof v === "string" || typeof v === "number") {
      out[k as Exclude<SetField, "capabilities">] = String(v);
    } else {
      problem(at, `${id}: ${k} must be a string`);
    }
  }
  return out;
}

/**
 * Capture-group accounting (as recog does it): every group a pattern captures is used by a
 * `$N` in `sets`, and every `$N` names a group that exists. Groups that only structure the
 * pattern are written `(?:…)`.
 */
function checkCaptures(rule: Rule, at: unknown, problem: (n: unknown, m: string) => void): void {
  const used = new Set<number>();
  for (const v of Object.values(rule.sets)) {
    for (const s of Array.isArray(v) ? v : [v]) {
      for (const m of String(s).matchAll(/\$(\d)/g)) used.add(Number(m[1]));
    }
  }
  const groups = rule.pattern ? new RegExp(`${rule.pattern.source}|`).exec("")!.length - 1 : 0;
  for (const n of used) {
    if (n > groups) problem(at, `${rule.id}: $${n} refers to no capture group`);
  }
  for (let n = 1; n <= groups; n++) {
    if (!used.has(n))
      problem(at, `${rule.id}: capture group ${n} is not used; write (?:…) for grouping`);
  }
}

/** Parses the controlled vocabulary: manufacturers, brands, device types, capabilities. */
export function parseVocabulary(text: string, file: string, problems: RuleProblem[]): Vocabulary {
  const vocab = emptyVocabulary();
  const { doc, lineOf } = openYaml(text, file, problems);
  const root = doc.contents;
  if (!isMap(root)) {
    problems.push({ file, line: 1, message: "the vocabulary is a mapping" });
    return vocab;
  }
  const list = (key: string): { node: unknown; value: Record<string, unknown> }[] => {
    const seq = root.get(key, true);
    if (!isSeq(seq)) {
      problems.push({ file, line: lineOf(root), message: `vocabulary needs a \`${key}\` list` });
      return [];
    }
    return seq.items.map((node) => ({
      node,
      value: (node as YamlNode).toJSON() as Record<string, unknown>,
    }));
  };
  for (const { node, value } of list("manufacturers")) {
    const m: Manufacturer = {
      name: String(value["name"] ?? ""),
      covered: value["covered"] === true,
      source: String(value["source"] ?? ""),
    };
    if (!m.name)
      problems.push({ file, line: lineOf(node), message: "a manufacturer needs a name" });
    if (m.covered && !m.source)
      problems.push({ file, line: lineOf(node), message: `${m.name}: covered needs a source` });
    if (vocab.manufacturers.has(m.name))
      problems.push({ file, line: lineOf(node), message: `${m.name} is listed twice` });
    vocab.manufacturers.set(m.name, m);
  }
  for (const { node, value } of list("brands")) {
    const b: Brand = {
      name: String(value["name"] ?? ""),
      manufacturer: String(value["manufacturer"] ?? ""),
      certainty: typeof value["certainty"] === "number" ? value["certainty"] : NaN,
      relation: String(value["relation"] ?? ""),
      source: String(value["source"] ?? ""),
      line: lineOf(node),
    };
    const line = b.line;
    if (!b.name || !b.relation || !b.source) {
      problems.push({
        file,
        line,
        message: `brand ${b.name || "?"} needs a name, a relation and a source`,
      });
    }
    if (!vocab.manufacturers.has(b.manufacturer)) {
      problems.push({
        file,
        line,
        message: `brand ${b.name}: manufacturer ${b.manufacturer} is not in the vocabulary`,
      });
    }
    if (!(b.certainty > 0 && b.certainty <= 1)) {
      problems.push({ file, line, message: `brand ${b.name}: certainty must be in (0, 1]` });
    }
    if (vocab.brands.has(b.name) || vocab.manufacturers.has(b.name)) {
      problems.push({ file, line, message: `${b.name} is already a manufacturer or brand` });
    }
    vocab.brands.set(b.name, b);
  }
  for (const key of ["deviceTypes", "capabilities"] as const) {
    const seq = root.get(key);
    const values = isSeq(seq) ? (seq.toJSON() as unknown[]) : [];
    if (values.length === 0)
      problems.push({ file, line: lineOf(root), message: `vocabulary needs \`${key}\`` });
    for (const v of values) vocab[key].add(String(v));
  }
  return vocab;
}
