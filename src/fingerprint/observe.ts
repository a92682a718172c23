import type { DeviceInfo, Host } from "../model/host.js";
import type { Observation } from "./types.js";

/** Banners are matched on their start; a long page or certificate dump adds nothing but cost. */
const BANNER_LIMIT = 512;

/**
 * Everything on a host that a rule may match, each value with its field and source. Only
 * typed fields are read (a header, a title, a certificate name), never free script output:
 * a CVE list naming a vendor or a page mentioning one is not evidence of what the device is.
 */
export function observe(host: Host): Observation[] {
  const out: Observation[] = [];
  const hostSource = host.sources[0] ?? { file: "", line: 0 };
  if (host.mac) out.push({ field: "mac.oui", value: host.mac.slice(0, 8), source: hostSource });
  if (host.macVendor) out.push({ field: "mac.vendor", value: host.macVendor, source: hostSource });

  for (const s of host.services) {
    if (s.state !== "open" && s.state !== "unknown") continue;
    const source = s.source;
    const add = (field: Observation["field"], value: string | null | undefined): void => {
      if (value) out.push({ field, value, source });
    };
    add("port", `${s.protocol}/${s.port}`);
    add("service.product", s.product);
    for (const cpe of s.cpe) add("service.cpe", cpe);
    if (s.http) {
      add("http.server", s.http.server);
      add("http.title", s.http.title);
      add("http.favicon.md5", s.http.faviconMd5);
      if (s.http.faviconMmh3 !== null) add("http.favicon.mmh3", String(s.http.faviconMmh3));
      if (s.name === "rtsp") add("rtsp.realm", realm(s.http.wwwAuthenticate));
      else add("http.wwwauth", s.http.wwwAuthenticate);
    }
    if (s.rtsp) {
      add("rtsp.server", s.rtsp.server);
      add("rtsp.realm", s.rtsp.realm);
    }
    if (s.tls) {
      add("tls.subject", s.tls.subject);
      add("tls.issuer", s.tls.issuer);
    }
    // Banners behind TLS are certificates (base64) or cipher lists, never login prompts, and
    // base64 text can spell "DVR" by accident.
    if (s.banner && s.tunnel !== "ssl") add("banner", s.banner.slice(0, BANNER_LIMIT));
  }

  for (const d of host.deviceInfo) {
    const source = d.source;
    const add = (field: Observation["field"], value: string | null): void => {
      if (value) out.push({ field, value, source });
    };
    if (d.kind === "hikvision-isapi" || d.kind === "dahua-magicbox") add("device.kind", d.kind);
    add("device.manufacturer", d.manufacturer);
    add("device.model", d.model);
    add("device.firmware", firmwareString(d));
  }
  return out;
}

function realm(wwwAuthenticate: string | null): string | null {
  const m = wwwAuthenticate ? /realm\s*=\s*"?([^",]*)/i.exec(wwwAuthenticate) : null;
  return m?.[1] ?? null;
}

/**
 * Firmware as the vendor writes it, so advisories can compare it: Hikvision
 * `V5.4.0 build 160530`, Dahua `2.800.0000016.0.R, build: 2020-06-05`.
 */
export function firmwareString(d: DeviceInfo): string | null {
  if (!d.firmware) return null;
  const build = d.firmwareBuild?.trim();
  if (!build || d.firmware.includes(build)) return d.firmware;
  if (d.kind === "hikvision-isapi")
    return `${d.firmware} ${/^build\b/i.test(build) ? build : `build ${build}`}`;
  if (d.kind === "dahua-magicbox") return `${d.firmware}, build: ${build}`;
  return `${d.firmware} (${build})`;
}
