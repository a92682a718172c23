import {
  addUnique,
  newCertificate,
  newHost,
  newHttp,
  newService,
  setAddress,
} from "../../model/build.js";
import type {
  Host,
  HttpInfo,
  Service,
  TlsCertificate,
  TransportProtocol,
} from "../../model/host.js";
import { httpFromHead, parseHeaderBlock, rtspFromHead } from "../common/http.js";
import { arr, asObject, str } from "../common/json.js";
import { isSecretHeader, redactSecrets } from "../common/redact.js";
import type { Parser, ParseContext } from "../parser.js";
import { joinPath, jsonValues } from "../common/json-input.js";
import { longAttributeName } from "../common/x509.js";

type Json = Record<string, unknown>;

/** A Censys host, bare, in the API envelope, in search hits, in an array or as NDJSON. */
export function detectCensys(head: string): boolean {
  return (
    /^\s*[[{]/.test(head) &&
    head.includes('"services"') &&
    /"(?:service_name|extended_service_name|transport_protocol)"/.test(head)
  );
}

/**
 * Censys Search v2 host records. Each record is already one host, so hosts are yielded as
 * they are read; the same address in two records (two snapshots) stays two hosts here and
 * is merged later like any other pair of views.
 */
export const censysParser: Parser = {
  format: "censys",
  detect: detectCensys,
  async *parse(text, ctx): AsyncGenerator<Host, void, undefined> {
    for await (const doc of jsonValues(text, ctx, { maxDepth: 6 })) {
      for (const { host, path } of records(doc.value, "", doc.lineOf, ctx)) {
        const h = hostOf(host, path, doc.lineOf, ctx);
        if (h) yield h;
      }
    }
  },
};

function* records(
  value: unknown,
  path: string,
  lineOf: (path: string) => number,
  ctx: ParseContext,
): Generator<{ host: Json; path: string }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* records(value[i], joinPath(path, i), lineOf, ctx);
    return;
  }
  const o = asObject(value);
  if (o && (Array.isArray(o.services) || typeof o.ip === "string")) {
    yield { host: o, path };
  } else if (o && Array.isArray(o.hits)) {
    yield* records(o.hits, joinPath(path, "hits"), lineOf, ctx);
  } else if (o && o.result !== undefined && o.result !== null) {
    yield* records(o.result, joinPath(path, "result"), lineOf, ctx);
  } else if (o && str(o.error)) {
    ctx.problem(lineOf(path), `Censys error: ${str(o.error)}`);
  } else {
    ctx.problem(lineOf(path), "not a Censys host record; skipped");
  }
}

function hostOf(
  o: Json,
  path: string,
  lineOf: (path: string) => number,
  ctx: ParseContext,
): Host | null {
  const line = lineOf(path);
  const host = newHost({ file: ctx.file, line });
  // BigQuery exports name the address `host_identifier.ipv4`/`ipv6` and keep banners as BYTES.
  const bigQuery = asObject(o.host_identifier);
  const ip = str(o.ip) ?? str(bigQuery?.ipv4) ?? str(bigQuery?.ipv6);
  if (!setAddress(host, ip ?? "")) {
    ctx.problem(line, `host record without an IP address: ${JSON.stringify(ip)}`);
    return null;
  }
  host.status = "up";
  arr(o.services).forEach((s, i) => {
    const so = asObject(s);
    if (!so) return;
    const source = { file: ctx.file, line: lineOf(joinPath(path, "services", i)) };
    addService(host, so, source, bigQuery !== null, ctx);
  });
  const dns = asObject(o.dns);
  for (const n of [...arr(asObject(dns?.reverse_dns)?.names), ...arr(dns?.names)]) {
    addUnique(host.hostnames, str(n)?.replace(/\.$/, ""));
  }
  const os = asObject(o.operating_system);
  if (os) addOs(host, os);
  return host;
}

function transportOf(value: string | null): TransportProtocol {
  const t = value?.toLowerCase();
  // QUIC runs over UDP; Censys names it as the transport.
  return t === "udp" || t === "quic" ? "udp" : t === "sctp" ? "sctp" : "tcp";
}

function addService(
  host: Host,
  s: Json,
  source: Service["source"],
  base64Banner: boolean,
  ctx: ParseContext,
): void {
  const port = s.port;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    ctx.problem(source.line, `not a port number: ${JSON.stringify(port ?? null)}`);
    return;
  }
  const protocol = transportOf(str(s.transport_protocol) ?? str(s.transport));
  if (host.services.some((x) => x.port === port && x.protocol === protocol)) return;
  const svc = newService(port, protocol, "open", source);
  const name = str(s.service_name)?.toLowerCase() ?? null;
  svc.name = name === "unknown" ? null : name;

  const software = arr(s.software)
    .map(asObject)
    .filter((x) => x !== null);
  // Censys lists the most specific software first.
  const main = software.find((sw) => str(sw.product));
  svc.product = str(main?.product);
  svc.version = str(main?.version);
  for (const sw of software) {
    for (const c of [str(sw.uniform_resource_identifier), str(sw.cpe)]) {
      if (c?.startsWith("cpe:")) addUnique(svc.cpe, c);
    }
  }

  let raw = typeof s.banner === "string" ? s.banner : "";
  // BigQuery writes BYTES columns as base64 in its JSON exports.
  if (base64Banner && /^[A-Za-z0-9+/]*={0,2}$/.test(raw) && raw.length % 4 === 0) {
    raw = Buffer.from(raw, "base64").toString("utf8");
  }
  raw = raw.replaceAll("\u0000", "");
  if (raw.trim()) svc.banner = redactSecrets(raw);
  const response = asObject(asObject(s.http)?.response);
  if (response || /^HTTP\/\d/i.test(raw)) svc.http = httpOf(response, raw);
  if (name === "rtsp" || /^RTSP\/\d/i.test(raw)) {
    if (raw.trim()) svc.rtsp = rtspFromHead(parseHeaderBlock(raw));
  }
  svc.tls = certificateOf(s);
  if (svc.tls || asObject(s.tls)) svc.tunnel = "ssl";
  host.services.push(svc);
}

function httpOf(response: Json | null, banner: string): HttpInfo {
  const http = newHttp();
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(asObject(response?.headers) ?? {})) {
    if (name.startsWith("_")) continue; // `_encoding`
    // Censys writes `Www_Authenticate` for `WWW-Authenticate`.
    const key = name.toLowerCase().replace(/_/g, "-");
    const values = (Array.isArray(v) ? v : [v]).map(str).filter((x) => x !== null);
    if (values.length > 0 && !isSecretHeader(key)) headers[key] = redactSecrets(values.join(", "));
  }
  const head = Object.keys(headers).length > 0 ? { statusLine: null, headers } : null;
  httpFromHead(head ?? parseHeaderBlock(/^HTTP\/\d/i.test(banner) ? banner : ""), http);
  http.title = str(response?.html_title);
  for (const f of arr(response?.favicons)) {
    const fav = asObject(f);
    // v2 search names them md5_hash/shodan_hash; the newer platform hash_md5/hash_shodan.
    http.faviconMd5 ??= str(fav?.md5_hash ?? fav?.hash_md5)?.toLowerCase() ?? null;
    const mmh3 = fav?.shodan_hash ?? fav?.hash_shodan;
    if (typeof mmh3 === "number" && Number.isInteger(mmh3)) http.faviconMmh3 ??= mmh3;
  }
  return http;
}

function certificateOf(s: Json): TlsCertificate | null {
  const certs = asObject(asObject(s.tls)?.certificates);
  const leaf = asObject(certs?.leaf_data);
  // `certificate` is the leaf's SHA-256 even in search hits that carry no `tls` object.
  const sha256 = str(certs?.leaf_fp_sha_256) ?? str(leaf?.fingerprint) ?? str(s.certificate);
  if (!leaf && !sha256) return null;
  const cert = newCertificate();
  cert.sha256 = sha256?.toLowerCase() ?? null;
  if (!leaf) return cert;
  cert.subject = str(leaf.subject_dn);
  cert.issuer = str(leaf.issuer_dn);
  cert.subjectFields = nameFields(asObject(leaf.subject));
  cert.issuerFields = nameFields(asObject(leaf.issuer));
  // Not in the v2 host view's leaf_data today, but named so in Censys certificate records.
  cert.serial = str(leaf.serial_number);
  const validity = asObject(leaf.validity);
  cert.notBefore = str(validity?.start);
  cert.notAfter = str(validity?.end);
  return cert;
}

function nameFields(o: Json | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o ?? {})) {
    const values = (Array.isArray(v) ? v : [v]).map(str).filter((x) => x !== null);
    if (values.length > 0) out[longAttributeName(k)] = values.join(", ");
  }
  return out;
}

function addOs(host: Host, os: Json): void {
  const other = new Map<string, string>();
  for (const kv of arr(os.other)) {
    const k = str(asObject(kv)?.key);
    const v = str(asObject(kv)?.value);
    if (k && v) other.set(k, v);
  }
  const vendor = str(os.vendor);
  const name = [vendor, str(os.product), str(os.version)].filter((x) => x).join(" ");
  if (!name) return;
  const cpe: string[] = [];
  for (const c of [str(os.uniform_resource_identifier), str(os.cpe)]) {
    if (c?.startsWith("cpe:")) addUnique(cpe, c);
  }
  host.os.push({
    name,
    accuracy: null,
    vendor,
    family: other.get("family") ?? null,
    type: other.get("device") ?? null,
    cpe,
    source: host.sources[0]!,
  });
}
