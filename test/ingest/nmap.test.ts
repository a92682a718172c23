import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nmapXmlParser } from "../../src/ingest/nmap/parser.js";
import { ingest } from "../../src/ingest/ingest.js";
import type { Host } from "../../src/model/host.js";
import { corpusPath, parseText, readCorpus } from "../helpers.js";

/**
 * Counts computed by test/ingest/nmap_corpus_counts.py (Python's expat, no code shared with the
 * parser under test). Re-run it when the corpus changes.
 */
const expected = JSON.parse(
  readFileSync(new URL("./nmap.corpus.expected.json", import.meta.url), "utf8"),
) as Record<
  string,
  {
    hostsTotal: number;
    hostsUp: number;
    openPorts: number;
    products: string[];
    macs: number;
    scriptsOnOpenPorts: number;
    hostScripts: number;
    osmatches: number;
    nmapError: string | null;
    wellFormed: boolean;
  }
>;

function openServices(hosts: Host[]): Host["services"] {
  return hosts
    .filter((h) => h.status === "up")
    .flatMap((h) => h.services.filter((s) => s.state === "open"));
}

describe("nmap XML corpus", () => {
  for (const [file, want] of Object.entries(expected)) {
    if (!want.wellFormed) continue;
    it(`reads ${file}`, async () => {
      const { hosts, inputs } = await ingest([corpusPath("nmap", file)]);
      const input = inputs[0]!;
      expect(input.format).toBe("nmap-xml");
      expect(input.status).toBe("complete");
      expect(hosts.length).toBe(want.hostsTotal);
      expect(hosts.filter((h) => h.status === "up").length).toBe(want.hostsUp);
      const open = openServices(hosts);
      expect(open.length).toBe(want.openPorts);
      const products = [
        ...new Set(open.map((s) => s.product).filter((p): p is string => !!p?.trim())),
      ].sort();
      expect(products).toEqual(want.products);
      expect(hosts.filter((h) => h.mac !== null).length).toBe(want.macs);
      expect(open.reduce((n, s) => n + s.scripts.length, 0)).toBe(want.scriptsOnOpenPorts);
      expect(hosts.reduce((n, h) => n + h.scripts.length, 0)).toBe(want.hostScripts);
      expect(hosts.filter((h) => h.status === "up").reduce((n, h) => n + h.os.length, 0)).toBe(
        want.osmatches,
      );
      const errors = input.problems.filter((p) => p.message.startsWith("nmap reported an error"));
      expect(errors.map((p) => p.message)).toEqual(
        want.nmapError ? [`nmap reported an error: ${want.nmapError}`] : [],
      );
    });
  }

  it("keeps the host of the zenmap file whose banner carries a control character", async () => {
    // expat stops at the 0x05 byte on line 14 (see nmap.corpus.expected.json); atalaya
    // replaces it and keeps the host. Ports and products read by eye from the file.
    const file = "nmap_zenmap_output-error_invalid-utf8_nmap4.22.xml";
    const { hosts, inputs } = await ingest([corpusPath("nmap", file)]);
    expect(inputs[0]!.status).toBe("complete");
    expect(inputs[0]!.problems).toEqual([
      { line: 14, message: "2 control character(s) not allowed in XML replaced by U+FFFD" },
    ]);
    expect(hosts).toHaveLength(1);
    const open = openServices(hosts);
    expect(open).toHaveLength(6);
    expect([...new Set(open.map((s) => s.product).filter(Boolean))].sort()).toEqual([
      "OpenSSH",
      "Samba smbd",
      "thttpd",
    ]);
  });

  it("does not take vulners rows that name HUAWEI-EULEROS for anything but script output", async () => {
    const file = corpusPath(
      "nmap",
      "FP_SiteScanner_win_sV_O_allports_vulners_HUAWEI-EULEROS_mentions_nmap7.91.xml",
    );
    const { hosts } = await ingest([file]);
    // The file name says HUAWEI too: look at everything but the sources.
    const withoutScripts = hosts.map((h) => ({
      ...h,
      sources: [],
      services: h.services.map((s) => ({ ...s, scripts: [], source: null })),
      os: h.os.map((o) => ({ ...o, source: null })),
    }));
    expect(JSON.stringify(withoutScripts)).not.toMatch(/huawei/i);
    const scripts = hosts.flatMap((h) => h.services.flatMap((s) => s.scripts));
    expect(scripts.some((s) => s.id === "vulners" && s.output.includes("HUAWEI-EULEROS"))).toBe(
      true,
    );
  });
});

describe("nmap XML script output", () => {
  it("reads ssl-cert tables, http-headers, titles and the old text-only form", async () => {
    const { hosts } = await ingest([
      corpusPath("nmap", "libnmap_dionaea_sV_O_scripts_traceroute_nmap7.91.xml"),
    ]);
    const tls = hosts[0]!.services.map((s) => s.tls).find((t) => t !== null)!;
    expect(tls.subjectFields).toEqual({
      commonName: "Nepenthes Development Team",
      countryName: "DE",
      organizationName: "dionaea.carnivore.it",
      organizationalUnitName: "anv",
    });
    expect(tls.notBefore).toBe("2020-11-22T17:06:58");
    expect(tls.notAfter).toBe("2021-11-22T17:06:58");
  });

  it("reads nmap 4.5x `HTML title` scripts", async () => {
    const { hosts } = await ingest([
      corpusPath("nmap", "nmap_zenmap_radialnet_example_A_8hosts_nmap4.53.xml"),
    ]);
    const titles = hosts.flatMap((h) => h.services.map((s) => s.http?.title)).filter(Boolean);
    expect(titles).toContain("freshmeat.net: Welcome to freshmeat.net");
    // "Site doesn't have a title." is nmap's wording, not a title.
    expect(titles.some((t) => /have a title/.test(t!))).toBe(false);
  });

  it("fills HTTP, RTSP, favicon and banner fields from crafted 7.9x output, secrets removed", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" args="nmap -sV -sC" start="1700000000" version="7.94" xmloutputversion="1.05">
<host starttime="1700000001" endtime="1700000002"><status state="up" reason="arp-response" reason_ttl="0"/>
<address addr="10.1.2.3" addrtype="ipv4"/>
<address addr="c0:56:e3:11:22:33" addrtype="mac" vendor="Hangzhou Hikvision Digital Technology"/>
<hostnames><hostname name="cam-gate" type="PTR"/><hostname name="cam-gate" type="user"/></hostnames>
<ports><extraports state="closed" count="995"><extrareasons reason="reset" count="995"/></extraports>
<port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="64"/>
<service name="http" product="Hikvision IP camera httpd" devicetype="webcam" method="probed" conf="10"><cpe>cpe:/h:hikvision:ds-2cd2032-i</cpe></service>
<script id="http-server-header" output="App-webs/"><elem>App-webs/</elem></script>
<script id="http-title" output="Site doesn&apos;t have a title (text/html)."/>
<script id="http-headers" output="&#xa;  Server: App-webs/&#xa;  Set-Cookie: session=abc&#xa;  WWW-Authenticate: Digest realm=&quot;DS-2CD2032-I&quot;&#xa;  &#xa;  (Request type: GET)&#xa;"/>
<script id="http-favicon" output="Unknown favicon MD5: 89A932FCC4F4DE6A6B2A6CE6E9B43D7B"/>
</port>
<port protocol="tcp" portid="554"><state state="open" reason="syn-ack" reason_ttl="64"/>
<service name="rtsp" product="Hikvision 7513 POE IP camera rtspd" method="probed" conf="10"/>
<script id="rtsp-methods" output="OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER"/>
</port>
<port protocol="tcp" portid="23"><state state="open" reason="syn-ack" reason_ttl="64"/>
<service name="telnet" method="table" conf="3"/>
<script id="banner" output="login: rtsp://admin:12345@10.1.2.3/Streaming password=12345"/>
</port>
<port protocol="tcp" portid="8000"><state state="filtered" reason="no-response" reason_ttl="0"/></port>
</ports>
<os><osmatch name="Linux 3.2 - 4.9" accuracy="95" line="63000"><osclass type="general purpose" vendor="Linux" osfamily="Linux" osgen="3.X" accuracy="95"><cpe>cpe:/o:linux:linux_kernel:3</cpe></osclass></osmatch></os>
</host>
<runstats><finished time="1700000003" elapsed="2" exit="success"/><hosts up="1" down="0" total="1"/></runstats>
</nmaprun>`;
    for (const chunkSize of [1, 13, 100_000]) {
      const { hosts, problems, error } = await parseText(nmapXmlParser, xml, "scan.xml", chunkSize);
      expect(error).toBeNull();
      expect(problems).toEqual([]);
      expect(hosts).toHaveLength(1);
      const h = hosts[0]!;
      expect(h.address).toBe("10.1.2.3");
      expect(h.mac).toBe("C0:56:E3:11:22:33");
      expect(h.macVendor).toBe("Hangzhou Hikvision Digital Technology");
      expect(h.hostnames).toEqual(["cam-gate"]);
      expect(h.sources).toEqual([{ file: "scan.xml", line: 4 }]);
      const http = h.services.find((s) => s.port === 80)!;
      expect(http.source).toEqual({ file: "scan.xml", line: 9 });
      expect(http.product).toBe("Hikvision IP camera httpd");
      expect(http.deviceType).toBe("webcam");
      expect(http.cpe).toEqual(["cpe:/h:hikvision:ds-2cd2032-i"]);
      expect(http.http).toEqual({
        server: "App-webs/",
        title: null,
        wwwAuthenticate: 'Digest realm="DS-2CD2032-I"',
        headers: { server: "App-webs/", "www-authenticate": 'Digest realm="DS-2CD2032-I"' },
        faviconMd5: "89a932fcc4f4de6a6b2a6ce6e9b43d7b",
        faviconMmh3: null,
      });
      const rtsp = h.services.find((s) => s.port === 554)!;
      expect(rtsp.rtsp?.methods).toEqual([
        "OPTIONS",
        "DESCRIBE",
        "PLAY",
        "PAUSE",
        "SETUP",
        "TEARDOWN",
        "SET_PARAMETER",
        "GET_PARAMETER",
      ]);
      const telnet = h.services.find((s) => s.port === 23)!;
      expect(telnet.banner).toBe("login: rtsp://[redacted]@10.1.2.3/Streaming password=[redacted]");
      expect(JSON.stringify(h)).not.toContain("12345");
      expect(JSON.stringify(h)).not.toContain("session=abc");
      expect(h.services.find((s) => s.port === 8000)!.state).toBe("filtered");
      expect(h.os).toEqual([
        {
          name: "Linux 3.2 - 4.9",
          accuracy: 95,
          vendor: "Linux",
          family: "Linux",
          type: "general purpose",
          cpe: ["cpe:/o:linux:linux_kernel:3"],
          source: { file: "scan.xml", line: 26 },
        },
      ]);
    }
  });
});

describe("nmap XML damage", () => {
  const full = readCorpus("nmap", "nmap_zenmap_radialnet_example_A_8hosts_nmap4.53.xml");
  const hostStarts = [...full.matchAll(/<host[ >]/g)].map((m) => m.index);

  it("keeps every host closed before a cut inside a host, and names the line", async () => {
    // Cut in the middle of the 4th host: hosts 1–3 are complete.
    const cut = full.slice(0, hostStarts[3]! + 200);
    const { hosts, error } = await parseText(nmapXmlParser, cut, "cut.xml");
    expect(hosts).toHaveLength(3);
    expect(error?.name).toBe("InputDamage");
    expect(error?.message).toMatch(
      /file ends before <\/nmaprun>.*host that starts at line \d+ is incomplete/,
    );
    const startLine = full.slice(0, hostStarts[3]!).split("\n").length;
    expect(error?.message).toContain(`line ${startLine}`);
    expect(error?.line).toBe(cut.split("\n").length);
  });

  it("keeps all hosts when the cut falls between hosts", async () => {
    const cut = full.slice(0, hostStarts[5]!);
    const { hosts, error } = await parseText(nmapXmlParser, cut, "cut.xml");
    expect(hosts).toHaveLength(5);
    expect(error?.message).toMatch(/no host was cut, but later hosts may be missing/);
  });

  it("keeps hosts before broken syntax and reports the line of the break", async () => {
    const broken =
      full.slice(0, hostStarts[2]!) +
      "<host><status state=up></host>\n" +
      full.slice(hostStarts[2]!);
    const { hosts, error } = await parseText(nmapXmlParser, broken, "broken.xml");
    expect(hosts).toHaveLength(2);
    expect(error?.line).toBe(full.slice(0, hostStarts[2]!).split("\n").length);
    expect(error?.message).toMatch(/^not well-formed XML/);
  });

  it("never expands an external entity", async () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<nmaprun scanner="nmap">
<host><status state="up"/><address addr="10.0.0.1" addrtype="ipv4"/></host>
<host><status state="up"/><address addr="10.0.0.2" addrtype="ipv4"/><hostnames><hostname name="&xxe;"/></hostnames></host>
</nmaprun>`;
    const { hosts, problems, error } = await parseText(nmapXmlParser, xxe, "xxe.xml");
    expect(hosts.map((h) => h.address)).toEqual(["10.0.0.1"]);
    expect(problems).toEqual([
      { line: 2, message: "document type declares entities; atalaya never expands them" },
    ]);
    expect(error?.line).toBe(5);
    expect(JSON.stringify(hosts)).not.toContain("root:");
  });

  it("never expands nested entities (billion laughs)", async () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE nmaprun [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<nmaprun><host><status state="up"/><address addr="10.0.0.3" addrtype="ipv4"/><hostnames><hostname name="&lol9;"/></hostnames></host></nmaprun>`;
    const { hosts, error } = await parseText(nmapXmlParser, lol, "lol.xml");
    expect(hosts).toEqual([]);
    expect(error?.name).toBe("InputDamage");
    expect(error?.line).toBe(9);
  });
});
