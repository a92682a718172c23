import { newHost, newHttp, newService, normaliseMac, setAddress } from "../../model/build.js";
import type { Host, Service, SourceRef, TransportProtocol } from "../../model/host.js";
import { htmlTitle, httpFromHead, parseHeaderBlock } from "../common/http.js";
import { redactSecrets } from "../common/redact.js";
import { certificateFromDer } from "../common/x509.js";
import type { ParseContext } from "../parser.js";

/**
 * One masscan output record, whatever the file format: a port status or a banner. masscan
 * writes a record per port and per banner, in arrival order, so every format is merged here.
 */
export interface MasscanRecord {
  ip: string;
  /** As masscan names it: tcp, udp, sctp, icmp, arp… */
  protocol: string;
  port: number;
  /** Port status ("open", "closed") for a status record. */
  state?: string | null;
  /** masscan's application name for a banner record (`ssh`, `http`, `X509`, `title`…). */
  app?: string | null;
  /** Banner bytes, one character per byte (masscan escapes are already undone). */
  banner?: string | null;
  mac?: string | null;
  line: number;
}

const PORT_PROTOCOLS = new Set<string>(["tcp", "udp", "sctp"]);

/** masscan application names that say what produced a banner, not which service answered. */
const NOT_A_SERVICE = new Set([
  "unknown",
  "error",
  "vuln",
  "heartbleed",
  "ticketbleed",
  "safe",
  "scripting",
  "versioning",
  "x509",
  "x509ca",
  "ssl",
]);
const TLS_APPS = new Set(["x509", "x509ca", "ssl", "heartbleed", "ticketbleed"]);
const HTTP_APPS = new Set(["http", "http.server", "title", "html"]);

/**
 * Collects masscan records into one `Host` per address and one `Service` per port. masscan output
 * is in arrival order, not grouped by host, so nothing is complete before the end of the file.
 */
export class HostMerger {
  private readonly byAddress = new Map<string, Host>();

  constructor(private readonly ctx: ParseContext) {}

  /** A banner as the text formats print it: `\xNN`-escaped bytes after the application name. */
  addEscapedBanner(
    ip: string,
    protocol: string,
    port: string,
    app: string,
    banner: string,
    line: number,
  ): void {
    this.add({ ip, protocol, port: Number(port), app, banner: unescapeMasscan(banner), line });
  }

  add(rec: MasscanRecord): void {
    const source: SourceRef = { file: this.ctx.file, line: rec.line };
    const probe = newHost(source);
    if (!setAddress(probe, rec.ip)) {
      this.ctx.problem(rec.line, `not an IP address: ${JSON.stringify(rec.ip)}`);
      return;
    }
    let host = this.byAddress.get(probe.address!);
    if (!host) {
      host = probe;
      host.status = "up";
      this.byAddress.set(probe.address!, host);
    }
    host.mac ??= normaliseMac(rec.mac);

    const protocol = rec.protocol.toLowerCase();
    // ICMP echo and ARP replies prove the host is up but name no port.
    if (!PORT_PROTOCOLS.has(protocol)) return;
    if (!Number.isInteger(rec.port) || rec.port < 0 || rec.port > 65535) {
      this.ctx.problem(rec.line, `not a port number: ${rec.port}`);
      return;
    }
    const svc = serviceFor(host, rec.port, protocol as TransportProtocol, rec.state, source);
    if (rec.app != null || rec.banner != null) {
      addBanner(svc, rec.app ?? "unknown", rec.banner ?? "");
    }
  }

  hosts(): IterableIterator<Host> {
    return this.byAddress.values();
  }
}

function serviceFor(
  host: Host,
  port: number,
  protocol: TransportProtocol,
  state: string | null | undefined,
  source: SourceRef,
): Service {
  let svc = host.services.find((s) => s.port === port && s.protocol === protocol);
  if (!svc) {
    svc = newService(port, protocol, state || "open", source);
    host.services.push(svc);
  } else if (state === "open") {
    // One reply that opened the port outweighs a later RST or timeout on it.
    svc.state = "open";
  }
  return svc;
}

function addBanner(svc: Service, app: string, bytes: string): void {
  const kind = app.toLowerCase();
  if (!NOT_A_SERVICE.has(kind) && !/^\(\d+\)$/.test(kind)) {
    svc.name ??= HTTP_APPS.has(kind) ? "http" : kind;
  }
  if (TLS_APPS.has(kind)) svc.tunnel = "ssl";

  const text = redactSecrets(bannerText(bytes));
  if (!text) return;
  // masscan repeats banner records (masscan#799); a text already there adds nothing.
  if (svc.banner === null) svc.banner = text;
  else if (!svc.banner.includes(text)) svc.banner = `${svc.banner}\n${text}`;

  // The server's own certificate (not the CA chain) is decoded, so its names are evidence.
  if (kind === "x509" && svc.tls === null) {
    svc.tls = certificateFromDer(Buffer.from(text.trim(), "base64"));
  }
  // Only HTTP banners are read further: ssl ones are cipher lists.
  if (!HTTP_APPS.has(kind)) return;
  const isHead = /^HTTP\/\d/i.test(text);
  const title =
    kind === "title"
      ? text.replace(/\s+/g, " ").trim()
      : /<(html|title)\b/i.test(text)
        ? htmlTitle(text)
        : null;
  if (!isHead && !title && kind !== "http.server") return;
  const http = (svc.http ??= newHttp());
  if (isHead) httpFromHead(parseHeaderBlock(text), http);
  // masscan's http.server banner is the bare value of the Server header.
  else if (kind === "http.server") http.server ??= text.trim();
  http.title ??= title || null;
}

/** Undoes masscan's `\xNN` escaping (XML, list and console output): one character per byte. */
export function unescapeMasscan(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/**
 * Banner bytes as text: UTF-8 when they are valid UTF-8 (a page title in Chinese), Latin-1
 * otherwise. Control characters other than tab and line breaks are escaped again as `\xNN`, so
 * no report carries raw NULs or terminal escape sequences.
 */
export function bannerText(bytes: string): string {
  let text = bytes;
  if (/[\x80-\xff]/.test(bytes) && !/[\u0100-\uffff]/.test(bytes)) {
    try {
      text = UTF8.decode(Buffer.from(bytes, "latin1"));
    } catch {
      // not UTF-8: the bytes stand as Latin-1
    }
  }
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
