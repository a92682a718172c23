import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { addressFromFileName, ingest } from "../../src/ingest/ingest.js";
import { corpusPath } from "../helpers.js";

const NMAP_ONE_HOST = `<?xml version="1.0"?>
<nmaprun scanner="nmap" version="7.94">
<host><status state="up"/><address addr="10.0.4.17" addrtype="ipv4"/>
<ports><port protocol="tcp" portid="80"><state state="open"/><service name="http" product="PLACEHOLDER"/></port></ports></host>
<runstats><finished exit="success"/></runstats>
</nmaprun>
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "atalaya-ingest-"));
});

function write(name: string, data: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

describe("reading inputs", () => {
  it("reads gzip transparently and hashes the bytes on disk", async () => {
    const gz = gzipSync(Buffer.from(NMAP_ONE_HOST));
    const path = write("scan.xml.gz", gz);
    const { hosts, inputs } = await ingest([path]);
    expect(hosts.map((h) => h.address)).toEqual(["10.0.4.17"]);
    expect(inputs[0]).toMatchObject({ format: "nmap-xml", status: "complete", bytes: gz.length });
    expect(inputs[0]!.sha256).toBe(createHash("sha256").update(gz).digest("hex"));
  });

  it("detects the format from content, not from the file name", async () => {
    const path = write("report.txt", NMAP_ONE_HOST);
    const { inputs } = await ingest([path]);
    expect(inputs[0]!.format).toBe("nmap-xml");
  });

  it("replaces invalid UTF-8, reports its first line, and keeps going", async () => {
    const text = NMAP_ONE_HOST.replace("PLACEHOLDER", "cam\u0000era");
    const bytes = Buffer.from(text);
    const at = bytes.indexOf(0);
    bytes[at] = 0xff; // a byte that can never start a UTF-8 sequence
    const path = write("bad-utf8.xml", bytes);
    const { hosts, inputs } = await ingest([path]);
    expect(inputs[0]!.status).toBe("complete");
    expect(inputs[0]!.problems).toEqual([
      { line: 4, message: "invalid UTF-8: 1 byte sequence(s) replaced by U+FFFD" },
    ]);
    expect(hosts[0]!.services[0]!.product).toBe("cam\uFFFDera");
  });

  it("does not count a genuine U+FFFD in the file as damage", async () => {
    const path = write("real-fffd.xml", NMAP_ONE_HOST.replace("PLACEHOLDER", "x\uFFFDy"));
    const { inputs } = await ingest([path]);
    expect(inputs[0]!.problems).toEqual([]);
  });

  it("reads UTF-16 with a byte-order mark (PowerShell exports)", async () => {
    const csvLike = "\uFEFF" + NMAP_ONE_HOST;
    const path = write("utf16.xml", Buffer.from(csvLike, "utf16le"));
    const { hosts } = await ingest([path]);
    expect(hosts.map((h) => h.address)).toEqual(["10.0.4.17"]);
  });

  it("names a file of no known format, and still reads the others", async () => {
    const unknown = write("notes.txt", "These are meeting notes.\nNothing to see.\n");
    const good = write("good.xml", NMAP_ONE_HOST);
    const missing = join(dir, "missing.xml");
    const { hosts, inputs } = await ingest([unknown, missing, good]);
    expect(inputs.map((i) => [i.path, i.status])).toEqual([
      [unknown, "failed"],
      [missing, "failed"],
      [good, "complete"],
    ]);
    expect(inputs[0]!.problems[0]!.message).toMatch(/^not a format atalaya reads/);
    expect(inputs[1]!.problems[0]!.message).toBe("cannot read: no such file");
    expect(hosts).toHaveLength(1);
  });

  it("keeps the hosts of a damaged file and reads the next one", async () => {
    const cut = write("cut.xml", NMAP_ONE_HOST.slice(0, NMAP_ONE_HOST.indexOf("<runstats>")));
    const good = write("good2.xml", NMAP_ONE_HOST.replace("10.0.4.17", "10.0.4.18"));
    const { hosts, inputs } = await ingest([cut, good]);
    expect(hosts.map((h) => h.address)).toEqual(["10.0.4.17", "10.0.4.18"]);
    expect(inputs[0]!.status).toBe("partial");
    expect(inputs[0]!.problems[0]!.line).toBe(5);
    expect(inputs[0]!.problems[0]!.message).toMatch(/file ends before <\/nmaprun>/);
    // The hash covers the whole file even though the parser stopped early.
    expect(inputs[0]!.sha256).toBe(createHash("sha256").update(readFileSync(cut)).digest("hex"));
  });

  it("reports the 0-byte file masscan -oJ leaves when it found nothing", async () => {
    const { hosts, inputs } = await ingest([
      corpusPath("masscan", "defectdojo_masscan_empty_oJ.json"),
    ]);
    expect(hosts).toEqual([]);
    expect(inputs[0]).toMatchObject({ format: "empty", status: "complete", hosts: 0 });
  });

  it("takes a directory as every file in it, in name order", async () => {
    const sub = join(dir, "batch");
    mkdirSync(join(sub, "nested"), { recursive: true });
    writeFileSync(join(sub, "b.xml"), NMAP_ONE_HOST.replace("10.0.4.17", "10.0.5.2"));
    writeFileSync(join(sub, "a.xml"), NMAP_ONE_HOST.replace("10.0.4.17", "10.0.5.1"));
    writeFileSync(join(sub, "nested", "c.xml"), NMAP_ONE_HOST.replace("10.0.4.17", "10.0.5.3"));
    writeFileSync(join(sub, ".hidden.xml"), NMAP_ONE_HOST);
    const { hosts, inputs } = await ingest([sub]);
    expect(inputs.map((i) => i.path)).toEqual([
      join(sub, "a.xml"),
      join(sub, "b.xml"),
      join(sub, "nested", "c.xml"),
    ]);
    expect(hosts.map((h) => h.address)).toEqual(["10.0.5.1", "10.0.5.2", "10.0.5.3"]);
  });

  it("reads with a forced format and fails plainly when the content does not fit", async () => {
    const path = write("forced.xml", NMAP_ONE_HOST);
    const { inputs } = await ingest([path], { format: "nmap-xml" });
    expect(inputs[0]!.status).toBe("complete");
  });
});

describe("device documents named by address", () => {
  it.each([
    ["10.0.4.17.xml", "10.0.4.17"],
    ["10.0.4.17-deviceInfo.xml", "10.0.4.17"],
    ["/tmp/x/10.0.4.17_magicBox.txt", "10.0.4.17"],
    ["192.168.1.254 onvif.xml", "192.168.1.254"],
    ["deviceInfo.xml", null],
    ["10.0.4.300.xml", null],
    ["10.0.4.17.5.xml", null],
  ])("%s → %s", (file, address) => {
    expect(addressFromFileName(file)).toBe(address);
  });
});
