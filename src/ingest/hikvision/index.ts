import { newDeviceInfo, newHost, normaliseMac } from "../../model/build.js";
import type { Host } from "../../model/host.js";
import { asObject, objectLines, parseJson, str } from "../common/json.js";
import { readAll } from "../common/text.js";
import { parseXmlTree, rootElementName } from "../common/xml.js";
import type { XmlNode } from "../common/xml.js";
import type { ParseContext, Parser } from "../parser.js";

const ISAPI_NAMESPACE = /hikvision\.com\/ver\d+\/XMLSchema|isapi\.org\/ver\d+\/XMLSchema/i;
const DUMP_PATH = ["data", "ISAPI", "System/deviceInfo", "response"];

/**
 * Hikvision ISAPI `/ISAPI/System/deviceInfo` answers: the raw XML, or the xmltodict-style JSON
 * device dumps of hikvision_next, of which only `System/deviceInfo` is read.
 */
export const hikvisionIsapiParser: Parser = {
  format: "hikvision-isapi",
  detect(head: string): boolean {
    const t = head.trimStart();
    if (t.startsWith("<")) {
      const root = rootElementName(t);
      if (root === "ResponseStatus") return ISAPI_NAMESPACE.test(t);
      // Older firmware omits the namespace; the build-date field is ISAPI's own.
      return (
        root === "DeviceInfo" && (ISAPI_NAMESPACE.test(t) || t.includes("<firmwareReleasedDate"))
      );
    }
    return (
      t.startsWith("{") &&
      (t.includes('"System/deviceInfo"') || (t.includes('"ISAPI"') && t.includes('"DeviceInfo"')))
    );
  },
  parse: parseIsapi,
};

async function* parseIsapi(
  text: AsyncIterable<string>,
  ctx: ParseContext,
): AsyncGenerator<Host, void, undefined> {
  // The first non-blank chunk tells XML from JSON; XML is then streamed, JSON read whole.
  const it = text[Symbol.asyncIterator]();
  let head = "";
  for (let r = await it.next(); !r.done; r = await it.next()) {
    head += r.value;
    if (head.trim()) break;
  }
  async function* all(): AsyncGenerator<string> {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  const host = head.trimStart().startsWith("{")
    ? fromJson(await readAll(all()), ctx)
    : fromXml(await parseXmlTree(all()), ctx);
  if (host) yield host;
}

function fromXml(root: XmlNode, ctx: ParseContext): Host | null {
  const fields: Record<string, string> = {};
  for (const child of root.children) {
    const value = child.text.trim();
    if (child.children.length === 0 && value) fields[child.name] = value;
  }
  if (root.name === "ResponseStatus") {
    ctx.problem(root.line, errorMessage(fields));
    return null;
  }
  if (root.name !== "DeviceInfo") {
    ctx.problem(root.line, `<${root.name}> is not an ISAPI deviceInfo answer; nothing read`);
    return null;
  }
  return hostFrom(fields, root.line, ctx);
}

function fromJson(text: string, ctx: ParseContext): Host | null {
  const doc = parseJson(text);
  let response: Record<string, unknown> | null = asObject(doc);
  let path: string[] = [];
  if (!response?.["DeviceInfo"]) {
    response = DUMP_PATH.reduce<Record<string, unknown> | null>(
      (node, key) => asObject(node?.[key]),
      asObject(doc),
    );
    path = DUMP_PATH;
  }
  const lines = objectLines(text, path.length + 1);
  const error = asObject(response?.["ResponseStatus"]);
  const info = asObject(response?.["DeviceInfo"]);
  const at = (name: string): number => lines.get([...path, name].join("/")) ?? 1;
  if (error) {
    ctx.problem(at("ResponseStatus"), errorMessage(simpleFields(error)));
    return null;
  }
  if (!info) {
    ctx.problem(1, "no System/deviceInfo answer in this ISAPI dump; nothing read");
    return null;
  }
  return hostFrom(simpleFields(info), at("DeviceInfo"), ctx);
}

/** xmltodict keeps attributes as `@name` and text beside attributes as `#text`. */
function simpleFields(obj: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, raw] of Object.entries(obj)) {
    if (key.startsWith("@")) continue;
    const value =
      str(asObject(raw)?.["#text"] ?? raw) ?? (typeof raw === "boolean" ? String(raw) : null);
    if (value !== null) fields[key] = value;
  }
  return fields;
}

function errorMessage(f: Record<string, string>): string {
  const detail = [f["statusCode"], f["statusString"]].filter(Boolean).join(" ");
  const sub = [f["subStatusCode"], f["errorCode"] && `errorCode ${f["errorCode"]}`]
    .filter(Boolean)
    .join(", ");
  return `device answered with an ISAPI error (statusCode ${detail || "?"}${sub ? `, ${sub}` : ""}), not device information`;
}

function hostFrom(fields: Record<string, string>, line: number, ctx: ParseContext): Host {
  const source = { file: ctx.file, line };
  const host = newHost(source);
  host.status = "up";
  const info = newDeviceInfo("hikvision-isapi", source);
  info.manufacturer = fields["manufacturer"] ?? null;
  info.model = fields["model"] ?? null;
  info.firmware = fields["firmwareVersion"] ?? null;
  info.firmwareBuild = fields["firmwareReleasedDate"] ?? null;
  info.serial = fields["serialNumber"] ?? null;
  info.mac = normaliseMac(fields["macAddress"]);
  info.deviceType = fields["deviceType"] ?? null;
  info.deviceName = fields["deviceName"] ?? null;
  info.hardware = fields["hardwareVersion"] ?? null;
  info.fields = fields;
  host.mac = info.mac;
  host.deviceInfo.push(info);
  return host;
}
