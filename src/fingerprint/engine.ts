import type { Host } from "../model/host.js";
import type { DeviceType, Evidence, Identification } from "../model/report.js";
import type { RuleIndex } from "./match.js";
import { observe } from "./observe.js";
import type { EvidenceField, Observation, RuleSets, Vocabulary } from "./types.js";

/** Below this a maker is not named: a proprietary port or a lone OUI is a hint, not an answer. */
export const NAMING_THRESHOLD = 0.5;

/** One matched rule on one observation, with the maker it points to after brand resolution. */
interface Hit {
  evidence: Evidence;
  ruleId: string;
  weight: number;
  sets: RuleSets;
  manufacturer: string | null;
}

export interface Identifier {
  identify(host: Host): Identification;
}

/**
 * Builds the identifier over compiled rules and the vocabulary. Evidence combines per maker as
 * a noisy-OR of rule weights (each rule counted once however many ports repeat it), so
 * agreement raises confidence; the strongest rival maker lowers it.
 */
export function createIdentifier(
  index: RuleIndex,
  vocab: Vocabulary,
  vocabularyFile: string,
): Identifier {
  const hitOf = (
    field: EvidenceField,
    value: string,
    source: Observation["source"],
  ): Hit | null => {
    const m = index.match(field, value);
    if (!m) return null;
    let manufacturer = m.sets.manufacturer ?? null;
    const brand = m.sets.brand ? vocab.brands.get(m.sets.brand) : undefined;
    let weight = m.rule.weight;
    if (!manufacturer && brand) {
      manufacturer = brand.manufacturer;
      weight *= brand.certainty;
    }
    return {
      evidence: { rule: m.rule.id, field, value, source },
      ruleId: m.rule.id,
      weight,
      sets: m.sets,
      manufacturer,
    };
  };

  return {
    identify(host: Host): Identification {
      const hits: Hit[] = [];
      for (const o of observe(host)) {
        const h = hitOf(o.field, o.value, o.source);
        if (h) hits.push(h);
      }
      // Second pass: what a model number says (series → maker, device type, capabilities).
      // When the evidence that gave the model already named its maker, the series rule adds
      // device type and capabilities only: the same fact must not count twice.
      const models = new Map<string, Hit>();
      for (const h of hits)
        if (h.sets.model && !models.has(h.sets.model)) models.set(h.sets.model, h);
      for (const [model, origin] of models) {
        const h = hitOf("model", model, origin.evidence.source);
        if (!h) continue;
        if (origin.manufacturer && h.manufacturer === origin.manufacturer) {
          h.manufacturer = null;
          delete h.sets.manufacturer;
        }
        hits.push(h);
      }
      return combine(hits, vocab, vocabularyFile);
    },
  };
}

function combine(hits: Hit[], vocab: Vocabulary, vocabularyFile: string): Identification {
  // Noisy-OR per maker, one contribution per rule (its strongest hit).
  const best = new Map<string, Hit>();
  for (const h of hits) {
    if (!h.manufacturer) continue;
    const key = `${h.manufacturer}\u0000${h.ruleId}`;
    const prev = best.get(key);
    if (!prev || h.weight > prev.weight) best.set(key, h);
  }
  const miss = new Map<string, number>();
  for (const h of best.values()) {
    miss.set(h.manufacturer!, (miss.get(h.manufacturer!) ?? 1) * (1 - h.weight));
  }
  const ranked = [...miss.entries()]
    .map(([name, m]) => ({ name, score: 1 - m }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const top = ranked[0];
  const rival = ranked[1]?.score ?? 0;
  const confidence = top ? round(top.score * (1 - rival / 2)) : 0;
  const maker = top && confidence >= NAMING_THRESHOLD ? top.name : null;

  // Facts are taken from hits that agree with the maker, or that name no maker at all.
  const agreeing = hits
    .filter((h) => maker !== null && (h.manufacturer === maker || h.manufacturer === null))
    .sort((a, b) => b.weight - a.weight);
  const pick = <K extends "brand" | "model" | "firmware" | "deviceType">(k: K): string | null =>
    agreeing.find((h) => h.sets[k])?.sets[k] ?? null;

  let brand = pick("brand");
  if (brand && vocab.brands.get(brand)?.manufacturer !== maker) brand = null;
  const capabilities = [...new Set(agreeing.flatMap((h) => h.sets.capabilities ?? []))].sort();

  const evidence = hits
    .sort((a, b) => b.weight - a.weight || a.ruleId.localeCompare(b.ruleId))
    .map((h) => h.evidence);
  if (brand) {
    const b = vocab.brands.get(brand)!;
    evidence.push({
      rule: `brand.${brand.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
      field: "brand",
      value: `${brand}: ${b.relation} (${b.source})`,
      source: { file: vocabularyFile, line: b.line },
    });
  }

  return {
    manufacturer: maker,
    brand,
    model: maker ? pick("model") : null,
    firmware: maker ? pick("firmware") : null,
    deviceType: maker ? ((pick("deviceType") as DeviceType | null) ?? null) : null,
    coveredVendor: maker ? (vocab.manufacturers.get(maker)?.covered ?? false) : false,
    capabilities: maker ? capabilities : [],
    confidence,
    evidence,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
