import { newDeviceInfo, newHost, normaliseMac } from "../../model/build.js";
import type { DeviceInfo, Host } from "../../model/host.js";
import { REDACTED } from "../common/redact.js";
import { lines } from "../common/text.js";
import type { ParseContext, Parser } from "../parser.js";

const KEY_VALUE = /^([A-Za-z][\w.[\]]*)\s*=(.*)$/;
const KNOWN_KEYS = new Set([
  "devicetype",
  "updateserial",
  "serialnumber",
  "sn",
  "version",
  "vendor",
  "processor",
  "hardwareversion",
  "type",
  "machinename",
]);
// Dumps that also hold configManager answers can carry credentials.
const SECRET_KEY = /pass(word|wd)?$|pwd$|secret|token|key$/i;
// getSoftwareVersion: `2.800.0000016.0.R,build:2020-06-05`, `…R, build:…`, `…R build:…`.
const VERSION_BUILD = /^(.*?)[\s,]*\bbuild\s*:\s*(.*)$/i;

/** Dahua (and OEM: Amcrest, Lorex, IntelBras…) `magicBox.cgi?action=…` answers, one or several in a file. */
export const dahuaMagicBoxParser: Parser = {
  format: "dahua-magicbox",
  detect(head: string): boolean {
    const nonEmpty = head.split(/\r?\n/).filter((l) => l.trim());
    let pairs = 0;
    let known = false;
    for (const l of nonEmpty) {
      const m = KEY_VALUE.exec(l.trim());
      if (!m) continue;
      pairs++;
      known ||= KNOWN_KEYS.has(m[1]!.toLowerCase());
    }
    return known && pairs * 2 > nonEmpty.length;
  },
  parse: parseMagicBox,
};

async function* parseMagicBox(
  text: AsyncIterable<string>,
  ctx: ParseContext,
): AsyncGenerator<Host, void, undefined> {
  let info: DeviceInfo | null = null;
  const series: { deviceType?: string; type?: string; updateSerial?: string } = {};
  for await (const { text: raw, line } of lines(text)) {
    const l = raw.trim();
    if (!l) continue;
    const m = KEY_VALUE.exec(l);
    // Some firmware sends the build of getSoftwareVersion on a line of its own.
    const build = m ? null : /^build\s*:\s*(.+)$/i.exec(l);
    if (build && info?.firmware && !info.firmwareBuild) {
      info.firmwareBuild = build[1]!.trim();
      addField(info.fields, "build", info.firmwareBuild);
      continue;
    }
    if (!m) {
      ctx.problem(line, `not a magicBox key=value line: "${l.slice(0, 80)}"`);
      continue;
    }
    info ??= newDeviceInfo("dahua-magicbox", { file: ctx.file, line });
    const key = m[1]!;
    const value = m[2]!.trim();
    if (!value) continue;
    addField(info.fields, key, SECRET_KEY.test(key) ? REDACTED : value);
    switch (key.toLowerCase()) {
      case "devicetype":
        series.deviceType ??= value;
        break;
      case "type":
        series.type ??= value;
        break;
      case "updateserial":
        series.updateSerial ??= value;
        break;
      case "serialnumber":
      case "sn":
        info.serial ??= value;
        break;
      case "hardwareversion":
        info.hardware ??= value;
        break;
      case "vendor":
        info.manufacturer ??= value;
        break;
      case "machinename":
      case "name":
        info.deviceName ??= value;
        break;
      case "version":
        setVersion(info, value);
        break;
      default:
        if (/(^|\.)(physicaladdress|macaddress|mac)$/i.test(key)) info.mac ??= normaliseMac(value);
    }
  }
  if (!info) {
    ctx.problem(1, "no magicBox key=value answer found");
    return;
  }
  // getSystemInfo's deviceType is the exact model; updateSerial only names the firmware series.
  info.model = series.deviceType ?? series.type ?? series.updateSerial ?? null;
  const host = newHost(info.source);
  host.status = "up";
  host.mac = info.mac;
  host.deviceInfo.push(info);
  yield host;
}

/**
 * getSoftwareVersion and getHardwareVersion both answer `version=`: a bare two-part number
 * (`1.00`) is the hardware revision, anything else the firmware.
 */
function setVersion(info: DeviceInfo, value: string): void {
  const m = VERSION_BUILD.exec(value);
  if (m) {
    info.firmware ??= m[1]!.trim() || null;
    info.firmwareBuild ??= m[2]!.trim() || null;
  } else if (/^\d+\.\d+$/.test(value)) {
    info.hardware ??= value;
  } else {
    info.firmware ??= value;
  }
}

/** A key answered twice (two `version=` answers) keeps both values. */
function addField(fields: Record<string, string>, key: string, value: string): void {
  const old = fields[key];
  fields[key] = old === undefined || old === value ? value : `${old}; ${value}`;
}
