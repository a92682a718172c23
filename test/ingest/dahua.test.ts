import { describe, expect, it } from "vitest";
import { csvInventoryParser } from "../../src/ingest/csv/index.js";
import { dahuaMagicBoxParser } from "../../src/ingest/dahua/index.js";
import { hikvisionIsapiParser } from "../../src/ingest/hikvision/index.js";
import { onvifParser } from "../../src/ingest/onvif/index.js";
import { parseText, readCorpus } from "../helpers.js";

describe("dahua magicBox corpus", () => {
  it("getSystemInfo of an IPC-HDW5831R-ZE", async () => {
    const file = "EXTRACTED_rroller-dahua_getSystemInfo_IPC-HDW5831R-ZE.txt";
    const text = readCorpus("dahua", file);
    expect(dahuaMagicBoxParser.detect(text)).toBe(true);
    const { hosts, problems, error } = await parseText(dahuaMagicBoxParser, text, file, 7);
    expect(error).toBeNull();
    expect(problems).toEqual([]);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({
      address: null,
      status: "up",
      mac: null,
      sources: [{ file, line: 1 }],
    });
    expect(hosts[0]!.deviceInfo[0]).toEqual({
      kind: "dahua-magicbox",
      manufacturer: null,
      model: "IPC-HDW5831R-ZE",
      firmware: null,
      firmwareBuild: null,
      serial: "4X7C5A1ZAG21L3F",
      mac: null,
      deviceType: null,
      deviceName: null,
      hardware: "1.00",
      fields: {
        appAutoStart: "true",
        deviceType: "IPC-HDW5831R-ZE",
        hardwareVersion: "1.00",
        processor: "S3LM",
        serialNumber: "4X7C5A1ZAG21L3F",
        updateSerial: "IPC-HDW5830R-Z",
        updateSerialCloudUpgrade:
          "IPC-HDW5830R-Z:07:01:08:70:52:00:09:0E:03:00:04:8F0:00:00:00:00:00:02:00:00:600",
      },
      source: { file, line: 1 },
    });
  });

  it("getSoftwareVersion 2.800", async () => {
    const file = "EXTRACTED_rroller-dahua_getSoftwareVersion_2.800.txt";
    const text = readCorpus("dahua", file);
    expect(dahuaMagicBoxParser.detect(text)).toBe(true);
    const { hosts, problems } = await parseText(dahuaMagicBoxParser, text, file);
    expect(problems).toEqual([]);
    expect(hosts[0]!.deviceInfo[0]).toMatchObject({
      model: null,
      firmware: "2.800.0000016.0.R",
      firmwareBuild: "2020-06-05",
      hardware: null,
      fields: { version: "2.800.0000016.0.R,build:2020-06-05" },
    });
  });

  it("getSystemInfo of an Amcrest IP4M-1041B", async () => {
    const file = "EXTRACTED_scrypted-amcrest_getSystemInfo_IP4M-1041B_redacted.txt";
    const text = readCorpus("dahua", file);
    expect(dahuaMagicBoxParser.detect(text)).toBe(true);
    const { hosts, problems } = await parseText(dahuaMagicBoxParser, text, file);
    expect(problems).toEqual([]);
    expect(hosts[0]!.deviceInfo[0]).toMatchObject({
      manufacturer: null,
      model: "IP4M-1041B",
      serial: "12345",
      hardware: "1.00",
      fields: {
        processor: "SSC327DE",
        updateSerial: "IPC-AW46WN-S2",
        updateSerialCloudUpgrade: "IPC-AW46WN-.....",
      },
    });
  });

  it("is not claimed by the other device parsers", () => {
    for (const file of [
      "EXTRACTED_rroller-dahua_getSystemInfo_IPC-HDW5831R-ZE.txt",
      "EXTRACTED_rroller-dahua_getSoftwareVersion_2.800.txt",
      "EXTRACTED_scrypted-amcrest_getSystemInfo_IP4M-1041B_redacted.txt",
    ]) {
      const text = readCorpus("dahua", file);
      for (const other of [hikvisionIsapiParser, onvifParser, csvInventoryParser]) {
        expect(other.detect(text)).toBe(false);
      }
    }
  });
});

describe("dahua magicBox crafted answers", () => {
  it("merges concatenated CRLF answers into one device", async () => {
    const text = [
      "deviceType=IPC-HDW2431T-AS-S2",
      "hardwareVersion=1.00",
      "processor=S2LM",
      "serialNumber=6G0ABCDPAZ12345",
      "updateSerial=IPC-HDW2431T-AS",
      "",
      "version=2.800.0000000.25.R, build: 2021-03-15",
      "type=IPC-HDW2431T-AS-S2",
      "vendor=Dahua",
      "sn=6G0ABCDPAZ12345",
      "version=1.00",
      "name=Entrada",
      "",
    ].join("\r\n");
    expect(dahuaMagicBoxParser.detect(text)).toBe(true);
    const { hosts, problems, error } = await parseText(dahuaMagicBoxParser, text, "cam.txt", 3);
    expect(error).toBeNull();
    expect(problems).toEqual([]);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.deviceInfo[0]).toMatchObject({
      manufacturer: "Dahua",
      model: "IPC-HDW2431T-AS-S2",
      firmware: "2.800.0000000.25.R",
      firmwareBuild: "2021-03-15",
      serial: "6G0ABCDPAZ12345",
      hardware: "1.00",
      deviceName: "Entrada",
    });
    expect(hosts[0]!.deviceInfo[0]!.fields["version"]).toBe(
      "2.800.0000000.25.R, build: 2021-03-15; 1.00",
    );
    expect(hosts[0]!.deviceInfo[0]!.fields["sn"]).toBe("6G0ABCDPAZ12345");
  });

  it("takes the firmware from a version without build, the model from updateSerial alone", async () => {
    const { hosts } = await parseText(
      dahuaMagicBoxParser,
      "updateSerial=DH-XVR5108HS-X\nversion=4.001.0000000.5.R\nmachineName=XVR-Loja\nVendor=IntelBras\n",
    );
    expect(hosts[0]!.deviceInfo[0]).toMatchObject({
      model: "DH-XVR5108HS-X",
      firmware: "4.001.0000000.5.R",
      firmwareBuild: null,
      deviceName: "XVR-Loja",
      manufacturer: "IntelBras",
    });
  });

  it("reads a build on a line of its own, a MAC from a config answer, and reports stray lines", async () => {
    const text = [
      "version=2.800.0000000.1.R",
      "build:2021-06-01",
      "Error",
      "Bad Request!",
      "table.Network.eth0.PhysicalAddress=3c:ef:8c:11:22:33",
      "table.PPPoE.Password=hunter2",
    ].join("\n");
    const { hosts, problems } = await parseText(dahuaMagicBoxParser, text, "x", 4);
    expect(problems).toEqual([
      { line: 3, message: 'not a magicBox key=value line: "Error"' },
      { line: 4, message: 'not a magicBox key=value line: "Bad Request!"' },
    ]);
    expect(hosts[0]!.mac).toBe("3C:EF:8C:11:22:33");
    expect(hosts[0]!.deviceInfo[0]).toMatchObject({
      firmware: "2.800.0000000.1.R",
      firmwareBuild: "2021-06-01",
      mac: "3C:EF:8C:11:22:33",
    });
    expect(hosts[0]!.deviceInfo[0]!.fields["table.PPPoE.Password"]).toBe("[redacted]");
    expect(JSON.stringify(hosts)).not.toContain("hunter2");
  });

  it("reports an answer with no key=value line and yields nothing", async () => {
    const { hosts, problems } = await parseText(dahuaMagicBoxParser, "Error\r\nBad Request!\r\n");
    expect(hosts).toEqual([]);
    expect(problems.map((p) => p.line)).toEqual([1, 2, 1]);
  });

  it("does not claim CSV, masscan lists or unrelated key=value text", () => {
    expect(dahuaMagicBoxParser.detect("ip,mac,serial\n10.0.0.1,=cmd|' /C calc'!A0,x\n")).toBe(
      false,
    );
    expect(dahuaMagicBoxParser.detect("#masscan\nopen tcp 80 10.0.0.1 1700000000\n# end\n")).toBe(
      false,
    );
    expect(dahuaMagicBoxParser.detect("color=blue\nsize=3\n")).toBe(false);
    expect(dahuaMagicBoxParser.detect("version=1.0\nsome prose\nmore prose\nyet more\n")).toBe(
      false,
    );
  });
});
