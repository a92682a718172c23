import { describe, expect, it } from "vitest";
import { InputDamage } from "../../src/errors.js";
import { csvInventoryParser } from "../../src/ingest/csv/index.js";
import { dahuaMagicBoxParser } from "../../src/ingest/dahua/index.js";
import type { Host } from "../../src/model/host.js";
import { parseText } from "../helpers.js";

const SAO_PAULO = [
  "IP Address;MAC Address;Hostname;Location;Owner;Manufacturer;Model;Firmware Version;Serial Number;Andar;Observação",
  "10.20.0.11;a4:14:37:0b:a7:98;cam-recepcao;São Paulo;Segurança Patrimonial;Hikvision;DS-2CD2143G2-I;V5.7.3;DS-2CD2143G2-I20230101AAWRK12345678;Térreo;Câmera da recepção, entrada principal",
  "10.20.0.12;;nvr-01;São Paulo;TI;Dahua;NVR4216-16P-4KS2;4.001.0000000.3.R;7J0123PAZ00001;1º;",
  "",
].join("\n");

describe("csv inventory", () => {
  it("reads a semicolon file with aliases, accents and extra columns as tags", async () => {
    expect(csvInventoryParser.detect(SAO_PAULO)).toBe(true);
    expect(dahuaMagicBoxParser.detect(SAO_PAULO)).toBe(false);
    const { hosts, problems, error } = await parseText(
      csvInventoryParser,
      SAO_PAULO,
      "assets.csv",
      9,
    );
    expect(error).toBeNull();
    expect(problems).toEqual([]);
    expect(hosts).toHaveLength(2);
    expect(hosts[0]).toMatchObject({
      address: "10.20.0.11",
      addressType: "ipv4",
      mac: "A4:14:37:0B:A7:98",
      hostnames: ["cam-recepcao"],
      status: "unknown",
      site: "São Paulo",
      owner: "Segurança Patrimonial",
      tags: { Andar: "Térreo", Observação: "Câmera da recepção, entrada principal" },
      sources: [{ file: "assets.csv", line: 2 }],
    });
    expect(hosts[0]!.deviceInfo[0]).toMatchObject({
      kind: "inventory",
      manufacturer: "Hikvision",
      model: "DS-2CD2143G2-I",
      firmware: "V5.7.3",
      serial: "DS-2CD2143G2-I20230101AAWRK12345678",
      mac: "A4:14:37:0B:A7:98",
      source: { file: "assets.csv", line: 2 },
    });
    expect(hosts[0]!.deviceInfo[0]!.fields["IP Address"]).toBe("10.20.0.11");
    expect(hosts[1]).toMatchObject({
      address: "10.20.0.12",
      mac: null,
      hostnames: ["nvr-01"],
      owner: "TI",
      tags: { Andar: "1º" },
      sources: [{ line: 3 }],
    });
    expect(hosts[1]!.deviceInfo[0]).toMatchObject({
      manufacturer: "Dahua",
      model: "NVR4216-16P-4KS2",
      firmware: "4.001.0000000.3.R",
      serial: "7J0123PAZ00001",
    });
  });

  it("gives the same hosts whatever the chunk size", async () => {
    const whole = await parseText(csvInventoryParser, SAO_PAULO, "a", 1 << 20);
    const tiny = await parseText(csvInventoryParser, SAO_PAULO, "a", 3);
    expect(tiny.hosts).toEqual(whole.hosts);
  });

  it("keeps bad-IP rows with a MAC or serial, skips rows with no identity, counts lines exactly", async () => {
    const text = [
      "ip,mac,hostname,serial,notes,password",
      '10.0.0.1,,cam1,,"=HYPERLINK(""http://x"",""y"")",12345',
      "",
      "10.0.0.300,00-11-22-33-44-55,cam2,,",
      "not-an-ip,,cam3,,",
      ",,orphan,,just a note",
      ',,,SN-123,"two',
      'lines"',
      "10.0.0.9,zz:zz,cam9,,",
      ",,,,",
      "2001:DB8::10,,cam6,,",
    ].join("\r\n");
    expect(csvInventoryParser.detect(text)).toBe(true);
    const { hosts, problems, error } = await parseText(csvInventoryParser, text, "inv.csv", 4);
    expect(error).toBeNull();
    expect(problems).toEqual([
      { line: 4, message: '"10.0.0.300" is not an IP address' },
      {
        line: 5,
        message: '"not-an-ip" is not an IP address and the row has no MAC or serial; row skipped',
      },
      { line: 6, message: "row has no IP address, MAC or serial; skipped" },
      { line: 9, message: '"zz:zz" is not a MAC address' },
    ]);
    const summary = hosts.map((h: Host) => [
      h.sources[0]!.line,
      h.address,
      h.mac,
      h.deviceInfo[0]!.serial,
    ]);
    expect(summary).toEqual([
      [2, "10.0.0.1", null, null],
      [4, null, "00:11:22:33:44:55", null],
      [7, null, null, "SN-123"],
      [9, "10.0.0.9", null, null],
      [11, "2001:db8::10", null, null],
    ]);
    expect(hosts[0]!.tags).toEqual({ notes: '=HYPERLINK("http://x","y")', password: "[redacted]" });
    expect(JSON.stringify(hosts)).not.toContain("12345");
    expect(hosts[2]!.tags).toEqual({ notes: "two\r\nlines" });
    expect(hosts[4]!.addressType).toBe("ipv6");
  });

  it("reads tab-separated text and an Excel sep= hint", async () => {
    const tabs = "ip\tvendor\tmodel\n192.168.1.64\tHikvision\tDS-2CD1023G0E-I\n";
    expect(csvInventoryParser.detect(tabs)).toBe(true);
    const a = await parseText(csvInventoryParser, tabs);
    expect(a.hosts[0]!.address).toBe("192.168.1.64");
    expect(a.hosts[0]!.deviceInfo[0]).toMatchObject({
      manufacturer: "Hikvision",
      model: "DS-2CD1023G0E-I",
    });

    const hinted = 'sep=;\n"IP";"Site";"Fw"\n10.1.1.1;Lima;V5.5.0\n';
    expect(csvInventoryParser.detect(hinted)).toBe(true);
    const b = await parseText(csvInventoryParser, hinted, "x", 2);
    expect(b.problems).toEqual([]);
    expect(b.hosts).toHaveLength(1);
    expect(b.hosts[0]).toMatchObject({ address: "10.1.1.1", site: "Lima", sources: [{ line: 3 }] });
    expect(b.hosts[0]!.deviceInfo[0]!.firmware).toBe("V5.5.0");
  });

  it("yields rows before the rest of the text has arrived", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // csv-parse holds a record whose line break ends the data so far until it sees what follows.
    async function* source(): AsyncGenerator<string> {
      yield "ip,mac\n10.0.0.1,aa:bb:cc:dd:ee:01\n";
      yield "10.0.0.2,\n";
      await gate;
      yield "10.0.0.3,\n";
    }
    const gen = csvInventoryParser.parse(source(), { file: "s", problem: () => {} });
    const first = await gen.next();
    expect((first.value as Host).address).toBe("10.0.0.1");
    release();
    const rest: Host[] = [];
    for await (const h of gen) rest.push(h);
    expect(rest.map((h) => h.address)).toEqual(["10.0.0.2", "10.0.0.3"]);
  });

  it("throws damage at an unclosed quote after yielding the rows before it", async () => {
    const { hosts, error } = await parseText(
      csvInventoryParser,
      'ip,model\n10.0.0.1,a\n10.0.0.2,"b\n10.0.0.3,c\n',
    );
    expect(hosts.map((h) => h.address)).toEqual(["10.0.0.1"]);
    expect(error).toBeInstanceOf(InputDamage);
    expect(error!.line).toBe(3);
  });

  it("detects only a header with an IP column and another known column", () => {
    expect(csvInventoryParser.detect("\n\nip_address,Serial Number\n")).toBe(true);
    expect(csvInventoryParser.detect("Address,Make,Location\n")).toBe(true);
    expect(csvInventoryParser.detect("ip,notes\n10.0.0.1,x\n")).toBe(false);
    expect(csvInventoryParser.detect("hostname,owner,serial\n")).toBe(false);
    expect(csvInventoryParser.detect("deviceType=IPC-HDW5831R-ZE\nserialNumber=X\n")).toBe(false);
    expect(csvInventoryParser.detect('<?xml version="1.0"?><nmaprun/>')).toBe(false);
  });
});
