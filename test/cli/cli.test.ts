import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportDocument } from "../../src/model/report.js";
import { runCli } from "../helpers.js";

const scan = `<?xml version="1.0"?>
<nmaprun scanner="nmap" version="7.94">
<host><status state="up"/><address addr="10.9.0.2" addrtype="ipv4"/><address addr="a4:14:37:01:02:03" addrtype="mac" vendor="Hangzhou Hikvision Digital Technology"/>
<ports><port protocol="tcp" portid="80"><state state="open"/><service name="http" product="Hikvision IP camera httpd"/></port>
<port protocol="tcp" portid="23"><state state="closed"/><service name="telnet"/></port></ports></host>
<host><status state="down"/><address addr="10.9.0.3" addrtype="ipv4"/></host>
<host><status state="up"/><address addr="10.9.0.1" addrtype="ipv4"/>
<ports><port protocol="tcp" portid="22"><state state="open"/><service name="ssh" product="OpenSSH" version="9.2p1"/></port></ports></host>
<runstats><finished exit="success"/></runstats>
</nmaprun>
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "atalaya-cli-"));
  writeFileSync(join(dir, "scan.xml"), scan);
  writeFileSync(
    join(dir, "cut.xml"),
    scan.slice(0, scan.indexOf('<host><status state="up"/><address addr="10.9.0.1"') + 40),
  );
});

describe("atalaya ingest", () => {
  it("prints one JSON host per line, leaves out down hosts, and sums up on stderr", async () => {
    const r = await runCli("ingest", join(dir, "scan.xml"));
    expect(r.code).toBe(0);
    const hosts = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { address: string });
    expect(hosts.map((h) => h.address)).toEqual(["10.9.0.2", "10.9.0.1"]);
    expect(r.stderr).toBe(`${join(dir, "scan.xml")}: nmap-xml, 3 host record(s), 2 up, complete\n`);
  });

  it("prints down hosts with --all", async () => {
    const r = await runCli("ingest", "--all", join(dir, "scan.xml"));
    expect(r.stdout.trim().split("\n")).toHaveLength(3);
  });

  it("exits 3 for a partial input, naming the file and line", async () => {
    const r = await runCli("ingest", join(dir, "cut.xml"), join(dir, "scan.xml"));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      new RegExp(`${join(dir, "cut.xml")}: nmap-xml, 2 host record\\(s\\), 1 up, partial`),
    );
    expect(r.stderr).toMatch(
      new RegExp(`  ${join(dir, "cut.xml")}:7: file ends before </nmaprun>`),
    );
    // The complete file after it is still read.
    expect(r.stdout.trim().split("\n")).toHaveLength(3);
  });

  it("exits 2 on a usage error", async () => {
    const r = await runCli("ingest", "--input-format", "word-doc", join(dir, "scan.xml"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Invalid values/);
  });
});

describe("atalaya audit", () => {
  it("writes the ReportDocument with one asset per device that is up, open ports only", async () => {
    const out = join(dir, "report.json");
    const r = await runCli("audit", join(dir, "scan.xml"), "--format", "json", "-o", out);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, "utf8")) as ReportDocument;
    expect(doc.schemaVersion).toBe(1);
    expect(doc.generator.name).toBe("atalaya");
    expect(doc.inputs).toHaveLength(1);
    expect(doc.inputs[0]).toMatchObject({
      format: "nmap-xml",
      status: "complete",
      hosts: 3,
      hostsUp: 2,
    });
    expect(doc.inputs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Sorted by address, numerically.
    expect(doc.assets.map((a) => a.ip)).toEqual(["10.9.0.1", "10.9.0.2"]);
    expect(doc.assets[1]!.mac).toBe("A4:14:37:01:02:03");
    expect(doc.assets[1]!.ports).toEqual([
      {
        port: 80,
        protocol: "tcp",
        service: "http",
        product: "Hikvision IP camera httpd",
        version: null,
      },
    ]);
    // nmap's "Hikvision IP camera httpd" product and a Hikvision OUI (A4:14:37) name the maker;
    // no model is known, so the Hikvision advisories cannot be checked.
    expect(doc.assets[1]!.identification.manufacturer).toBe("Hikvision");
    expect(doc.assets[1]!.findings.map((f) => f.id).sort()).toEqual([
      "covered-vendor",
      "http-only",
      "model-unknown",
    ]);
    // The OpenSSH server is nobody's camera: no findings.
    expect(doc.assets[0]!.identification.manufacturer).toBeNull();
    expect(doc.assets[0]!.findings).toEqual([]);
    expect(doc.actions.map((a) => a.findings)).toEqual(
      expect.arrayContaining([["covered-vendor"], ["http-only"], ["model-unknown"]]),
    );
    expect(r.stderr).toContain(`2 device(s) in the report: ${out}`);
  });

  it("gives a device the same id in every run", async () => {
    const a = await runCli("audit", join(dir, "scan.xml"));
    const b = await runCli("audit", join(dir, "scan.xml"));
    const ids = (s: string): string[] => (JSON.parse(s) as ReportDocument).assets.map((x) => x.id);
    expect(ids(a.stdout)).toEqual(ids(b.stdout));
    expect(ids(a.stdout)[0]).toMatch(/^dev-[0-9a-f]{12}$/);
  });

  it("exits 5 when the output cannot be written", async () => {
    const r = await runCli(
      "audit",
      join(dir, "scan.xml"),
      "-o",
      join(dir, "no-such-dir", "r.json"),
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/cannot write/);
  });
});
