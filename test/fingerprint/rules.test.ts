import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/fingerprint/load.js";
import { verifyRuleSet } from "../../src/fingerprint/verify.js";

/** The self-test over every shipped rule: a failure prints `file:line: message`. */
describe("shipped fingerprint rules", async () => {
  const set = await loadRuleSet();

  it("pass the self-test (schema, vocabulary, ids, examples, counter-examples, shadowing)", () => {
    const problems = verifyRuleSet(set).map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(problems).toEqual([]);
  });

  for (const file of set.files) {
    it(`${file.field}: every rule has a source and an example`, () => {
      for (const rule of file.rules) {
        expect(rule.source, rule.id).not.toBe("");
        expect(rule.examples.length, rule.id).toBeGreaterThan(0);
      }
    });
  }
});
