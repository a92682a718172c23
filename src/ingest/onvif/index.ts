import { newDeviceInfo, newHost } from "../../model/build.js";
import type { Host } from "../../model/host.js";
import { findAll, findFirst, parseXmlTree, rootElementName } from "../common/xml.js";
import type { XmlNode } from "../common/xml.js";
import type { ParseContext, Parser } from "../parser.js";

/** An ONVIF `GetDeviceInformationResponse` SOAP envelope, or the Fault a device sent instead. */
export const onvifParser: Parser = {
  format: "onvif",
  detect(head: string): boolean {
    return (
      rootElementName(head) === "Envelope" &&
      (head.includes("GetDeviceInformationResponse") || /<([\w.-]+:)?Fault[\s>]/.test(head))
    );
  },
  parse: parseOnvif,
};

async function* parseOnvif(
  text: AsyncIterable<string>,
  ctx: ParseContext,
): AsyncGenerator<Host, void, undefined> {
  const root = await parseXmlTree(text);
  const answer = findFirst(root, "GetDeviceInformationResponse");
  if (!answer) {
    const fault = findFirst(root, "Fault");
    ctx.problem(
      fault?.line ?? root.line,
      fault
        ? `device answered with a SOAP Fault (${faultText(fault)}), not device information`
        : "no GetDeviceInformationResponse in this SOAP envelope; nothing read",
    );
    return;
  }
  const fields: Record<string, string> = {};
  for (const child of answer.children) {
    const value = child.text.trim();
    if (child.children.length === 0 && value) fields[child.name] = value;
  }
  const source = { file: ctx.file, line: answer.line };
  const info = newDeviceInfo("onvif", source);
  info.manufacturer = fields["Manufacturer"] ?? null;
  info.model = fields["Model"] ?? null;
  info.firmware = fields["FirmwareVersion"] ?? null;
  info.serial = fields["SerialNumber"] ?? null;
  info.hardware = fields["HardwareId"] ?? null;
  info.fields = fields;
  const host = newHost(source);
  host.status = "up";
  host.deviceInfo.push(info);
  yield host;
}

/** SOAP 1.2 `Code/Value`, `Subcode/Value` and `Reason/Text`, or SOAP 1.1 `faultcode`/`faultstring`. */
function faultText(fault: XmlNode): string {
  const texts = (nodes: XmlNode[]): string[] => nodes.map((n) => n.text.trim()).filter(Boolean);
  const code = findFirst(fault, "Code");
  const codes = code ? texts(findAll(code, "Value")) : texts(findAll(fault, "faultcode"));
  const reason = texts([...findAll(fault, "Text"), ...findAll(fault, "faultstring")]);
  return [codes.join(" / "), reason[0]].filter(Boolean).join(": ") || "no reason given";
}
