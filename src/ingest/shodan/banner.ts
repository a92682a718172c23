import { createHash } from "node:crypto";
import { addUnique, newCertificate, newHttp } from "../../model/build.js";
import type { HttpInfo, Service, TlsCertificate } from "../../model/host.js";
import { htmlTitle, httpFromHead, parseHeaderBlock, rtspFromHead } from "../common/http.js";
import { arr, asObject, str } from "../common/json.js";
import { redactSecrets } from "../common/redact.js";
import { distinguishedName, longAttributeName } from "../common/x509.js";

type Json = Record<string, unknown>;

/**
 * Fills a service from one Shodan banner. Only named fields are copied: the banner also
 * carries the page body (`http.html`), the favicon file and camera screenshots
 * (`opts.screenshot`), none of which may end up in a report.
 */
export function fillService(svc: Service, b: Json): void {
  const meta = asObject(b._shodan);
  const module = str(meta?.module);
  const ssl = asObject(b.ssl);
  // `rtsp-tcp`, `dns-udp`: the transport is already in the service key.
  let name = module?.replace(/-(tcp|udp)$/, "") ?? null;
  if (name === "https") name = "http";
  svc.name ??= name;
  svc.product ??= str(b.product);
  svc.version ??= str(b.version);
  svc.extraInfo ??= str(b.info);
  svc.deviceType ??= str(b.devicetype);
  svc.osType ??= str(b.os);
  for (const key of ["cpe", "cpe23"]) {
    const v = b[key];
    for (const c of typeof v === "string" ? [v] : arr(v)) addUnique(svc.cpe, str(c));
  }
  if (ssl || module === "https") svc.tunnel ??= "ssl";

  const raw = typeof b.data === "string" ? b.data.replaceAll("\u0000", "") : null;
  if (raw !== null && raw.trim()) svc.banner ??= redactSecrets(raw);
  const lead = raw?.trimStart() ?? "";

  const http = httpOf(asObject(b.http), /^HTTP\/\d/i.test(lead) ? lead : null);
  if (http) svc.http ??= http;
  if (/^RTSP\/\d/i.test(lead)) svc.rtsp ??= rtspFromHead(parseHeaderBlock(lead));
  const cert = asObject(ssl?.cert);
  if (cert) svc.tls ??= certificateOf(cert);
}

function httpOf(h: Json | null, head: string | null): HttpInfo | null {
  if (!h && head === null) return null;
  const http = newHttp();
  if (h) {
    http.server = str(h.server);
    http.title = str(h.title) ?? (typeof h.html === "string" ? htmlTitle(h.html) : null);
    const fav = asObject(h.favicon);
    if (typeof fav?.hash === "number" && Number.isInteger(fav.hash)) http.faviconMmh3 = fav.hash;
    if (typeof fav?.data === "string" && fav.data.trim()) {
      // Node's base64 decoder skips the line breaks Shodan keeps every 76 characters.
      http.faviconMd5 = createHash("md5").update(Buffer.from(fav.data, "base64")).digest("hex");
    }
  }
  if (head !== null) httpFromHead(parseHeaderBlock(head), http);
  return http;
}

function certificateOf(c: Json): TlsCertificate {
  const cert = newCertificate();
  const subject = nameOf(asObject(c.subject));
  const issuer = nameOf(asObject(c.issuer));
  cert.subject = subject.dn;
  cert.subjectFields = subject.fields;
  cert.issuer = issuer.dn;
  cert.issuerFields = issuer.fields;
  // Numbers beyond 2^53 arrive as digit strings (see protectSerials); smaller ones are exact.
  cert.serial =
    typeof c.serial === "number" && !Number.isSafeInteger(c.serial) ? null : str(c.serial);
  cert.notBefore = asnTime(str(c.issued));
  cert.notAfter = asnTime(str(c.expires));
  cert.sha256 = str(asObject(c.fingerprint)?.sha256)?.toLowerCase() ?? null;
  return cert;
}

function nameOf(o: Json | null): { dn: string | null; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(o ?? {})) {
    const value = (Array.isArray(v) ? v : [v]).map(str).filter((s) => s !== null);
    if (value.length === 0) continue;
    fields[longAttributeName(k)] = value.join(", ");
  }
  return { dn: distinguishedName(fields), fields };
}

/** ASN.1 GeneralizedTime `20230220091537Z` (or UTCTime `230220091537Z`) → ISO 8601. */
export function asnTime(value: string | null): string | null {
  const m = value ? /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return value;
  // RFC 5280: two-digit years 50–99 are 19xx.
  const year = m[1]!.length === 4 ? m[1]! : `${Number(m[1]) >= 50 ? "19" : "20"}${m[1]}`;
  return `${year}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

/**
 * Shodan writes certificate serials as bare JSON numbers (128-bit ones are common), which
 * `JSON.parse` would round. Quoting them first keeps every digit; no line break is added.
 */
export function protectSerials(text: string): string {
  return text.replace(/("serial"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"');
}
