import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, neutraliseCell, renderCsv } from "../../src/report/csv.js";
import { emptyDocument, fullDocument } from "./helpers.js";

function rows(csv: string): Record<string, string>[] {
  return parse(csv, { bom: true, columns: true }) as Record<string, string>[];
}

describe("CSV", () => {
  it("has the documented columns, also when empty", () => {
    const csv = renderCsv(emptyDocument());
    expect(csv).toBe("\ufeff" + CSV_COLUMNS.join(",") + "\r\n");
  });

  it("has one row per device and finding, and one row for a device with none", () => {
    const doc = fullDocument();
    const r = rows(renderCsv(doc));
    const expected = doc.assets.reduce((n, a) => n + Math.max(1, a.findings.length), 0);
    expect(r).toHaveLength(expected);
    const axis = r.filter((x) => x["ip"] === "10.20.3.5");
    expect(axis).toHaveLength(1);
    expect(axis[0]!["finding_id"]).toBe("");
    const hall = r.filter((x) => x["ip"] === "10.20.1.21").map((x) => x["finding_id"]);
    expect(hall).toEqual(["CVE-2021-36260", "CVE-2017-7921", "telnet-open", "covered-vendor"]);
    expect(r.find((x) => x["finding_id"] === "CVE-2017-7921")!["actions"]).toBe(
      "Upgrade Hikvision DS-2CD2xx2 cameras to firmware V5.5.0 or later",
    );
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const bad of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) {
      expect(neutraliseCell(bad)).toBe(`'${bad}`);
    }
    expect(neutraliseCell("10.0.0.1")).toBe("10.0.0.1");
    const r = rows(renderCsv(fullDocument()));
    const lorex = r.find((x) => x["ip"] === "10.20.1.22")!;
    expect(lorex["firmware"]).toBe(`'=HYPERLINK("http://x")`);
    expect(lorex["model"]).toBe("javascript:alert(3)");
    expect(lorex["hostnames"]).toBe("<script>alert(1)</script>; cam-hall-02.municipio.lan");
    expect(lorex["owner"]).toBe("</script><script>alert(4)</script>");
    for (const row of r)
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
