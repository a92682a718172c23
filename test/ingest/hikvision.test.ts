import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputDamage } from "../../src/errors.js";
import { csvInventoryParser } from "../../src/ingest/csv/index.js";
import { dahuaMagicBoxParser } from "../../src/ingest/dahua/index.js";
import { hikvisionIsapiParser } from "../../src/ingest/hikvision/index.js";
import { onvifParser } from "../../src/ingest/onvif/index.js";
import { corpusDir, parseText, readCorpus } from "../helpers.js";

const head = (text: string): string => text.slice(0, 65536).replace(/^\uFEFF/, "");

interface Expected {
  line: number;
  model: string;
  firmware: string;
  firmwareBuild: string;
  serial: string;
  mac: string;
  deviceType: string;
  deviceName: string;
  hardware: string;
  manufacturer: string | null;
}

const corpus: Record<string, Expected> = {
  "hikvision_next_ISAPI_deviceInfo_ipc1_DS-2CD2386G2-IU.xml": {
    line: 2,
    model: "DS-2CD2386G2-IU",
    firmware: "V5.7.18",
    firmwareBuild: "build 240826",
    serial: "DS-2CD2386G2-IU00000000AAWRJ00000000",
    mac: "A6:63:9E:F8:01:09",
    deviceType: "IPCamera",
    deviceName: "yard",
    hardware: "0x0",
    manufacturer: "hikvision",
  },
  "hikvision_next_device_dump_DS-2SE4C425MWG-E-26.json": {
    line: 6,
    model: "DS-2SE4C425MWG-E-26",
    firmware: "V5.8.1",
    firmwareBuild: "build 240929",
    serial: "DS-2SE4C425MWG-E/0000000000AAWRFC0000000",
    mac: "46:C0:7B:B4:78:F6",
    deviceType: "IPDome",
    deviceName: "IP DOME",
    hardware: "0x0",
    manufacturer: "hikvision",
  },
  "hikvision_next_device_dump_DS-2TD1228-2-QA.json": {
    line: 6,
    model: "DS-2TD1228-2-QA",
    firmware: "V5.5.98",
    firmwareBuild: "build 240726",
    serial: "DS-2TD1228-2/QA/xxxxxxxxxxxxxxxxxx",
    mac: "A6:60:9E:F8:01:09",
    deviceType: "IPCamera",
    deviceName: "Camera",
    hardware: "0x0",
    manufacturer: null,
  },
  "hikvision_next_device_dump_DS-7608NXI-I2.json": {
    line: 6,
    model: "DS-7608NXI-I2/8P/S",
    firmware: "V4.62.210",
    firmwareBuild: "build 230619",
    serial: "DS-7608NXI-I0/0P/S0000000000CCRRJ00000000WCVU",
    mac: "E0:44:CF:0B:A7:98",
    deviceType: "NVR",
    deviceName: "nvr",
    hardware: "0100000092010000",
    manufacturer: null,
  },
  "hikvision_next_device_dump_DS-7732NI-M4.json": {
    line: 6,
    model: "DS-7732NI-M4",
    firmware: "V5.03.020",
    firmwareBuild: "build 240904",
    serial: "DS-7732NI-M4-0000000000CCRRL00000000WCVU",
    mac: "22:EA:FB:38:1E:06",
    deviceType: "NVR",
    deviceName: "NVR Casa Torino",
    hardware: "B-R-K21B1-00",
    manufacturer: null,
  },
  "hikvision_next_device_dump_iDS-7208HQHI-M1.json": {
    line: 6,
    model: "iDS-7208HQHI-M1(A)/S(C)",
    firmware: "V4.75.011",
    firmwareBuild: "build 240625",
    serial: "iDS-7208HQHI-M0(A)/S(C)0000000000CCWRFD0000000WCVU",
    mac: "E5:58:62:82:ED:41",
    deviceType: "DVR",
    deviceName: "Embedded Net DVR",
    hardware: "0xc0ebc00",
    manufacturer: "hikvision",
  },
};

describe("hikvision ISAPI corpus", () => {
  for (const [file, want] of Object.entries(corpus)) {
    it(file, async () => {
      const text = readCorpus("hikvision", file);
      expect(hikvisionIsapiParser.detect(head(text))).toBe(true);
      for (const other of [onvifParser, dahuaMagicBoxParser, csvInventoryParser]) {
        expect(other.detect(head(text))).toBe(false);
      }
      const { hosts, problems, error } = await parseText(hikvisionIsapiParser, text, file, 7);
      expect(error).toBeNull();
      expect(problems).toEqual([]);
      expect(hosts).toHaveLength(1);
      const host = hosts[0]!;
      expect(host).toMatchObject({ address: null, status: "up", mac: want.mac });
      expect(host.sources).toEqual([{ file, line: want.line }]);
      const { line, ...fields } = want;
      expect(host.deviceInfo).toHaveLength(1);
      expect(host.deviceInfo[0]).toMatchObject({
        kind: "hikvision-isapi",
        ...fields,
        source: { file, line },
      });
      expect(host.deviceInfo[0]!.fields["model"]).toBe(want.model);
      expect(Object.keys(host.deviceInfo[0]!.fields).some((k) => k.startsWith("@"))).toBe(false);
    });
  }

  it("keeps every simple field of the XML document, trimmed", async () => {
    const file = "hikvision_next_ISAPI_deviceInfo_ipc1_DS-2CD2386G2-IU.xml";
    const { hosts } = await parseText(hikvisionIsapiParser, readCorpus("hikvision", file));
    const fields = hosts[0]!.deviceInfo[0]!.fields;
    expect(Object.keys(fields)).toHaveLength(23);
    expect(fields).toMatchObject({
      deviceID: "6aff4000-1f90-00b0-0000-000c00000000",
      firmwareVersionInfo: "B-R-G5-0",
      subSerialNumber: "J00000000",
      OEMCode: "1",
      bootReleasedDate: "100316",
    });
  });

  it("reads only System/deviceInfo out of a device dump", async () => {
    const file = "hikvision_next_device_dump_DS-7608NXI-I2.json";
    const { hosts } = await parseText(hikvisionIsapiParser, readCorpus("hikvision", file));
    expect(Object.keys(hosts[0]!.deviceInfo[0]!.fields)).toEqual([
      "deviceName",
      "deviceID",
      "model",
      "serialNumber",
      "macAddress",
      "firmwareVersion",
      "firmwareReleasedDate",
      "encoderVersion",
      "encoderReleasedDate",
      "deviceType",
      "telecontrolID",
      "hardwareVersion",
      "decordChannelNums",
      "VGANums",
      "USBNums",
      "auxoutNums",
      "regionVersion",
    ]);
    const json = JSON.stringify(hosts);
    expect(json).not.toContain("adminAccesses");
    expect(json).not.toContain("XMLSchema");
  });

  it("reports a ResponseStatus error reply as a problem, with no host", async () => {
    const file = "smartclockbackup_device_info_ResponseStatus_invalidOperation.xml";
    const text = readCorpus("hikvision", file);
    expect(hikvisionIsapiParser.detect(head(text))).toBe(true);
    const { hosts, problems, error } = await parseText(hikvisionIsapiParser, text, file);
    expect(error).toBeNull();
    expect(hosts).toEqual([]);
    expect(problems).toEqual([
      {
        line: 2,
        message:
          "device answered with an ISAPI error (statusCode 4 Invalid Operation, invalidOperation, errorCode 1073741830), not device information",
      },
    ]);
  });
});

describe("hikvision ISAPI crafted documents", () => {
  it("reads the isapi.org namespace with a prefix, and CRLF", async () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<isapi:DeviceInfo version="2.0" xmlns:isapi="http://www.isapi.org/ver20/XMLSchema">',
      "  <isapi:deviceName> Portaria </isapi:deviceName>",
      "  <isapi:model>DS-7616NXI-K2</isapi:model>",
      "  <isapi:serialNumber>DS-7616NXI-K20120230101CCRRL12345678WCVU</isapi:serialNumber>",
      "  <isapi:macAddress>bc-ad-28-11-22-33</isapi:macAddress>",
      "  <isapi:firmwareVersion>V4.74.100</isapi:firmwareVersion>",
      "  <isapi:firmwareReleasedDate>build 231121</isapi:firmwareReleasedDate>",
      "  <isapi:deviceType>NVR</isapi:deviceType>",
      "  <isapi:Extra><isapi:nested>x</isapi:nested></isapi:Extra>",
      "</isapi:DeviceInfo>",
    ].join("\r\n");
    expect(hikvisionIsapiParser.detect(text)).toBe(true);
    const { hosts, problems, error } = await parseText(hikvisionIsapiParser, text, "nvr.xml", 5);
    expect(error).toBeNull();
    expect(problems).toEqual([]);
    expect(hosts[0]!.mac).toBe("BC:AD:28:11:22:33");
    expect(hosts[0]!.deviceInfo[0]).toMatchObject({
      model: "DS-7616NXI-K2",
      firmware: "V4.74.100",
      firmwareBuild: "build 231121",
      serial: "DS-7616NXI-K20120230101CCRRL12345678WCVU",
      deviceType: "NVR",
      deviceName: "Portaria",
      manufacturer: null,
      hardware: null,
      source: { file: "nvr.xml", line: 2 },
    });
    expect(hosts[0]!.deviceInfo[0]!.fields).not.toHaveProperty("Extra");
  });

  it("does not claim another vendor's ResponseStatus or DeviceInfo", () => {
    expect(
      hikvisionIsapiParser.detect(
        '<?xml version="1.0"?>\n<ResponseStatus xmlns="urn:example:other"><statusCode>1</statusCode></ResponseStatus>',
      ),
    ).toBe(false);
    expect(hikvisionIsapiParser.detect("<DeviceInfo><name>x</name></DeviceInfo>")).toBe(false);
    expect(hikvisionIsapiParser.detect('{"matches": [{"ip_str": "10.0.0.1"}]}')).toBe(false);
  });

  it("refuses an external entity with damage at its line and leaks nothing", async () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE DeviceInfo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      '<DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">',
      "<deviceName>&xxe;</deviceName>",
      "<model>DS-2CD2043G2-I</model>",
      "</DeviceInfo>",
    ].join("\n");
    expect(hikvisionIsapiParser.detect(text)).toBe(true);
    const result = await parseText(hikvisionIsapiParser, text);
    expect(result.error).toBeInstanceOf(InputDamage);
    expect(result.error!.line).toBe(4);
    expect(result.hosts).toEqual([]);
    const passwd = readFileSync("/etc/passwd", "utf8").split("\n")[0]!;
    expect(JSON.stringify(result)).not.toContain(passwd);
    expect(JSON.stringify(result)).not.toContain("root:");
  });

  it("refuses a billion-laughs document without expanding it", async () => {
    const defs = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) {
      defs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
    }
    const text = [
      '<?xml version="1.0"?>',
      `<!DOCTYPE DeviceInfo [\n${defs.join("\n")}\n]>`,
      '<DeviceInfo xmlns="http://www.hikvision.com/ver20/XMLSchema">',
      "<deviceName>&lol9;</deviceName>",
      "</DeviceInfo>",
    ].join("\n");
    const result = await parseText(hikvisionIsapiParser, text);
    expect(result.error).toBeInstanceOf(InputDamage);
    expect(result.hosts).toEqual([]);
    expect(JSON.stringify(result)).not.toContain("lollol");
  });

  it("reads a bare xmltodict DeviceInfo object when the format is forced", async () => {
    const text =
      '{\n  "DeviceInfo": {\n    "@xmlns": "http://www.isapi.org/ver20/XMLSchema",\n    "model": "DS-2CD1043G0-I",\n    "macAddress": "44:19:b6:00:00:01"\n  }\n}';
    expect(hikvisionIsapiParser.detect(text)).toBe(false);
    const { hosts } = await parseText(hikvisionIsapiParser, text);
    expect(hosts[0]!.deviceInfo[0]).toMatchObject({
      model: "DS-2CD1043G0-I",
      mac: "44:19:B6:00:00:01",
      source: { line: 2 },
    });
    expect(hosts[0]!.deviceInfo[0]!.fields).toEqual({
      model: "DS-2CD1043G0-I",
      macAddress: "44:19:b6:00:00:01",
    });
  });
});

describe("device parsers leave other corpus files alone", () => {
  for (const dir of ["nmap", "masscan", "shodan", "censys"]) {
    for (const file of readdirSync(`${corpusDir}/${dir}`)) {
      it(`${dir}/${file}`, () => {
        const text = head(readCorpus(dir, file));
        for (const parser of [
          hikvisionIsapiParser,
          onvifParser,
          dahuaMagicBoxParser,
          csvInventoryParser,
        ]) {
          expect(parser.detect(text), parser.format).toBe(false);
        }
      });
    }
  }
});
