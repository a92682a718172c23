import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type Ajv04Class from "ajv-draft-04";
import type addFormatsFn from "ajv-formats";
import { describe, expect, it } from "vitest";
import { SARIF_FINGERPRINT, renderSarif } from "../../src/report/sarif.js";
import { emptyDocument, fullDocument } from "./helpers.js";

const require = createRequire(import.meta.url);
// The official SARIF 2.1.0 schema (draft-04) as Microsoft's SARIF SDK ships it.
const schema = JSON.parse(
  readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
) as object;
const Ajv04 = require("ajv-draft-04") as typeof Ajv04Class.default;
const addFormats = require("ajv-formats") as typeof addFormatsFn.default;
// The schema's patterns are ECMAScript without the u flag (one has a stray "]").
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

interface SarifLike {
  runs: {
    results: {
      ruleId: string;
      partialFingerprints: Record<string, string>;
      properties: { deviceId: string };
    }[];
    tool: { driver: { rules: { id: string }[] } };
  }[];
}

describe("SARIF", () => {
  for (const [name, doc] of [
    ["empty", emptyDocument()],
    ["full", fullDocument()],
  ] as const) {
    it(`${name} report validates against the SARIF 2.1.0 schema`, () => {
      const log = JSON.parse(renderSarif(doc)) as unknown;
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it("gives every (device, finding) its own fingerprint, the same on every run", () => {
    const doc = fullDocument();
    const a = JSON.parse(renderSarif(doc)) as SarifLike;
    const results = a.runs[0]!.results;
    expect(results).toHaveLength(doc.assets.reduce((n, x) => n + x.findings.length, 0));
    const prints = results.map((r) => r.partialFingerprints[SARIF_FINGERPRINT]);
    expect(new Set(prints).size).toBe(prints.length);
    // A later audit where the device moved address keeps its id, so keeps its fingerprints.
    const moved = fullDocument();
    moved.assets[0]!.ip = "10.99.0.1";
    const b = JSON.parse(renderSarif(moved)) as SarifLike;
    const of = (log: SarifLike, id: string): string[] =>
      log.runs[0]!.results.filter((r) => r.properties.deviceId === id).map(
        (r) => r.partialFingerprints[SARIF_FINGERPRINT]!,
      );
    expect(of(b, doc.assets[0]!.id)).toEqual(of(a, doc.assets[0]!.id));
    expect(a.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(
      [...new Set(results.map((r) => r.ruleId))].sort(),
    );
  });
});
