import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  evaluateAdvisory,
  loadAdvisories,
  parseAdvisory,
  verifyAdvisories,
} from "../../src/assess/advisories.js";
import { loadRuleSet } from "../../src/fingerprint/load.js";
import type { RuleProblem } from "../../src/fingerprint/types.js";
import { repoRoot } from "../helpers.js";

describe("shipped advisories", async () => {
  const problems: RuleProblem[] = [];
  const advisories = await loadAdvisories(join(repoRoot, "fingerprints", "advisories"), problems);
  const vendors = new Set((await loadRuleSet()).vocabulary.manufacturers.keys());

  it("load without problems and every example gives its declared status", () => {
    const all = [...problems, ...verifyAdvisories(advisories, vendors)].map(
      (p) => `${p.file}:${p.line}: ${p.message}`,
    );
    expect(all).toEqual([]);
    expect(advisories.length).toBeGreaterThanOrEqual(30);
  });

  it("cover every entry the reference table verified", () => {
    const ids = advisories.map((a) => a.id);
    for (const id of [
      "CVE-2017-7921",
      "CVE-2021-36260",
      "CVE-2021-33044",
      "CVE-2021-33045",
      "CVE-2020-5735",
      "CVE-2016-5195",
    ]) {
      expect(ids).toContain(id);
    }
  });

  it("treat Dahua's DH- and DHI- prefixes as the same model", () => {
    const adv = advisories.find((a) => a.id === "CVE-2021-33044")!;
    for (const model of ["IPC-HFW5442E-ZE", "DH-IPC-HFW5442E-ZE", "DHI-IPC-HFW5442E-ZE"]) {
      expect(evaluateAdvisory(adv, model, "2.800.0000016.0.R, build: 2020-06-05").status).toBe(
        "affected",
      );
    }
  });
});

describe("advisory data checks", () => {
  it("report a wrong example and a bad bound at their lines", () => {
    const problems: RuleProblem[] = [];
    const adv = parseAdvisory(
      `id: CVE-2099-0001
vendor: Hikvision
title: test
published: 2099-01-01
advisories: []
cwe: []
cvss: []
exploit: none
automatable: false
technicalImpact: partial
remediation: update
references: []
sources: [test]
products:
  - { series: DS-X, models: "^DS-X", scheme: hikvision, affected: [{ below: "not a version" }], fixed: "" }
examples:
  - { model: DS-X1, firmware: "V1.0.0", status: affected }
`,
      "/tmp/CVE-2099-0001.yaml",
      problems,
    )!;
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '15: below "not a version" is not a hikvision version',
    ]);
    expect(() => verifyAdvisories([adv], new Set(["Hikvision"]))).not.toThrow();
    expect(verifyAdvisories([adv], new Set(["Hikvision"]))[0]!.line).toBe(17);
  });
});
