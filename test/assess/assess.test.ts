import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { audit } from "../../src/audit.js";
import type { ReportDocument } from "../../src/model/report.js";
import { fixturesDir } from "../helpers.js";

const dir = join(fixturesDir, "assess");
const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Record<
  string,
  { vulnerabilities: Record<string, string>; other: string[] }
>;

let doc: ReportDocument;
beforeAll(async () => {
  // An empty feeds folder: the bundled KEV snapshot (2026-07-23) is what the test reads.
  doc = await audit([dir], {
    now: new Date("2026-11-26T00:00:00Z"),
    feedsDir: join(dir, "no-feeds-here"),
  });
});

describe("assessment of the fixture network", () => {
  it("gives each device exactly the expected findings", () => {
    const got = Object.fromEntries(
      doc.assets.map((a) => [
        a.ip,
        {
          vulnerabilities: Object.fromEntries(
            a.findings.filter((f) => f.kind === "vulnerability").map((f) => [f.id, f.status]),
          ),
          other: a.findings
            .filter((f) => f.kind !== "vulnerability")
            .map((f) => f.id)
            .sort(),
        },
      ]),
    );
    const want = Object.fromEntries(Object.entries(expected).filter(([k]) => !k.startsWith("_")));
    expect(got).toEqual(want);
  });

  it("marks CVE-2017-7921 as exploited in the wild and decides Act for the Internet-facing camera", () => {
    const internal = doc.assets
      .find((a) => a.ip === "10.40.0.10")!
      .findings.find((f) => f.id === "CVE-2017-7921")!;
    const open = doc.assets
      .find((a) => a.ip === "198.51.100.10")!
      .findings.find((f) => f.id === "CVE-2017-7921")!;
    expect(internal.kev).toBe(true);
    expect(internal.cvss).toBe(10);
    expect(internal.series).toBe("DS-2CD2xx2F-I");
    expect(internal.ssvc).toMatchObject({
      exploitation: "active",
      automatable: true,
      technicalImpact: "total",
      exposure: "controlled",
    });
    // Camera (medium) of a covered vendor (+1) → high; on the Internet (+1) → very high.
    expect(internal.ssvc!.missionImpact).toBe("high");
    expect(open.ssvc!.missionImpact).toBe("very-high");
    expect(internal.ssvc!.decision).toBe("Act");
    expect(open.priority).toBeGreaterThanOrEqual(internal.priority);
    expect(internal.why).toMatch(/SSVC Act: exploitation active \(CISA KEV\)/);
    expect(internal.cvssScores.map((c) => c.source).sort()).toEqual(["CISA-ADP", "NVD", "NVD"]);
  });

  it("counts a potentially-affected finding lower than the same one confirmed", () => {
    const f = doc.assets.find((a) => a.ip === "10.40.0.22")!.findings;
    const potential = f.find((x) => x.id === "CVE-2017-7925")!;
    expect(potential.status).toBe("potentially-affected");
    expect(potential.why).toMatch(/firmware not confirmed/);
  });

  it("groups findings into one action per (series, fix), naming devices and what it closes", () => {
    const upgrade = doc.actions.find((a) => a.title.includes("DS-2CD2xx2F-I"))!;
    expect(upgrade.title).toBe(
      "Update the firmware of Hikvision DS-2CD2xx2F-I devices (Builds after V5.4.0 build 160530)",
    );
    const ids = doc.assets
      .filter((a) => a.ip === "10.40.0.10" || a.ip === "198.51.100.10")
      // Listed in the report's device order: by address.
      .map((a) => a.id);
    expect(upgrade.assets).toEqual(ids);
    expect(upgrade.findings).toEqual(["CVE-2017-7921", "CVE-2017-7923"]);
    expect(upgrade.why).toContain("1 exploited in the wild (CISA KEV): CVE-2017-7921");
    // Actions come most urgent first.
    const priorities = doc.actions.map((a) => a.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(doc.actions[0]!.why).toMatch(/CISA KEV/);
  });

  it("states each feed's date and flags the stale ones", () => {
    expect(doc.feeds.find((f) => f.name === "kev")).toMatchObject({
      date: "2026-07-23",
      stale: true,
    });
    expect(doc.feeds.find((f) => f.name === "epss")!.stale).toBe(true);
    expect(doc.feeds.find((f) => f.name === "advisories")).toBeDefined();
  });
});
