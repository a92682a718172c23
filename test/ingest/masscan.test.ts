import { describe, expect, it } from "vitest";
import type { Host } from "../../src/model/host.js";
import type { Parser } from "../../src/ingest/parser.js";
import {
  masscanConsoleParser,
  masscanJsonParser,
  masscanListParser,
  masscanXmlParser,
} from "../../src/ingest/masscan/index.js";
import { ingest } from "../../src/ingest/ingest.js";
import { corpusPath, parseText, readCorpus } from "../helpers.js";

const all = [masscanXmlParser, masscanJsonParser, masscanListParser, masscanConsoleParser];

function counts(hosts: Host[]): { hosts: number; ports: number; banners: number } {
  const services = hosts.flatMap((h) => h.services);
  return {
    hosts: hosts.length,
    ports: services.filter((s) => s.state === "open").length,
    banners: services.filter((s) => s.banner !== null).length,
  };
}

function byIp(hosts: Host[], ip: string): Host {
  const host = hosts.find((h) => h.address === ip);
  if (!host) throw new Error(`no host ${ip}`);
  return host;
}

/*
 * Expected numbers come from the files, not from the parsers:
 * - XML: hosts = `grep -o 'addr="[^"]*"' F | sort -u | wc -l`; ports and banners = distinct
 *   (addr, protocol, portid) over all <host> elements, and over those with a banner= attribute
 *   (grep + sort -u, cross-checked with Python ElementTree). The ntlm file has 10 <host>
 *   elements for 5 addresses: a status record and a banner record for each.
 * - JSON: distinct `"ip": "…"` values, distinct `"port": N` values, `grep -c '"banner"'`.
 * - list and console: read by eye (one and four result lines).
 */
const corpus: [string, Parser, number, number, number][] = [
  ["ivre_masscan_T22_ssh_banners_101hosts.xml", masscanXmlParser, 101, 101, 101],
  ["ivre_masscan_T443_tls_certs_48hosts.xml", masscanXmlParser, 48, 48, 48],
  ["ivre_masscan_ntlm_smb_10hosts.xml", masscanXmlParser, 5, 5, 5],
  ["defectdojo_masscan_many_oJ.json", masscanJsonParser, 1, 4, 0],
  ["defectdojo_masscan_one_oJ.json", masscanJsonParser, 1, 1, 0],
  ["Sigilo_masscan_oL_list_1host_ts0.txt", masscanListParser, 1, 1, 0],
  ["ODD_ParseScript_masscan_console_stdout_Discovered_lines.txt", masscanConsoleParser, 1, 4, 0],
];

describe("masscan corpus", () => {
  for (const [file, parser, hosts, ports, banners] of corpus) {
    it(`${file}: ${hosts} hosts, ${ports} open ports, ${banners} banners`, async () => {
      const text = readCorpus("masscan", file);
      expect(all.filter((p) => p.detect(text.slice(0, 65536)))).toEqual([parser]);
      const out = await parseText(parser, text, file);
      expect(out.error).toBeNull();
      expect(out.problems).toEqual([]);
      expect(counts(out.hosts)).toEqual({ hosts, ports, banners });
      for (const h of out.hosts) expect(h.status).toBe("up");
    });
  }

  it("T22: keeps SSH banners, reads the one HTTP answer on port 22, escapes control bytes", async () => {
    const out = await parseText(
      masscanXmlParser,
      readCorpus("masscan", "ivre_masscan_T22_ssh_banners_101hosts.xml"),
      "t22.xml",
    );
    const first = byIp(out.hosts, "178.33.91.90");
    expect(first.sources).toEqual([{ file: "t22.xml", line: 6 }]);
    expect(first.services[0]).toMatchObject({
      port: 22,
      protocol: "tcp",
      name: "ssh",
      banner: "SSH-2.0-OpenSSH_6.0p1 Debian-4+deb7u2",
      source: { file: "t22.xml", line: 6 },
    });
    // \x0d\x0a become a line break; NUL and other control bytes stay visible as \xNN.
    const kex = byIp(out.hosts, "5.135.85.59").services[0]!.banner!;
    expect(kex.startsWith("SSH-2.0-OpenSSH_5.3\r\n\\x00\\x00\\x03D\n\\x14")).toBe(true);

    const http = byIp(out.hosts, "189.130.201.167").services[0]!;
    expect(http.name).toBe("http");
    expect(http.http?.server).toBe("PDR-M800/1.0");
    expect(http.http?.headers["content-type"]).toBe("text/plain");
    expect(http.banner!.startsWith("HTTP/1.1 408 Unknown\r\nServer: PDR-M800/1.0\r\n")).toBe(true);

    const names = out.hosts.map((h) => h.services[0]!.name);
    expect(names.filter((n) => n === "ssh")).toHaveLength(97);
    // masscan's "unknown" names no service.
    expect(names.filter((n) => n === null)).toHaveLength(3);
  });

  it("T443: certificate banners mark TLS and are kept as text only", async () => {
    const out = await parseText(
      masscanXmlParser,
      readCorpus("masscan", "ivre_masscan_T443_tls_certs_48hosts.xml"),
    );
    for (const h of out.hosts) {
      expect(h.services).toHaveLength(1);
      expect(h.services[0]).toMatchObject({ port: 443, name: null, tunnel: "ssl", http: null });
    }
    expect(byIp(out.hosts, "81.5.150.60").services[0]!.banner!.startsWith("MIIDaTCCAlGg")).toBe(
      true,
    );
  });

  it("ntlm: status and banner records of one address merge into one service", async () => {
    const out = await parseText(
      masscanXmlParser,
      readCorpus("masscan", "ivre_masscan_ntlm_smb_10hosts.xml"),
      "smb.xml",
    );
    expect(out.hosts.map((h) => h.address)).toEqual([
      "10.3.8.1",
      "10.1.9.1",
      "10.1.5.1",
      "10.1.3.1",
      "10.3.2.1",
    ]);
    const h = byIp(out.hosts, "10.3.8.1");
    expect(h.sources).toEqual([{ file: "smb.xml", line: 5 }]);
    expect(h.services).toHaveLength(1);
    expect(h.services[0]!.source.line).toBe(5);
    expect(h.services[0]!.name).toBe("smb");
    expect(h.services[0]!.banner!.startsWith("SMBv2  guid=1bbfec5a-02f4-4629")).toBe(true);
  });

  it("-oJ: one host, its ports in file order, each with the line of its record", async () => {
    const out = await parseText(
      masscanJsonParser,
      readCorpus("masscan", "defectdojo_masscan_many_oJ.json"),
    );
    expect(out.hosts).toHaveLength(1);
    expect(out.hosts[0]!.address).toBe("172.29.0.3");
    expect(out.hosts[0]!.services.map((s) => [s.port, s.source.line])).toEqual([
      [8080, 2],
      [3000, 4],
      [8443, 6],
      [80, 8],
    ]);
  });

  it("list and console files name their host", async () => {
    const list = await parseText(
      masscanListParser,
      readCorpus("masscan", "Sigilo_masscan_oL_list_1host_ts0.txt"),
    );
    expect(list.hosts[0]!.address).toBe("129.158.57.49");
    expect(list.hosts[0]!.services.map((s) => [s.port, s.source.line])).toEqual([[25564, 2]]);
    const con = await parseText(
      masscanConsoleParser,
      readCorpus("masscan", "ODD_ParseScript_masscan_console_stdout_Discovered_lines.txt"),
    );
    expect(con.hosts[0]!.address).toBe("37.59.174.225");
    expect(con.hosts[0]!.services.map((s) => s.port)).toEqual([22, 53, 80, 21]);
  });

  it("does not claim Shodan, Censys or nmap documents", () => {
    for (const f of [
      ["shodan", "DevCyberNico_shodan_host_api_8.8.8.8_2023.json"],
      ["shodan", "go-shodan_stub_search_3_banners_nul-bytes_2017.json"],
      ["censys", "EXTRACTED_Kylansito_censys_v2_host_view_8.8.8.8.json"],
      ["censys", "EXTRACTED_Kylansito_censys_v2_search_hit_23.4.189.49.json"],
      ["nmap", "libnmap_1_host_ping_sn_mac.xml"],
      ["nmap", "ODD_py-presence_error_exit_no_hosts_no_xmldecl.xml"],
    ]) {
      const head = readCorpus(...f).slice(0, 65536);
      expect(all.filter((p) => p.detect(head)).map((p) => p.format)).toEqual([]);
    }
  });
});

const XML_HEAD = `<?xml version="1.0"?>
<!-- masscan v1.0 scan -->
<nmaprun scanner="masscan" start="1" version="1.0-BETA"  xmloutputversion="1.03">
<scaninfo type="syn" protocol="tcp" />
`;
const xmlHost = (ip: string, port: number, service = ""): string =>
  `<host endtime="1"><address addr="${ip}" addrtype="ipv4"/><ports><port protocol="tcp" portid="${port}"><state state="open" reason="syn-ack" reason_ttl="64"/>${service}</port></ports></host>\n`;

describe("masscan XML", () => {
  it("detects masscan's nmaprun, not nmap's", () => {
    expect(masscanXmlParser.detect(XML_HEAD)).toBe(true);
    expect(
      masscanXmlParser.detect('<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap">'),
    ).toBe(false);
    // The attribute inside a comment does not count.
    expect(masscanXmlParser.detect('<!-- <nmaprun scanner="masscan"> --><scan/>')).toBe(false);
  });

  it("merges ports and banners per address, IPv6 included", async () => {
    const text =
      XML_HEAD +
      xmlHost("192.0.2.10", 80) +
      xmlHost("2001:DB8::A", 554) +
      xmlHost(
        "192.0.2.10",
        80,
        '<service name="http" banner="HTTP/1.0 200 OK\\x0d\\x0aServer: Hikvision-Webs\\x0d\\x0a\\x0d\\x0a"></service>',
      ) +
      xmlHost("192.0.2.10", 80, '<service name="title" banner="  Live  View "></service>') +
      xmlHost("192.0.2.10", 443) +
      "</nmaprun>\n";
    const out = await parseText(masscanXmlParser, text, "x.xml", 5);
    expect(out.error).toBeNull();
    expect(out.hosts.map((h) => [h.address, h.addressType])).toEqual([
      ["192.0.2.10", "ipv4"],
      ["2001:db8::a", "ipv6"],
    ]);
    const h = out.hosts[0]!;
    expect(h.sources).toEqual([{ file: "x.xml", line: 5 }]);
    expect(h.services.map((s) => [s.port, s.source.line])).toEqual([
      [80, 5],
      [443, 9],
    ]);
    const web = h.services[0]!;
    expect(web.name).toBe("http");
    expect(web.banner).toBe("HTTP/1.0 200 OK\r\nServer: Hikvision-Webs\r\n\r\n\n  Live  View ");
    expect(web.http).toMatchObject({ server: "Hikvision-Webs", title: "Live View" });
  });

  it("yields the hosts before damage, then throws it with its line", async () => {
    const text =
      XML_HEAD + xmlHost("192.0.2.1", 80) + xmlHost("192.0.2.2", 22) + '<host endtime="1"><addr';
    const out = await parseText(masscanXmlParser, text);
    expect(out.hosts.map((h) => h.address)).toEqual(["192.0.2.1", "192.0.2.2"]);
    expect(out.error?.name).toBe("InputDamage");
    expect(out.error?.line).toBe(7);
  });

  it("stops at a second document appended to the file", async () => {
    const text =
      XML_HEAD + xmlHost("192.0.2.1", 80) + "</nmaprun>\n" + XML_HEAD + xmlHost("192.0.2.2", 80);
    const out = await parseText(masscanXmlParser, text);
    expect(out.hosts.map((h) => h.address)).toEqual(["192.0.2.1"]);
    expect(out.error?.line).toBe(7);
  });
});

describe("masscan JSON", () => {
  it("reads old -oJ: trailing comma before ], `,` lines, banners merged into one service", async () => {
    const text = `[
{   "ip": "192.0.2.7",   "timestamp": "1595853337", "ports": [ {"port": 554, "proto": "tcp", "status": "open", "reason": "syn-ack", "ttl": 64} ] }
,
{   "ip": "192.0.2.7",   "timestamp": "1595853338", "ports": [ {"port": 554, "proto": "tcp", "service": {"name": "unknown", "banner": "RTSP/1.0 401 Unauthorized\\u000d\\u000aContent-Base: rtsp://admin:12345@192.0.2.7:554/Streaming/Channels/101\\u000d\\u000a"} } ] }
,
{   "ip": "192.0.2.8",   "timestamp": "1595853339", "ports": [ {"port": 80, "proto": "tcp", "service": {"name": "http.server", "banner": "App-webs/"} } ] },
]
`;
    for (const chunkSize of [1, 7, 4096]) {
      const out = await parseText(masscanJsonParser, text, "m.json", chunkSize);
      expect(out.error).toBeNull();
      expect(out.problems).toEqual([]);
      expect(counts(out.hosts)).toEqual({ hosts: 2, ports: 2, banners: 2 });
      const rtsp = out.hosts[0]!.services[0]!;
      expect(rtsp.source.line).toBe(2);
      expect(rtsp.banner).toBe(
        "RTSP/1.0 401 Unauthorized\r\nContent-Base: rtsp://[redacted]@192.0.2.7:554/Streaming/Channels/101\r\n",
      );
      // A banner-only record still makes an open port.
      expect(out.hosts[1]!.services[0]).toMatchObject({ port: 80, state: "open", name: "http" });
      expect(out.hosts[1]!.services[0]!.http?.server).toBe("App-webs/");
    }
  });

  it("reads -oD NDJSON and the very old unbracketed layout with {finished: 1}", async () => {
    const ndjson =
      '{"ip":"192.0.2.9","timestamp":"1","port":8000,"proto":"tcp","rec_type":"status","data":{"status":"open","reason":"syn-ack","ttl":64}}\n' +
      '{"ip":"192.0.2.9","timestamp":"2","port":8000,"proto":"tcp","rec_type":"banner","data":{"service_name":"title","banner":"NVR"}}\n';
    expect(masscanJsonParser.detect(ndjson)).toBe(true);
    const out = await parseText(masscanJsonParser, ndjson);
    expect(out.error).toBeNull();
    expect(out.hosts[0]!.services).toHaveLength(1);
    expect(out.hosts[0]!.services[0]).toMatchObject({ port: 8000, banner: "NVR", name: "http" });
    expect(out.hosts[0]!.services[0]!.http?.title).toBe("NVR");

    const old =
      '{ "ip": "192.0.2.1", "ports": [ {"port": 80, "proto": "tcp", "status": "open"} ] },\n' +
      '{ "ip": "192.0.2.1", "ports": [ {"port": 443, "proto": "tcp", "status": "open"} ] },\n' +
      "{finished: 1}\n";
    expect(masscanJsonParser.detect(old)).toBe(true);
    const o = await parseText(masscanJsonParser, old);
    expect(o.error).toBeNull();
    expect(o.problems).toEqual([]);
    expect(o.hosts[0]!.services.map((s) => s.port)).toEqual([80, 443]);
  });

  it("skips a complete but invalid record, stops at a cut one", async () => {
    const text = `[
{ "ip": "192.0.2.1", "ports": [ {"port": 80, "proto": "tcp", "status": "open"} ] }
,
{ "ip": "192.0.2.2", "ports": [ {"port": 80 "proto": "tcp", "status": "open"} ] }
,
{ "ip": "192.0.2.3", "ports": [ {"port": 81, "proto": "tcp", "status": "open"} ] }
,
{ "ip": "192.0.2.4", "ports": [ {"port": 82, "pro`;
    const out = await parseText(masscanJsonParser, text);
    expect(out.hosts.map((h) => h.address)).toEqual(["192.0.2.1", "192.0.2.3"]);
    expect(out.problems.map((p) => p.line)).toEqual([4]);
    expect(out.error?.name).toBe("InputDamage");
    expect(out.error?.line).toBe(8);
  });

  it("reports a missing ] and a line break inside a string as damage", async () => {
    const open =
      '[\n{ "ip": "192.0.2.1", "ports": [ {"port": 80, "proto": "tcp", "status": "open"} ] }\n';
    const a = await parseText(masscanJsonParser, open);
    expect(a.hosts).toHaveLength(1);
    expect(a.error?.line).toBe(2);

    const cut =
      '{"ip": "192.0.2.1", "ports": [{"port": 80, "proto": "tcp", "status": "op\n{"ip": "192.0.2.2"}\n';
    const b = await parseText(masscanJsonParser, cut);
    expect(b.hosts).toEqual([]);
    expect(b.error?.line).toBe(1);
  });
});

describe("masscan list", () => {
  it("reads status and banner lines, IPv6, no trailing newline", async () => {
    const text = [
      "#masscan",
      "open tcp 80 192.0.2.5 1595853337",
      "banner tcp 80 192.0.2.5 1595853340 http HTTP/1.1 200 OK\\x0d\\x0aServer: DNVRS-Webs\\x0d\\x0a\\x0d\\x0a\\x3chtml\\x3e\\x3ctitle\\x3eDVR Login\\x3c/title\\x3e",
      "open udp 161 2001:db8::5 1595853337",
      "garbage here",
      "# end",
    ].join("\n");
    expect(masscanListParser.detect(text)).toBe(true);
    const out = await parseText(masscanListParser, text, "l.txt", 3);
    expect(out.error).toBeNull();
    expect(out.problems).toEqual([{ line: 5, message: 'not a masscan list line: "garbage here"' }]);
    expect(counts(out.hosts)).toEqual({ hosts: 2, ports: 2, banners: 1 });
    const web = out.hosts[0]!.services[0]!;
    expect(web.http).toMatchObject({ server: "DNVRS-Webs", title: "DVR Login" });
    expect(web.banner).toBe(
      "HTTP/1.1 200 OK\r\nServer: DNVRS-Webs\r\n\r\n<html><title>DVR Login</title>",
    );
    expect(out.hosts[1]).toMatchObject({ address: "2001:db8::5", addressType: "ipv6" });
    expect(out.hosts[1]!.services[0]).toMatchObject({ port: 161, protocol: "udp" });
  });

  it("reads banner bytes as UTF-8 when they are UTF-8, Latin-1 otherwise", async () => {
    const text =
      "banner tcp 80 192.0.2.6 0 title \\xe7\\x9b\\x91\\xe6\\x8e\\xa7\n" +
      "banner tcp 21 192.0.2.6 0 ftp 220 Caf\\xe9\\x1b[2J\n";
    const out = await parseText(masscanListParser, text);
    const [web, ftp] = out.hosts[0]!.services;
    expect(web!.http?.title).toBe("\u76d1\u63a7");
    // 0xE9 alone is not UTF-8; ESC stays escaped so no terminal sees it.
    expect(ftp!.banner).toBe("220 Caf\u00e9\\x1b[2J");
  });

  it("notes a file without its # end line", async () => {
    const out = await parseText(masscanListParser, "#masscan\nopen tcp 22 192.0.2.1 0\n");
    expect(out.hosts).toHaveLength(1);
    expect(out.problems.map((p) => p.line)).toEqual([2]);
  });
});

describe("masscan console", () => {
  it("reads results behind \\r progress lines and ignores status lines", async () => {
    const text =
      "Starting masscan 1.3.2 (http://bit.ly/14GZzcT) at 2024-01-01 00:00:00 GMT\n" +
      "Initiating SYN Stealth Scan\n" +
      "Scanning 2 hosts [2 ports/host]\n" +
      "rate:  0.00-kpps,  0.00% done,   0:00:00 remaining, found=0       \r" +
      "Discovered open port 554/tcp on 192.0.2.20                                    \n" +
      "rate:  0.10-kpps, 50.00% done,   0:00:01 remaining, found=1       \r" +
      "Discovered open port 80/tcp on 2001:db8::20                                   \r\n" +
      "Banner on port 554/tcp on 192.0.2.20: [unknown] RTSP/1.0 200 OK\\x0d\\x0aServer: rtsp://user:pw@cam\n" +
      "rate:  0.00-kpps, 100.00% done, waiting 10-secs, found=2       \r";
    expect(masscanConsoleParser.detect(text)).toBe(true);
    expect(masscanListParser.detect(text)).toBe(false);
    const out = await parseText(masscanConsoleParser, text, "c.txt", 11);
    expect(out.error).toBeNull();
    expect(out.problems).toEqual([]);
    expect(out.hosts.map((h) => [h.address, h.services.map((s) => s.port)])).toEqual([
      ["192.0.2.20", [554]],
      ["2001:db8::20", [80]],
    ]);
    expect(out.hosts[0]!.services[0]!.source.line).toBe(4);
    expect(out.hosts[0]!.services[0]!.banner).toBe(
      "RTSP/1.0 200 OK\r\nServer: rtsp://[redacted]@cam",
    );
  });
});

describe("masscan X509 banners", () => {
  it("decodes the server certificate so its names are evidence", async () => {
    const { hosts } = await ingest([
      corpusPath("masscan", "ivre_masscan_T443_tls_certs_48hosts.xml"),
    ]);
    const huawei = hosts.find((h) => h.address === "187.233.158.27")!;
    const tls = huawei.services[0]!.tls!;
    // Read with `openssl x509 -inform DER -noout -subject -issuer` from the base64 banner.
    expect(tls.subject).toBe("C=CN, ST=Hubei, L=Wuhan, CN=mediarouter.home");
    expect(tls.issuer).toBe(
      "C=CN, ST=Hubei, L=Wuhan, CN=root.home, emailAddress=mobile@huawei.com",
    );
    expect(tls.subjectFields.commonName).toBe("mediarouter.home");
    expect(hosts.filter((h) => h.services.some((s) => s.tls !== null))).toHaveLength(48);
  });
});
