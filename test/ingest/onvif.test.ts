import { describe, expect, it } from "vitest";
import { csvInventoryParser } from "../../src/ingest/csv/index.js";
import { dahuaMagicBoxParser } from "../../src/ingest/dahua/index.js";
import { hikvisionIsapiParser } from "../../src/ingest/hikvision/index.js";
import { onvifParser } from "../../src/ingest/onvif/index.js";
import { parseText, readCorpus } from "../helpers.js";

const bosch = {
  kind: "onvif",
  manufacturer: "Bosch",
  model: "FLEXIDOME indoor 5100i IR",
  firmware: "8.71.0066",
  firmwareBuild: null,
  serial: "404754734001050102",
  mac: null,
  deviceType: null,
  deviceName: null,
  hardware: "F000B543",
  fields: {
    Manufacturer: "Bosch",
    Model: "FLEXIDOME indoor 5100i IR",
    FirmwareVersion: "8.71.0066",
    SerialNumber: "404754734001050102",
    HardwareId: "F000B543",
  },
};

describe("onvif corpus", () => {
  for (const [file, line] of [
    ["onvif-go_bosch_flexidome5100i_GetDeviceInformationResponse_raw.xml", 1],
    ["onvif-go_bosch_flexidome5100i_GetDeviceInformationResponse_reserialized.xml", 3],
  ] as const) {
    it(file, async () => {
      const text = readCorpus("onvif", file);
      expect(onvifParser.detect(text)).toBe(true);
      for (const other of [hikvisionIsapiParser, dahuaMagicBoxParser, csvInventoryParser]) {
        expect(other.detect(text)).toBe(false);
      }
      const { hosts, problems, error } = await parseText(onvifParser, text, file, 7);
      expect(error).toBeNull();
      expect(problems).toEqual([]);
      expect(hosts).toHaveLength(1);
      expect(hosts[0]).toMatchObject({
        address: null,
        mac: null,
        status: "up",
        sources: [{ file, line }],
      });
      expect(hosts[0]!.deviceInfo).toEqual([{ ...bosch, source: { file, line } }]);
    });
  }
});

describe("onvif crafted answers", () => {
  it("reports a SOAP 1.2 Fault with no host", async () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ter="http://www.onvif.org/ver10/error">',
      "<env:Body>",
      "<env:Fault>",
      "<env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code>",
      '<env:Reason><env:Text xml:lang="en">Sender not Authorized</env:Text></env:Reason>',
      "</env:Fault>",
      "</env:Body>",
      "</env:Envelope>",
    ].join("\n");
    expect(onvifParser.detect(text)).toBe(true);
    const { hosts, problems, error } = await parseText(onvifParser, text);
    expect(error).toBeNull();
    expect(hosts).toEqual([]);
    expect(problems).toEqual([
      {
        line: 4,
        message:
          "device answered with a SOAP Fault (env:Sender / ter:NotAuthorized: Sender not Authorized), not device information",
      },
    ]);
  });

  it("reports a SOAP 1.1 Fault", async () => {
    const text =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Action not supported</faultstring></s:Fault></s:Body></s:Envelope>';
    expect(onvifParser.detect(text)).toBe(true);
    const { problems } = await parseText(onvifParser, text);
    expect(problems[0]!.message).toBe(
      "device answered with a SOAP Fault (s:Client: Action not supported), not device information",
    );
  });

  it("reads other prefixes and a default namespace", async () => {
    const text = [
      '<?xml version="1.0"?>',
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">',
      "  <s:Header/>",
      "  <s:Body>",
      '    <GetDeviceInformationResponse xmlns="http://www.onvif.org/ver10/device/wsdl">',
      "      <Manufacturer>HIKVISION</Manufacturer>",
      "      <Model>DS-2CD2143G2-IS</Model>",
      "      <FirmwareVersion>V5.7.3 build 220112</FirmwareVersion>",
      "      <SerialNumber>DS-2CD2143G2-IS20220304AAWRJ12345678</SerialNumber>",
      "      <HardwareId>88</HardwareId>",
      "    </GetDeviceInformationResponse>",
      "  </s:Body>",
      "</s:Envelope>",
    ].join("\n");
    const { hosts } = await parseText(onvifParser, text, "cam.xml", 5);
    expect(hosts[0]!.deviceInfo[0]).toMatchObject({
      manufacturer: "HIKVISION",
      model: "DS-2CD2143G2-IS",
      firmware: "V5.7.3 build 220112",
      serial: "DS-2CD2143G2-IS20220304AAWRJ12345678",
      hardware: "88",
      source: { file: "cam.xml", line: 5 },
    });
  });

  it("does not claim an envelope with another answer", () => {
    expect(
      onvifParser.detect(
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><GetSystemDateAndTimeResponse/></s:Body></s:Envelope>',
      ),
    ).toBe(false);
  });
});
