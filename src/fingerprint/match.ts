import type { EvidenceField, Rule, RuleFile, RuleSets } from "./types.js";

/** A rule that matched a value, with its `$N` references filled in. */
export interface RuleMatch {
  rule: Rule;
  sets: RuleSets;
}

interface FieldIndex {
  /** Exact values (lower-case) → index of the first rule that lists them. */
  exact: Map<string, number>;
  /** Pattern rules in file order, with their position in the file. */
  patterns: { position: number; rule: Rule }[];
  rules: Rule[];
}

/**
 * Rules compiled once and indexed by evidence field: a value is looked up only among its own
 * field's rules, exact values through a hash map, so OUI and favicon lists cost the same
 * whatever their length. Within a field the first rule in file order wins, as in recog.
 */
export class RuleIndex {
  private readonly byField = new Map<EvidenceField, FieldIndex>();

  constructor(files: readonly RuleFile[]) {
    for (const file of files) {
      let index = this.byField.get(file.field);
      if (!index) {
        index = { exact: new Map(), patterns: [], rules: [] };
        this.byField.set(file.field, index);
      }
      for (const rule of file.rules) {
        const position = index.rules.length;
        index.rules.push(rule);
        if (rule.pattern) index.patterns.push({ position, rule });
        for (const v of rule.values) if (!index.exact.has(v)) index.exact.set(v, position);
      }
    }
  }

  /** The first rule of `field` that matches `value`, or null. */
  match(field: EvidenceField, value: string): RuleMatch | null {
    const index = this.byField.get(field);
    if (!index) return null;
    return firstMatch(index, value, index.rules.length);
  }

  /** Every rule of `field` that matches `value`, in file order (for `fingerprints test`). */
  matchAll(field: EvidenceField, value: string): RuleMatch[] {
    const index = this.byField.get(field);
    if (!index) return [];
    return index.rules
      .map((rule) => matchRule(rule, value))
      .filter((m): m is RuleMatch => m !== null);
  }

  /** The first rule before position `limit` in `field` that matches: used to detect shadowing. */
  matchBefore(field: EvidenceField, value: string, rule: Rule): RuleMatch | null {
    const index = this.byField.get(field);
    if (!index) return null;
    return firstMatch(index, value, index.rules.indexOf(rule));
  }
}

function firstMatch(index: FieldIndex, value: string, limit: number): RuleMatch | null {
  const exactAt = index.exact.get(value.toLowerCase());
  const bound = exactAt !== undefined && exactAt < limit ? exactAt : limit;
  for (const { position, rule } of index.patterns) {
    if (position >= bound) break;
    const m = matchRule(rule, value);
    if (m) return m;
  }
  return exactAt !== undefined && exactAt < limit
    ? { rule: index.rules[exactAt]!, sets: { ...index.rules[exactAt]!.sets } }
    : null;
}

/** Tests one rule against a value; resolves `$N` in what it sets from the capture groups. */
export function matchRule(rule: Rule, value: string): RuleMatch | null {
  if (!rule.pattern) {
    return rule.values.includes(value.toLowerCase()) ? { rule, sets: { ...rule.sets } } : null;
  }
  const m = rule.pattern.exec(value);
  if (!m) return null;
  const fill = (s: string): string =>
    s.replace(/\$(\d)/g, (_, n: string) => (m[Number(n)] ?? "").trim()).trim();
  const sets: RuleSets = {};
  for (const [k, v] of Object.entries(rule.sets) as [keyof RuleSets, string | string[]][]) {
    if (k === "capabilities") {
      sets.capabilities = (v as string[]).map(fill).filter(Boolean);
    } else {
      const filled = fill(v as string);
      if (filled) sets[k] = filled;
    }
  }
  return { rule, sets };
}
