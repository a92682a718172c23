import { isDeepStrictEqual } from "node:util";
import type { RuleSet } from "./load.js";
import { matchRule, RuleIndex } from "./match.js";
import type { Rule, RuleProblem, RuleSets, Vocabulary } from "./types.js";

/**
 * The self-test of the rule data, in the manner of recog: ids unique, names from the
 * vocabulary, every example extracts exactly what it declares, no counter-example matches, and
 * no earlier rule of the same field catches a later rule's example (a broad rule must not hide
 * a narrow one). Returns the problems with their file and line; none means the data is sound.
 */
export function verifyRuleSet(set: RuleSet): RuleProblem[] {
  const problems: RuleProblem[] = [...set.problems];
  const index = new RuleIndex(set.files);
  const ids = new Map<string, Rule>();
  for (const file of set.files) {
    for (const rule of file.rules) {
      const at = (line: number, message: string): void => {
        problems.push({ file: rule.file, line, message: `${rule.id}: ${message}` });
      };
      const first = ids.get(rule.id);
      if (first) at(rule.line, `id already used at ${first.file}:${first.line}`);
      else ids.set(rule.id, rule);
      for (const message of vocabularyProblems(rule.sets, set.vocabulary)) at(rule.line, message);

      for (const ex of rule.examples) {
        const m = matchRule(rule, ex.value);
        if (!m) {
          at(ex.line, `example ${JSON.stringify(ex.value)} does not match`);
          continue;
        }
        if (!isDeepStrictEqual(normalise(m.sets), normalise(ex.sets))) {
          at(
            ex.line,
            `example ${JSON.stringify(ex.value)} yields ${JSON.stringify(m.sets)}, declared ${JSON.stringify(ex.sets)}`,
          );
        }
        const earlier = index.matchBefore(rule.field, ex.value, rule);
        if (earlier) {
          at(
            ex.line,
            `example ${JSON.stringify(ex.value)} is caught first by ${earlier.rule.id} (${earlier.rule.file}:${earlier.rule.line})`,
          );
        }
      }
      for (const c of rule.counterExamples) {
        if (matchRule(rule, c.value))
          at(c.line, `counter-example ${JSON.stringify(c.value)} matches`);
      }
    }
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function normalise(sets: RuleSets): RuleSets {
  return { ...sets, ...(sets.capabilities ? { capabilities: [...sets.capabilities].sort() } : {}) };
}

function vocabularyProblems(sets: RuleSets, vocab: Vocabulary): string[] {
  const out: string[] = [];
  const constant = (v: string | undefined): v is string => v !== undefined && !v.includes("$");
  if (constant(sets.manufacturer) && !vocab.manufacturers.has(sets.manufacturer)) {
    out.push(`manufacturer ${sets.manufacturer} is not in the vocabulary`);
  }
  if (constant(sets.brand) && !vocab.brands.has(sets.brand))
    out.push(`brand ${sets.brand} is not in the vocabulary`);
  if (constant(sets.deviceType) && !vocab.deviceTypes.has(sets.deviceType)) {
    out.push(`device type ${sets.deviceType} is not in the vocabulary`);
  }
  for (const c of sets.capabilities ?? []) {
    if (!c.includes("$") && !vocab.capabilities.has(c))
      out.push(`capability ${c} is not in the vocabulary`);
  }
  if (sets.manufacturer && sets.brand && !sets.brand.includes("$")) {
    const b = vocab.brands.get(sets.brand);
    if (b && constant(sets.manufacturer) && b.manufacturer !== sets.manufacturer) {
      out.push(`brand ${sets.brand} belongs to ${b.manufacturer}, not ${sets.manufacturer}`);
    }
  }
  return out;
}
