import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { audit } from "../../src/audit.js";
import type { Asset } from "../../src/model/report.js";
import { corpusPath, fixturesDir } from "../helpers.js";

/**
 * Precision and recall of the maker over a labelled set whose truth was written from what each
 * device is (fixtures/labelled/README.md), not from the rules. The suite fails when precision
 * drops under 0.98 or recall under 0.95; the figures are printed for the closing note.
 */
interface Truth {
  manufacturer: string | null;
  brand: string | null;
  model: string | null;
  firmware: string | null;
}

const labelledDir = join(fixturesDir, "labelled");
const inputsDir = join(labelledDir, "inputs");
const truthFile = join(labelledDir, "truth.json");
const corpusTruthFile = join(labelledDir, "corpus-truth.json");

/** A truth key is an address, or the name of a device document with no address. */
function assetFor(assets: Asset[], key: string): Asset | undefined {
  return (
    assets.find((a) => a.ip === key) ??
    assets.find((a) => a.sources.some((s) => basename(s.file) === key))
  );
}

interface Scored {
  key: string;
  truth: Truth;
  got: Asset["identification"] | null;
}

async function score(): Promise<Scored[]> {
  const out: Scored[] = [];
  const truth = JSON.parse(readFileSync(truthFile, "utf8")) as Record<string, Truth>;
  const doc = await audit([inputsDir]);
  for (const [key, t] of Object.entries(truth))
    out.push({ key, truth: t, got: assetFor(doc.assets, key)?.identification ?? null });
  const corpus = JSON.parse(readFileSync(corpusTruthFile, "utf8")) as Record<
    string,
    Record<string, Truth>
  >;
  for (const [file, hosts] of Object.entries(corpus)) {
    const d = await audit([corpusPath(file)]);
    for (const [key, t] of Object.entries(hosts)) {
      out.push({
        key: `${file} ${key}`,
        truth: t,
        got: assetFor(d.assets, key)?.identification ?? null,
      });
    }
  }
  return out;
}

describe("labelled set", () => {
  it("identifies makers with precision ≥ 0.98 and recall ≥ 0.95", async () => {
    const scored = await score();
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const s of scored) {
      const want = s.truth.manufacturer;
      const got = s.got?.manufacturer ?? null;
      if (got !== null && got === want) tp++;
      if (got !== null && got !== want) fp++;
      if (want !== null && got !== want) fn++;
      if (got !== want) wrong.push(`${s.key}: want ${want}, got ${got}`);
    }
    const precision = tp / (tp + fp || 1);
    const recall = tp / (tp + fn || 1);
    const accuracy = (k: "model" | "firmware" | "brand"): string => {
      const known = scored.filter((s) => s.truth[k] !== null);
      const right = known.filter((s) => s.got?.[k] === s.truth[k]).length;
      return `${right}/${known.length}`;
    };
    console.log(
      `labelled set: ${scored.length} devices, ${scored.filter((s) => s.truth.manufacturer).length} with a maker; ` +
        `maker precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; ` +
        `brand ${accuracy("brand")}, model ${accuracy("model")}, firmware ${accuracy("firmware")} right` +
        (wrong.length ? `\n  misses:\n  ${wrong.join("\n  ")}` : ""),
    );
    expect(scored.length).toBeGreaterThan(50);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
