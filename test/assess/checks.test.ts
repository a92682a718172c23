import { beforeAll, describe, expect, it } from "vitest";
import { loadAssessData } from "../../src/assess/data.js";
import type { AssessData } from "../../src/assess/data.js";
import type { Feeds } from "../../src/assess/feeds.js";
import { checkMatcher, complianceMatcher } from "../../src/assess/matchers.js";
import { unidentified } from "../../src/report/document.js";
import { newCertificate, newHost, newHttp, newService } from "../../src/model/build.js";
import type { Host, Service } from "../../src/model/host.js";
import type { Identification } from "../../src/model/report.js";

const feeds: Feeds = {
  kev: new Map(),
  kevDate: "2026-11-01",
  kevFrom: "",
  epss: new Map(),
  epssDate: null,
  epssFrom: null,
};
const hikvision: Identification = {
  ...unidentified(),
  manufacturer: "Hikvision",
  deviceType: "ip-camera",
  coveredVendor: true,
  confidence: 0.9,
};

let data: AssessData;
beforeAll(async () => {
  data = await loadAssessData();
});

function device(...services: Service[]): Host {
  const h = newHost({ file: "scan.xml", line: 1 });
  h.address = "10.0.0.9";
  h.status = "up";
  h.services.push(...services);
  return h;
}
function svc(
  port: number,
  name: string | null,
  extra: Partial<Service> = {},
  protocol: "tcp" | "udp" = "tcp",
): Service {
  return {
    ...newService(port, protocol, "open", { file: "scan.xml", line: port }),
    name,
    ...extra,
  };
}
function checks(
  host: Host,
  id: Identification = hikvision,
  now = new Date("2026-11-26T00:00:00Z"),
): Record<string, string[]> {
  const ctx = { device: host, identification: id, exposure: "controlled" as const, now };
  const found = [
    ...checkMatcher.match(ctx, data, feeds),
    ...complianceMatcher.match(ctx, data, feeds),
  ];
  return Object.fromEntries(found.map((f) => [f.id, f.evidence.map((e) => e.value)]));
}

describe("misconfiguration checks", () => {
  it("finds Telnet, SDK ports and UPnP from open ports, not closed ones", () => {
    const closed = { ...svc(23, "telnet"), state: "closed" };
    const got = checks(
      device(
        svc(23, "telnet"),
        svc(8000, "http-alt"),
        svc(1900, "upnp", {}, "udp"),
        closed,
        svc(443, "https"),
      ),
    );
    expect(got["telnet-open"]).toEqual(["tcp/23 open (telnet)"]);
    expect(got["sdk-port-exposed"]).toEqual(["tcp/8000 open: Hikvision SDK (iVMS) port"]);
    expect(got["upnp-enabled"]).toEqual(["udp/1900 open (upnp)"]);
    expect(got["http-only"]).toBeUndefined();
  });

  it("flags a web interface with no TLS anywhere on the device", () => {
    const web = svc(80, "http", { http: { ...newHttp(), server: "App-webs/" } });
    expect(checks(device(web))["http-only"]).toEqual([
      "tcp/80 serves the web interface without TLS, and no TLS port is open",
    ]);
    expect(checks(device(web, svc(443, "https", { tunnel: "ssl" })))["http-only"]).toBeUndefined();
  });

  it("recognises the vendor default certificate whatever the attribute order", () => {
    const tls = {
      ...newCertificate(),
      subject: "C=CN, ST=ZheJiang, L=HangZhou, O=HIKVISION, OU=DVRNVR, CN=www.hikvision.com",
    };
    const own = { ...newCertificate(), subject: "CN=cam1.city.example, O=Municipio" };
    expect(checks(device(svc(443, "https", { tls })))["default-certificate"]).toEqual([
      tls.subject,
    ]);
    expect(checks(device(svc(443, "https", { tls: own })))["default-certificate"]).toBeUndefined();
  });

  it("finds RTSP streams that answer without credentials", () => {
    const banner =
      "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: 400\r\n\r\nv=0";
    const challenged =
      'RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="IP Camera"';
    expect(checks(device(svc(554, "rtsp", { banner })))["rtsp-no-auth"]).toHaveLength(1);
    expect(
      checks(device(svc(554, "rtsp", { banner: challenged })))["rtsp-no-auth"],
    ).toBeUndefined();
  });

  it("finds device information served without login", () => {
    const banner =
      'HTTP/1.1 200 OK\r\n\r\n<DeviceInfo version="2.0"><model>DS-2CD2032-I</model><serialNumber>DS-2CD</serialNumber></DeviceInfo>';
    expect(checks(device(svc(80, "http", { banner })))["device-info-unauthenticated"]).toEqual([
      "device information served on tcp/80 without login",
    ]);
  });

  it("flags firmware built more than three years before the report", () => {
    const old = { ...hikvision, firmware: "V5.4.0 build 160530" };
    const recent = { ...hikvision, firmware: "V5.7.18 build 240826" };
    expect(checks(device(), old)["firmware-old"]).toEqual([
      "V5.4.0 build 160530 (built 2016-05-30)",
    ]);
    expect(checks(device(), recent)["firmware-old"]).toBeUndefined();
  });

  it("reports covered vendors and face recognition as compliance findings", () => {
    const terminal = {
      ...hikvision,
      deviceType: "access-control" as const,
      model: "DS-K1T671M",
      capabilities: ["face-recognition"],
    };
    const got = checks(device(), terminal);
    expect(got["covered-vendor"]![0]).toMatch(/^FCC Covered List .*2023-02-06/);
    expect(got["biometric-capability"]).toEqual(["face-recognition (DS-K1T671M)"]);
  });

  it("leaves devices it could not identify alone", () => {
    expect(checks(device(svc(23, "telnet")), unidentified())).toEqual({});
  });
});
