import { newHttp, newRtsp } from "../../model/build.js";
import type { HttpInfo, RtspInfo } from "../../model/host.js";
import { isSecretHeader, redactSecrets } from "./redact.js";

/** A response head: its status line and headers (lower-case names; repeated headers joined by ", "). */
export interface ResponseHead {
  statusLine: string | null;
  headers: Record<string, string>;
}

/**
 * Reads `Name: value` lines from a raw response or a scanner's listing of one. Lines that are
 * not headers are skipped; secret-bearing headers are dropped.
 */
export function parseHeaderBlock(text: string): ResponseHead {
  const head: ResponseHead = { statusLine: null, headers: {} };
  const end = text.search(/\r?\n\r?\n(?=\S)/);
  const block = end >= 0 ? text.slice(0, end) : text;
  for (const raw of block.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (head.statusLine === null && /^(HTTP|RTSP)\/\d/i.test(line)) {
      head.statusLine = line;
      continue;
    }
    const m = /^([A-Za-z0-9][A-Za-z0-9_-]*)\s*:\s?(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    if (isSecretHeader(name)) continue;
    const value = redactSecrets(m[2]!.trim());
    head.headers[name] = name in head.headers ? `${head.headers[name]}, ${value}` : value;
  }
  return head;
}

/** The realm of a `WWW-Authenticate` value (`Digest realm="IP Camera(C6541)"` → `IP Camera(C6541)`). */
export function realmOf(wwwAuthenticate: string | null): string | null {
  if (!wwwAuthenticate) return null;
  const m = /realm\s*=\s*(?:"([^"]*)"|([^\s,]+))/i.exec(wwwAuthenticate);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** Fills an HttpInfo from response headers, keeping what is already set. */
export function httpFromHead(head: ResponseHead, into: HttpInfo = newHttp()): HttpInfo {
  Object.assign(into.headers, head.headers);
  into.server ??= head.headers["server"] ?? null;
  into.wwwAuthenticate ??= head.headers["www-authenticate"] ?? null;
  return into;
}

/** Fills an RtspInfo from an RTSP response head. */
export function rtspFromHead(head: ResponseHead, into: RtspInfo = newRtsp()): RtspInfo {
  Object.assign(into.headers, head.headers);
  into.server ??= head.headers["server"] ?? null;
  into.realm ??= realmOf(head.headers["www-authenticate"] ?? null);
  const pub = head.headers["public"];
  if (pub && into.methods.length === 0) into.methods = splitMethods(pub);
  return into;
}

/** `OPTIONS, DESCRIBE, SETUP` → `["OPTIONS", "DESCRIBE", "SETUP"]`. */
export function splitMethods(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((m) => m.trim().toUpperCase())
    .filter((m) => /^[A-Z_]+$/.test(m));
}

/** The text of the first `<title>` in an HTML page, whitespace collapsed. */
export function htmlTitle(html: string): string | null {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (!m) return null;
  const t = decodeBasicEntities(m[1]!).replace(/\s+/g, " ").trim();
  return t || null;
}

function decodeBasicEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
