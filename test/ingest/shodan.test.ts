import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  detectShodan,
  detectShodanBanners,
  detectShodanHost,
  detectShodanSearch,
  shodanParser,
} from "../../src/ingest/shodan/index.js";
import { asnTime, protectSerials } from "../../src/ingest/shodan/banner.js";
import { parseText, readCorpus } from "../helpers.js";

const HOST_API = "DevCyberNico_shodan_host_api_8.8.8.8_2023.json";
const SEARCH = "go-shodan_stub_search_3_banners_nul-bytes_2017.json";

const ndjson = (...records: unknown[]): string =>
  records.map((r) => JSON.stringify(r)).join("\n") + "\n";

describe("shodan corpus", () => {
  // Expected values from python3 json.load of the file: ip_str 8.8.8.8, data[] holds 3 banners
  // (53/tcp dns-tcp, 53/udp dns-udp, 443/tcp https), none with `product`; ports [443, 53].
  // Banner start lines: the lines that are exactly 8 spaces + "{" (26, 69, 114).
  // Favicon MD5: hashlib.md5(base64.b64decode(http.favicon.data)).hexdigest().
  it("reads the host API answer as one host with three services", async () => {
    const r = await parseText(shodanParser, readCorpus("shodan", HOST_API), HOST_API, 1000);
    expect(r.error).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.hosts).toHaveLength(1);
    const h = r.hosts[0]!;
    expect(h.address).toBe("8.8.8.8");
    expect(h.status).toBe("up");
    expect(h.hostnames).toEqual(["dns.google"]);
    expect(h.sources).toEqual([{ file: HOST_API, line: 26 }]);
    expect(h.services.map((s) => `${s.port}/${s.protocol}@${s.source.line}`)).toEqual([
      "53/tcp@26",
      "53/udp@69",
      "443/tcp@114",
    ]);
    expect(h.services.every((s) => s.state === "open" && s.product === null)).toBe(true);

    const https = h.services[2]!;
    expect(https.tunnel).toBe("ssl");
    expect(https.http?.server).toBe("scaffolding on HTTPServer2");
    expect(https.http?.title).toBe("Google Public DNS");
    expect(https.http?.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(https.http?.faviconMmh3).toBe(56641965);
    expect(https.http?.faviconMd5).toBe("cbc0168713777ee346ab9548f44f4f05");
    expect(https.tls).toEqual({
      subject: "CN=dns.google",
      issuer: "C=US, CN=GTS CA 1C3, O=Google Trust Services LLC",
      subjectFields: { commonName: "dns.google" },
      issuerFields: {
        countryName: "US",
        commonName: "GTS CA 1C3",
        organizationName: "Google Trust Services LLC",
      },
      // The 128-bit serial as written in the file (JSON.parse alone would round it).
      serial: "287386166705809197154741260489481841581",
      notBefore: "2023-02-20T09:15:37Z",
      notAfter: "2023-05-15T09:15:36Z",
      sha256: "cca617d8634c44a0a5f6aa360c4893b31c57d4514bff4270e6e5f1096941080e",
    });
    const json = JSON.stringify(h);
    expect(json).not.toContain("iVBORw0KGgo"); // favicon PNG data
    expect(json).not.toContain("<!DOCTYPE html>"); // http.html
  });

  // python3: 3 matches, 3 distinct ip_str, one banner each; match start lines are the lines
  // that are exactly 4 spaces + "{" (3, 41, 76). `version` of the first is the number 47.
  it("reads the search answer as three hosts and strips NUL runs", async () => {
    const r = await parseText(shodanParser, readCorpus("shodan", SEARCH), SEARCH, 100);
    expect(r.error).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.hosts.map((h) => h.address)).toEqual([
      "190.0.164.152",
      "186.65.80.76",
      "5.154.77.200",
    ]);
    const services = r.hosts.flatMap((h) => h.services);
    expect(services.map((s) => `${s.port}/${s.protocol} ${s.product} ${s.version}`)).toEqual([
      "27015/udp www.solugames.com 47",
      "1723/tcp null null",
      "10001/udp P5B-300 XW.ar934x.v6.0.3.30600.170329.1817",
    ]);
    expect(r.hosts.map((h) => h.sources[0]!.line)).toEqual([3, 41, 76]);
    expect(r.hosts[0]!.hostnames).toEqual(["190-0-164-152.srv.solunet.com.ar", "solunet.com.ar"]);
    expect(services[1]!.banner).toBe(
      "Firmware: 1\nHostname: Eco Stim Energy Solutions Argentina SA Router\nVendor: MikroTik",
    );
  });
});

describe("shodan NDJSON", () => {
  const camHttp = {
    ip_str: "192.0.2.10",
    port: 80,
    transport: "tcp",
    _shodan: { module: "http" },
    hostnames: ["cam1.example.net"],
    data: "HTTP/1.1 200 OK\r\nServer: App-webs/\r\n\r\n",
  };
  const camRtsp = {
    ip_str: "192.0.2.10",
    port: 554,
    transport: "tcp",
    _shodan: { module: "rtsp-tcp" },
    data:
      'RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="IP Camera(C6541)", nonce="abc"\r\n' +
      "Server: Hikvision-Webs\r\nPublic: OPTIONS, DESCRIBE, SETUP\r\n\r\n",
  };
  const other = { ip_str: "192.0.2.30", port: 8000, transport: "tcp", _shodan: {}, data: "" };

  it("merges two banners of one IP into one host with two services", async () => {
    const r = await parseText(shodanParser, ndjson(camHttp, camRtsp, other), "dl.json", 7);
    expect(r.problems).toEqual([]);
    expect(r.hosts.map((h) => h.address)).toEqual(["192.0.2.10", "192.0.2.30"]);
    const cam = r.hosts[0]!;
    expect(cam.sources).toEqual([{ file: "dl.json", line: 1 }]);
    expect(cam.hostnames).toEqual(["cam1.example.net"]);
    expect(cam.services.map((s) => [s.port, s.name, s.source.line])).toEqual([
      [80, "http", 1],
      [554, "rtsp", 2],
    ]);
    expect(cam.services[0]!.http?.server).toBe("App-webs/");
    expect(cam.services[1]!.rtsp).toMatchObject({
      server: "Hikvision-Webs",
      realm: "IP Camera(C6541)",
      methods: ["OPTIONS", "DESCRIBE", "SETUP"],
    });
  });

  it("reports a broken line and keeps the others", async () => {
    const text = ndjson(camHttp) + '{"ip_str": "192.0.2.20", "port": 80, "da\n' + ndjson(other);
    const r = await parseText(shodanParser, text);
    expect(r.error).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(2);
    expect(r.hosts.map((h) => h.address)).toEqual(["192.0.2.10", "192.0.2.30"]);
  });

  it("reports a broken first line and keeps the others", async () => {
    const text = '{"ip_str": "192.0.2.20", "po\n\n' + ndjson(other);
    const r = await parseText(shodanParser, text);
    expect(r.error).toBeNull();
    expect(r.problems.map((p) => p.line)).toEqual([1]);
    expect(r.hosts.map((h) => h.address)).toEqual(["192.0.2.30"]);
  });

  it("never keeps the screenshot, the page body or the favicon file", async () => {
    const icon = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
    // Shodan's layout: base64 with a line break every 76 characters.
    const iconB64 = icon.toString("base64").replace(/(.{76})/g, "$1\n") + "\n";
    const banner = {
      ip_str: "192.0.2.40",
      port: 80,
      transport: "tcp",
      _shodan: { module: "http" },
      opts: { screenshot: { mime: "image/jpeg", data: "/9j/4AAQSkZJRgSCREENSHOTMARKER" } },
      http: {
        html: "<html><head><title>Web Login</title></head><body>BODY-MARKER</body></html>",
        favicon: { hash: -1234567, data: iconB64, location: "http://192.0.2.40/favicon.ico" },
      },
      data: "HTTP/1.1 200 OK\r\nServer: webserver\r\n\r\n",
    };
    const r = await parseText(shodanParser, ndjson(banner));
    const h = r.hosts[0]!;
    const http = h.services[0]!.http!;
    // md5sum of the bytes 0..99: python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(100)))' | md5sum
    expect(http.faviconMd5).toBe("7acedd1a84a4cfcb6e7a16003242945e");
    expect(createHash("md5").update(icon).digest("hex")).toBe(http.faviconMd5);
    expect(http.faviconMmh3).toBe(-1234567);
    expect(http.title).toBe("Web Login");
    expect(http.server).toBe("webserver");
    const json = JSON.stringify(h);
    for (const trace of [
      "SCREENSHOTMARKER",
      "/9j/",
      "BODY-MARKER",
      "<html",
      iconB64.slice(0, 20),
    ]) {
      expect(json).not.toContain(trace);
    }
  });

  it("redacts credentials in banners", async () => {
    const banner = {
      ip_str: "192.0.2.50",
      port: 554,
      transport: "tcp",
      data: "RTSP/1.0 200 OK\r\nContent-Base: rtsp://admin:pass1234@192.0.2.50:554/Streaming/Channels/101/\r\n\r\n",
    };
    const r = await parseText(shodanParser, ndjson(banner));
    const svc = r.hosts[0]!.services[0]!;
    expect(svc.banner).toContain("rtsp://[redacted]@192.0.2.50:554/Streaming/Channels/101/");
    expect(JSON.stringify(r.hosts)).not.toContain("pass1234");
    expect(JSON.stringify(r.hosts)).not.toContain("admin:");
  });

  it("reads IPv6 banners", async () => {
    const banner = { ip_str: "2001:DB8::1", port: 443, transport: "tcp", _shodan: {}, data: "" };
    const r = await parseText(shodanParser, ndjson(banner));
    expect(r.hosts[0]).toMatchObject({ address: "2001:db8::1", addressType: "ipv6" });
  });
});

describe("shodan documents", () => {
  it("reads a pretty-printed single banner with MAC, CPEs, device type and a small serial", async () => {
    const banner = {
      ip: 3221225994, // 192.0.2.10 = 192·2^24 + 2·2^8 + 10
      port: 443,
      transport: "tcp",
      product: "Hikvision IP Camera",
      devicetype: "webcam",
      cpe: ["cpe:/h:hikvision:ds-2cd2032-i"],
      cpe23: ["cpe:2.3:h:hikvision:ds-2cd2032-i"],
      mac: { "a4:14:37:0b:a7:98": { assignment: "2014-06-04" } },
      _shodan: { module: "https" },
      ssl: {
        cert: {
          serial: 4660,
          issued: "230206083817Z",
          expires: "20330203083817Z",
          subject: { CN: "IPC", O: "Hikvision, Inc." },
          issuer: { CN: "IPC" },
        },
      },
      data: "",
    };
    const r = await parseText(shodanParser, "\n" + JSON.stringify(banner, null, 2));
    expect(r.error).toBeNull();
    const h = r.hosts[0]!;
    expect(h.address).toBe("192.0.2.10");
    expect(h.mac).toBe("A4:14:37:0B:A7:98");
    const svc = h.services[0]!;
    expect(svc.source.line).toBe(2);
    expect(svc).toMatchObject({
      product: "Hikvision IP Camera",
      deviceType: "webcam",
      tunnel: "ssl",
    });
    expect(svc.cpe).toEqual(["cpe:/h:hikvision:ds-2cd2032-i", "cpe:2.3:h:hikvision:ds-2cd2032-i"]);
    expect(svc.tls).toMatchObject({
      subject: "CN=IPC, O=Hikvision\\, Inc.",
      subjectFields: { commonName: "IPC", organizationName: "Hikvision, Inc." },
      serial: "4660",
      notBefore: "2023-02-06T08:38:17Z",
      notAfter: "2033-02-03T08:38:17Z",
    });
  });

  it("adds the ports of a host answer that have no banner", async () => {
    const text = JSON.stringify(
      { ip: 3221225994, ports: [80, 8000], data: [{ ip: 3221225994, port: 80, data: "" }] },
      null,
      2,
    );
    const r = await parseText(shodanParser, text);
    expect(r.hosts).toHaveLength(1);
    expect(r.hosts[0]!.services.map((s) => `${s.port}/${s.protocol}`)).toEqual([
      "80/tcp",
      "8000/tcp",
    ]);
  });

  it("turns a broken document into InputDamage", async () => {
    const text = '{\n  "matches": [\n    {"ip_str": "192.0.2.1", "port": 80,\n';
    const r = await parseText(shodanParser, text);
    expect(r.hosts).toEqual([]);
    expect(r.error?.name).toBe("InputDamage");
  });

  it("reports a Shodan error answer", async () => {
    const r = await parseText(shodanParser, '{"error": "No information available for that IP."}\n');
    expect(r.hosts).toEqual([]);
    expect(r.problems).toEqual([
      { line: 1, message: "Shodan error: No information available for that IP." },
    ]);
  });
});

describe("shodan helpers", () => {
  it("converts ASN.1 times and keeps serial digits", () => {
    expect(asnTime("20230206083817Z")).toBe("2023-02-06T08:38:17Z");
    expect(asnTime("990101000000Z")).toBe("1999-01-01T00:00:00Z");
    expect(asnTime("not a time")).toBe("not a time");
    expect(protectSerials('{"serial": 287386166705809197154741260489481841581, "x": 1}')).toBe(
      '{"serial": "287386166705809197154741260489481841581", "x": 1}',
    );
    expect(protectSerials('{"data": "\\"serial\\": 12345678901234567"}')).toBe(
      '{"data": "\\"serial\\": 12345678901234567"}',
    );
  });
});

describe("shodan detection", () => {
  it("claims its own formats", () => {
    expect(detectShodanHost(readCorpus("shodan", HOST_API).slice(0, 65536))).toBe(true);
    expect(detectShodanSearch(readCorpus("shodan", SEARCH))).toBe(true);
    expect(detectShodanBanners('{"ip_str": "192.0.2.1", "port": 80, "data": ""}\n')).toBe(true);
    expect(detectShodan(readCorpus("shodan", HOST_API).slice(0, 65536))).toBe(true);
    expect(detectShodan(readCorpus("shodan", SEARCH))).toBe(true);
    expect(detectShodan('{"_shodan": {"module": "http"}, "port": 80}\n')).toBe(true);
  });

  it("leaves masscan, Censys and nmap alone", () => {
    for (const [dir, file] of [
      ["masscan", "defectdojo_masscan_many_oJ.json"],
      ["masscan", "defectdojo_masscan_one_oJ.json"],
      ["censys", "EXTRACTED_Kylansito_censys_v2_host_view_8.8.8.8.json"],
      ["censys", "EXTRACTED_Kylansito_censys_v2_search_hit_23.4.189.49.json"],
      ["nmap", "libnmap_1_host_ping_sn_mac.xml"],
    ] as const) {
      expect(detectShodan(readCorpus(dir, file).slice(0, 65536)), file).toBe(false);
    }
    expect(detectShodan('{"ip": "192.0.2.1", "ports": [{"port": 80, "proto": "tcp"}]}')).toBe(
      false,
    );
  });
});
