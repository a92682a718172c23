import { describe, expect, it } from "vitest";
import { loadTemplates } from "../../src/report/templates.js";
import { buildView, logoDataUri, rankActions, subnetOf } from "../../src/report/view.js";
import { emptyDocument, fullDocument, fullOptions } from "./helpers.js";

const messages = loadTemplates().messages;

describe("view model", () => {
  it("counts what the summary states", () => {
    const v = buildView(fullDocument(), fullOptions("en"), messages);
    expect(Object.fromEntries(v.summary.figures.map((f) => [f.key, f.value]))).toEqual({
      devices: "9",
      covered: "7",
      kev: "4",
      face: "2",
      withFindings: "7",
    });
    expect(v.summary.topActions).toHaveLength(5);
    expect(v.summary.topActions.map((a) => a.decision)).toEqual([
      "Act",
      "Act",
      "Act",
      "Attend",
      "Attend",
    ]);
  });

  it("orders actions by SSVC decision, then by the risk they remove", () => {
    const doc = fullDocument();
    const ranked = rankActions(doc.actions, new Map(doc.assets.map((a) => [a.id, a])));
    expect(ranked.map((r) => r.action.title)[0]).toBe(
      "Upgrade Hikvision DS-2CD2xx2 cameras to firmware V5.5.0 or later",
    );
    expect(ranked.at(-1)!.action.title).toBe("Plan the replacement of covered-vendor equipment");
  });

  it("orders vulnerabilities most urgent first", () => {
    const v = buildView(fullDocument(), {}, messages);
    expect(v.findings.vulnerabilities.map((f) => [f.id, f.decision])).toEqual([
      ["CVE-2021-36260", "Act"],
      ["CVE-2017-7921", "Act"],
      ["CVE-2021-33044", "Act"],
      ["CVE-2021-33045", "Attend"],
    ]);
  });

  it("groups by site, then subnet", () => {
    expect(subnetOf("10.20.1.21")).toBe("10.20.1.0/24");
    expect(subnetOf("2001:db8::10")).toBe("2001:db8::/64");
    expect(subnetOf("2001:db8:1:2:3::1")).toBe("2001:db8:1:2::/64");
    expect(subnetOf(null)).toBe("");
    const v = buildView(fullDocument(), {}, messages);
    expect(v.devices.sites.map((s) => s.site)).toEqual([
      "Depósito",
      "Escuela Nº 12 — Anexo",
      "Palacio Municipal",
      "Terminal de Ómnibus",
      "No site given",
    ]);
  });

  it("shows a partial input with what was lost, and flags a stale feed", () => {
    const v = buildView(fullDocument(), {}, messages);
    const cut = v.provenance.inputs.find((i) => i.status === "partial")!;
    expect(cut.lost).toBe("Read up to line 4211: what followed was lost.");
    expect(cut.problems).toEqual([
      {
        where: "line 4211",
        message: "file ends before </nmaprun>: the last host was cut and is not kept",
      },
    ]);
    expect(v.provenance.feeds.map((f) => [f.name, f.stale])).toEqual([
      ["Vendor advisories", true],
      ["FIRST EPSS", false],
      ["CISA Known Exploited Vulnerabilities", false],
    ]);
  });

  it("says that an empty document was not assessed, rather than clean", () => {
    const v = buildView(emptyDocument(), {}, messages);
    expect(v.findings.vulnerabilitiesEmpty).toMatch(/Not assessed/);
    expect(v.actions.empty).toMatch(/no exposure assessment/);
    expect(v.charts.every((c) => c.empty !== null)).toBe(true);
  });

  it("embeds logos by content type only", () => {
    expect(logoDataUri(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toMatch(
      /^data:image\/png;base64,/,
    );
    expect(logoDataUri(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toMatch(/^data:image\/jpeg;base64,/);
    expect(logoDataUri(Buffer.from('<?xml version="1.0"?><svg xmlns="x"></svg>'))).toMatch(
      /^data:image\/svg\+xml;base64,/,
    );
    expect(() => logoDataUri(Buffer.from("<html><script>"))).toThrow(/not a PNG, JPEG or SVG/);
  });
});
