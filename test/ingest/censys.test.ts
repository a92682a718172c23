import { describe, expect, it } from "vitest";
import { censysParser, detectCensys } from "../../src/ingest/censys/index.js";
import { parseText, readCorpus } from "../helpers.js";

const VIEW = "EXTRACTED_Kylansito_censys_v2_host_view_8.8.8.8.json";
const HIT = "EXTRACTED_Kylansito_censys_v2_search_hit_23.4.189.49.json";

const camera = (ip: string): Record<string, unknown> => ({
  ip,
  services: [
    {
      port: 80,
      service_name: "HTTP",
      extended_service_name: "HTTP",
      transport_protocol: "TCP",
      banner: 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="DS-2CD2043G0-I"\r\n',
      software: [
        {
          vendor: "Hikvision",
          product: "DS-2CD2043G0-I",
          version: "V5.5.82",
          uniform_resource_identifier: "cpe:2.3:h:hikvision:ds-2cd2043g0-i:v5.5.82:*:*:*:*:*:*:*",
        },
        {
          vendor: "Hikvision",
          product: "webs",
          uniform_resource_identifier: "cpe:2.3:a:hikvision:webs:*:*:*:*:*:*:*:*",
        },
      ],
      http: {
        response: {
          status_code: 401,
          headers: {
            Www_Authenticate: ['Digest realm="DS-2CD2043G0-I"'],
            Server: ["App-webs/"],
            Set_Cookie: ["session=s3cr3t"],
            _encoding: { Server: "DISPLAY_UTF8" },
          },
          html_title: "Document Error: Unauthorized",
          body: "<html>BODY-MARKER</html>",
          favicons: [
            {
              name: "http://192.0.2.1/favicon.ico",
              md5_hash: "89D32F5D1B5A2A4E7C3D0F1E2A3B4C5D",
              shodan_hash: 999357577,
            },
          ],
        },
      },
    },
    {
      port: 554,
      service_name: "RTSP",
      extended_service_name: "RTSP",
      transport_protocol: "TCP",
      banner: "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nServer: Hikvision-Webs\r\n\r\n",
    },
    {
      port: 443,
      service_name: "HTTP",
      extended_service_name: "HTTPS",
      transport_protocol: "TCP",
      tls: {
        certificates: {
          leaf_fp_sha_256: "AB".repeat(32),
          leaf_data: {
            subject_dn: "C=CN, O=Hikvision, CN=192.0.2.1",
            issuer_dn: "C=CN, O=Hikvision, CN=192.0.2.1",
            subject: { common_name: ["192.0.2.1"], organization: ["Hikvision"], country: ["CN"] },
            issuer: { common_name: ["192.0.2.1"] },
            serial_number: "1234567",
            validity: { start: "2019-05-01T00:00:00Z", end: "2029-04-28T00:00:00Z" },
          },
        },
      },
    },
  ],
  dns: {
    reverse_dns: { names: ["cam.example.net"] },
    names: ["cam.example.net.", "alias.example.net."],
  },
});

describe("censys corpus", () => {
  // python3 json.load: ip 8.8.8.8; services (port, transport_protocol, service_name):
  // (53, UDP, DNS), (443, TCP, HTTP), (443, QUIC, UNKNOWN), (853, TCP, UNKNOWN); no `software`.
  // Service start lines: the lines that are exactly 6 spaces + "{" between `"services":[` and
  // its `]` (4, 44, 263, 293). dns.names has 100 names, reverse_dns.names ["dns.google"]:
  // 101 distinct names.
  it("reads the host view", async () => {
    const r = await parseText(censysParser, readCorpus("censys", VIEW), VIEW, 1000);
    expect(r.error).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.hosts).toHaveLength(1);
    const h = r.hosts[0]!;
    expect(h.address).toBe("8.8.8.8");
    expect(h.status).toBe("up");
    expect(h.sources).toEqual([{ file: VIEW, line: 1 }]);
    expect(h.hostnames[0]).toBe("dns.google");
    expect(h.hostnames).toHaveLength(101);
    expect(h.services.map((s) => `${s.port}/${s.protocol} ${s.name}@${s.source.line}`)).toEqual([
      "53/udp dns@4",
      "443/tcp http@44",
      "443/udp null@263",
      "853/tcp null@293",
    ]);
    const https = h.services[1]!;
    expect(https.tunnel).toBe("ssl");
    expect(https.banner).toMatch(/^HTTP\/1\.1 302 Found\r\n/);
    expect(https.http).toMatchObject({ server: "HTTP server (unknown)", title: "302 Moved" });
    expect(https.http?.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(https.tls).toMatchObject({
      subject: "CN=dns.google",
      issuer: "C=US, O=Google Trust Services, CN=WR2",
      subjectFields: { commonName: "dns.google" },
      issuerFields: {
        commonName: "WR2",
        organizationName: "Google Trust Services",
        countryName: "US",
      },
      sha256: "50114f8038389859da7e1f4776bedf0b8d48e0ee302b60623c3a0f51a5d138a8",
    });
    expect(h.services[3]!.tls?.sha256).toBe(https.tls?.sha256);
    // The page body (`http.response.body`) is not kept.
    expect(JSON.stringify(h)).not.toContain("<H1>302 Moved</H1>");
  });

  // python3: ip 23.4.189.49 (the file starts with an empty line, the object on line 2);
  // services 80/TCP HTTP and 443/TCP HTTPS (with `certificate`, a SHA-256), on lines 52 and 58;
  // reverse_dns one name; operating_system vendor Akamai, other family=Linux, device=Web Proxy.
  it("reads a search hit", async () => {
    const r = await parseText(censysParser, readCorpus("censys", HIT), HIT);
    expect(r.error).toBeNull();
    const h = r.hosts[0]!;
    expect(r.hosts).toHaveLength(1);
    expect(h.address).toBe("23.4.189.49");
    expect(h.sources[0]!.line).toBe(2);
    expect(h.hostnames).toEqual(["a23-4-189-49.deploy.static.akamaitechnologies.com"]);
    expect(h.services.map((s) => `${s.port}/${s.protocol}@${s.source.line} ${s.tunnel}`)).toEqual([
      "80/tcp@52 null",
      "443/tcp@58 ssl",
    ]);
    expect(h.services[1]!.tls?.sha256).toBe(
      "f58a16fb5ddc40dd90c737cee57bc8bd3587d52bb09eefbc14894dbc4f0af8c8",
    );
    expect(h.os).toMatchObject([
      { name: "Akamai", vendor: "Akamai", family: "Linux", type: "Web Proxy", cpe: [] },
    ]);
  });
});

describe("censys shapes", () => {
  it("reads the API envelope with software, headers, favicons, RTSP and TLS", async () => {
    const text = JSON.stringify({ code: 200, status: "OK", result: camera("192.0.2.1") }, null, 2);
    const r = await parseText(censysParser, text);
    expect(r.error).toBeNull();
    expect(r.problems).toEqual([]);
    const h = r.hosts[0]!;
    expect(h.hostnames).toEqual(["cam.example.net", "alias.example.net"]);
    const [http, rtsp, https] = h.services;
    expect(http).toMatchObject({
      name: "http",
      product: "DS-2CD2043G0-I",
      version: "V5.5.82",
      cpe: [
        "cpe:2.3:h:hikvision:ds-2cd2043g0-i:v5.5.82:*:*:*:*:*:*:*",
        "cpe:2.3:a:hikvision:webs:*:*:*:*:*:*:*:*",
      ],
    });
    expect(http!.http).toMatchObject({
      server: "App-webs/",
      wwwAuthenticate: 'Digest realm="DS-2CD2043G0-I"',
      title: "Document Error: Unauthorized",
      faviconMd5: "89d32f5d1b5a2a4e7c3d0f1e2a3b4c5d",
      faviconMmh3: 999357577,
    });
    expect(http!.http!.headers["www-authenticate"]).toBe('Digest realm="DS-2CD2043G0-I"');
    expect(Object.keys(http!.http!.headers).sort()).toEqual(["server", "www-authenticate"]);
    expect(rtsp!.rtsp?.server).toBe("Hikvision-Webs");
    expect(https!.tls).toEqual({
      subject: "C=CN, O=Hikvision, CN=192.0.2.1",
      issuer: "C=CN, O=Hikvision, CN=192.0.2.1",
      subjectFields: { commonName: "192.0.2.1", organizationName: "Hikvision", countryName: "CN" },
      issuerFields: { commonName: "192.0.2.1" },
      serial: "1234567",
      notBefore: "2019-05-01T00:00:00Z",
      notAfter: "2029-04-28T00:00:00Z",
      sha256: "ab".repeat(32),
    });
    const json = JSON.stringify(h);
    expect(json).not.toContain("BODY-MARKER");
    expect(json).not.toContain("s3cr3t");
  });

  it("reads search hits with the line of each host", async () => {
    const text = [
      '{"code": 200, "status": "OK", "result": {"query": "services.port: 554", "total": 2, "hits": [',
      '  {"ip": "192.0.2.1", "services": [{"port": 554, "service_name": "RTSP", "transport_protocol": "TCP"}]},',
      '  {"ip": "2001:db8::5",',
      '   "services": [{"port": 80, "service_name": "HTTP", "transport_protocol": "TCP"}]}',
      "]}}",
    ].join("\n");
    const r = await parseText(censysParser, text);
    expect(r.error).toBeNull();
    // The first line looks like NDJSON; since no line parses alone, it is read as one document.
    expect(r.problems).toEqual([]);
    expect(r.hosts.map((h) => [h.address, h.addressType, h.sources[0]!.line])).toEqual([
      ["192.0.2.1", "ipv4", 2],
      ["2001:db8::5", "ipv6", 3],
    ]);
    expect(r.hosts[1]!.services[0]!.source.line).toBe(4);
  });

  it("reads a bare array of hosts", async () => {
    const r = await parseText(
      censysParser,
      JSON.stringify([camera("192.0.2.1"), camera("192.0.2.2")]),
    );
    expect(r.hosts.map((h) => [h.address, h.services.length])).toEqual([
      ["192.0.2.1", 3],
      ["192.0.2.2", 3],
    ]);
  });

  it("streams NDJSON and reports a broken line", async () => {
    const text = [
      JSON.stringify(camera("192.0.2.1")),
      '{"ip": "192.0.2.9", "services": [{"port": 8',
      JSON.stringify(camera("192.0.2.3")),
    ].join("\n");
    const r = await parseText(censysParser, text, "hosts.ndjson", 13);
    expect(r.error).toBeNull();
    expect(r.problems.map((p) => p.line)).toEqual([2]);
    expect(r.hosts.map((h) => [h.address, h.sources[0]!.line, h.services[2]!.source.line])).toEqual(
      [
        ["192.0.2.1", 1, 1],
        ["192.0.2.3", 3, 3],
      ],
    );
  });

  it("reads a BigQuery export line (host_identifier, base64 BYTES banner)", async () => {
    const banner = "RTSP/1.0 200 OK\r\nServer: Dahua Rtsp Server\r\n\r\n";
    // base64 of the banner above: printf 'RTSP/1.0 200 OK\r\nServer: Dahua Rtsp Server\r\n\r\n' | base64 -w0
    const b64 = "UlRTUC8xLjAgMjAwIE9LDQpTZXJ2ZXI6IERhaHVhIFJ0c3AgU2VydmVyDQoNCg==";
    const line = JSON.stringify({
      host_identifier: { ipv4: "192.0.2.7" },
      services: [{ port: 554, service_name: "RTSP", transport: "TCP", banner: b64 }],
    });
    const r = await parseText(censysParser, line + "\n");
    const svc = r.hosts[0]!.services[0]!;
    expect(r.hosts[0]!.address).toBe("192.0.2.7");
    expect(svc.banner).toBe(banner);
    expect(svc.rtsp?.server).toBe("Dahua Rtsp Server");
  });

  it("turns a broken document into InputDamage", async () => {
    const r = await parseText(censysParser, '{\n  "ip": "192.0.2.1",\n  "services": [\n');
    expect(r.hosts).toEqual([]);
    expect(r.error?.name).toBe("InputDamage");
  });
});

describe("censys detection", () => {
  it("claims host records in every wrapping", () => {
    expect(detectCensys(readCorpus("censys", VIEW))).toBe(true);
    expect(detectCensys(readCorpus("censys", HIT))).toBe(true);
    expect(
      detectCensys(JSON.stringify({ code: 200, status: "OK", result: camera("192.0.2.1") })),
    ).toBe(true);
    expect(detectCensys(JSON.stringify(camera("192.0.2.1")) + "\n")).toBe(true);
  });

  it("leaves Shodan and masscan alone", () => {
    for (const [dir, file] of [
      ["shodan", "DevCyberNico_shodan_host_api_8.8.8.8_2023.json"],
      ["shodan", "go-shodan_stub_search_3_banners_nul-bytes_2017.json"],
      ["masscan", "defectdojo_masscan_many_oJ.json"],
    ] as const) {
      expect(detectCensys(readCorpus(dir, file).slice(0, 65536)), file).toBe(false);
    }
  });
});
