import { describe, expect, it } from "vitest";
import { mergeHosts } from "../../src/ingest/merge.js";
import { newDeviceInfo, newHost, newService, setAddress } from "../../src/model/build.js";
import type { Host } from "../../src/model/host.js";

function host(
  file: string,
  opts: { ip?: string; mac?: string; serial?: string; status?: Host["status"] },
): Host {
  const h = newHost({ file, line: 1 });
  if (opts.ip) setAddress(h, opts.ip);
  h.mac = opts.mac ?? null;
  h.status = opts.status ?? "up";
  if (opts.serial) {
    const d = newDeviceInfo("hikvision-isapi", { file, line: 2 });
    d.serial = opts.serial;
    h.deviceInfo.push(d);
  }
  return h;
}

describe("merging records per device", () => {
  it("joins by address and keeps every record's services with their sources", () => {
    const a = host("scan1.xml", { ip: "10.0.0.5" });
    a.services.push(newService(80, "tcp", "open", { file: "scan1.xml", line: 10 }));
    const b = host("scan2.xml", { ip: "10.0.0.5", mac: "C0:56:E3:00:00:01" });
    b.services.push(newService(554, "tcp", "open", { file: "scan2.xml", line: 20 }));
    const [device, ...rest] = mergeHosts([a, b]);
    expect(rest).toEqual([]);
    expect(device!.mac).toBe("C0:56:E3:00:00:01");
    expect(device!.services.map((s) => [s.port, s.source.file])).toEqual([
      [80, "scan1.xml"],
      [554, "scan2.xml"],
    ]);
    expect(device!.sources.map((s) => s.file)).toEqual(["scan1.xml", "scan2.xml"]);
  });

  it("joins a device document by MAC and an inventory row by serial", () => {
    const scan = host("scan.xml", { ip: "10.0.0.7", mac: "A4:14:37:00:00:07" });
    const isapi = host("deviceInfo.xml", {
      mac: "A4:14:37:00:00:07",
      serial: "DS-2CD2032-I20170101AAWR123456789",
    });
    const csv = host("assets.csv", {
      serial: "ds-2cd2032-i20170101aawr123456789",
      status: "unknown",
    });
    csv.site = "Terminal";
    const devices = mergeHosts([scan, isapi, csv]);
    expect(devices).toHaveLength(1);
    expect(devices[0]!.site).toBe("Terminal");
    expect(devices[0]!.status).toBe("up");
    expect(devices[0]!.deviceInfo).toHaveLength(2);
  });

  it("links two records through a third that knows both keys", () => {
    const isapi = host("dev.xml", { serial: "SERIAL-000123" }); // no address, no MAC
    const scan = host("scan.xml", { ip: "10.0.0.9" });
    const csv = host("assets.csv", { ip: "10.0.0.9", serial: "SERIAL-000123", status: "unknown" });
    const devices = mergeHosts([isapi, scan, csv]);
    expect(devices).toHaveLength(1);
    expect(devices[0]!.address).toBe("10.0.0.9");
  });

  it("keeps one address with two different MACs as two devices", () => {
    const a = host("monday.xml", { ip: "10.0.0.8", mac: "00:11:22:33:44:55" });
    const b = host("friday.xml", { ip: "10.0.0.8", mac: "66:77:88:99:AA:BB" });
    expect(mergeHosts([a, b])).toHaveLength(2);
  });

  it("ignores placeholder serials that many devices share", () => {
    const a = host("a.xml", { ip: "10.0.0.1", serial: "00000000" });
    const b = host("b.xml", { ip: "10.0.0.2", serial: "00000000" });
    expect(mergeHosts([a, b])).toHaveLength(2);
  });

  it("prefers up over unknown over down", () => {
    const down = host("a.xml", { ip: "10.0.0.3", status: "down" });
    const unknown = host("b.csv", { ip: "10.0.0.3", status: "unknown" });
    expect(mergeHosts([down, unknown])[0]!.status).toBe("unknown");
    expect(mergeHosts([down, host("c.xml", { ip: "10.0.0.3" })])[0]!.status).toBe("up");
  });
});
