import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers.js";

const scan = `<?xml version="1.0"?>
<nmaprun scanner="nmap" version="7.94">
<host><status state="up"/><address addr="10.9.0.2" addrtype="ipv4"/>
<ports><port protocol="tcp" portid="80"><state state="open"/><service name="http" product="&lt;script&gt;alert(1)&lt;/script&gt;"/></port></ports></host>
<runstats><finished exit="success"/></runstats>
</nmaprun>
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "atalaya-report-cli-"));
  writeFileSync(join(dir, "scan.xml"), scan);
  writeFileSync(
    join(dir, "logo.svg"),
    '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
  );
  writeFileSync(join(dir, "logo.txt"), "not an image");
});

describe("atalaya audit: report formats", () => {
  it("writes several formats to -o BASE plus each extension", async () => {
    const base = join(dir, "r1");
    const r = await runCli(
      "audit",
      join(dir, "scan.xml"),
      "--format",
      "html,json,csv,md,sarif",
      "-o",
      `${base}.html`,
      "--lang",
      "es",
      "--client",
      "Ciudad",
      "--tlp",
      "amber",
      "--logo",
      join(dir, "logo.svg"),
    );
    expect(r.code).toBe(0);
    for (const ext of [".html", ".json", ".csv", ".md", ".sarif"])
      expect(existsSync(base + ext)).toBe(true);
    const html = readFileSync(`${base}.html`, "utf8");
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("TLP:AMBER");
    expect(html).toContain('src="data:image/svg+xml;base64,');
    expect(JSON.parse(readFileSync(`${base}.json`, "utf8"))).toHaveProperty("schemaVersion", 1);
    expect(r.stderr).toContain(
      `${base}.html, ${base}.json, ${base}.csv, ${base}.md, ${base}.sarif`,
    );
  });

  it("writes one format to stdout", async () => {
    const r = await runCli("audit", join(dir, "scan.xml"), "--format", "csv");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("\ufeffdevice_id,ip,")).toBe(true);
    expect(r.stdout).toContain("10.9.0.2");
  });

  it("refuses several formats without -o, an unknown format and a logo that is no image", async () => {
    expect((await runCli("audit", join(dir, "scan.xml"), "--format", "html,json")).code).toBe(2);
    const bad = await runCli("audit", join(dir, "scan.xml"), "--format", "xml");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format "xml"');
    const logo = await runCli("audit", join(dir, "scan.xml"), "--logo", join(dir, "logo.txt"));
    expect(logo.code).toBe(2);
    expect(logo.stderr).toContain("not a PNG, JPEG or SVG file");
  });

  it("exits 0 under --fail-on when nothing reaches it", async () => {
    // No finding yet on an unassessed scan: the gate stays open.
    const r = await runCli(
      "audit",
      join(dir, "scan.xml"),
      "--fail-on",
      "low",
      "-o",
      join(dir, "g.json"),
    );
    expect(r.code).toBe(0);
  });
});
