import { join } from "node:path";
import { AtalayaError } from "../errors.js";
import type { Host } from "../model/host.js";
import type { Identification } from "../model/report.js";
import { createIdentifier } from "./engine.js";
import { DEFAULT_FINGERPRINTS_DIR, loadRuleSet, VOCABULARY_FILE } from "./load.js";
import type { RuleSet } from "./load.js";
import { RuleIndex } from "./match.js";

/** Identifies hosts with a loaded, compiled rule set. */
export interface Fingerprinter {
  readonly rules: RuleSet;
  readonly index: RuleIndex;
  identify(host: Host): Identification;
}

/**
 * Loads and compiles the rule data once. Rule data with problems is refused: a broken rule
 * would silently mis-identify devices (`atalaya fingerprints verify` lists the problems).
 */
export async function loadFingerprinter(dir = DEFAULT_FINGERPRINTS_DIR): Promise<Fingerprinter> {
  const rules = await loadRuleSet(dir);
  if (rules.problems.length > 0) {
    const first = rules.problems[0]!;
    throw new AtalayaError(
      "E_RULES",
      `rule data has ${rules.problems.length} problem(s), first ${first.file}:${first.line}: ${first.message} (run atalaya fingerprints verify)`,
    );
  }
  const index = new RuleIndex(rules.files);
  const identifier = createIdentifier(index, rules.vocabulary, join(dir, VOCABULARY_FILE));
  return { rules, index, identify: (host) => identifier.identify(host) };
}
