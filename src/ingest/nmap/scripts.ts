import { newCertificate, newHttp, newRtsp } from "../../model/build.js";
import type { Service, TlsCertificate } from "../../model/host.js";
import { httpFromHead, parseHeaderBlock, realmOf, splitMethods } from "../common/http.js";
import { redactSecrets } from "../common/redact.js";
import type { XmlNode } from "../common/xml.js";
import { distinguishedName, longAttributeName } from "../common/x509.js";

/**
 * NSE script output → the typed fields of a service. nmap writes structured `<elem>`/`<table>`
 * children since 6.x and only the `output` text before; both are read, structure first.
 */
export function applyScript(svc: Service, script: XmlNode): void {
  const id = script.attrs["id"] ?? "";
  const output = redactSecrets(script.attrs["output"] ?? "");
  svc.scripts.push({ id, output });
  switch (id) {
    case "http-title":
    case "html-title": // nmap 4.9x
    case "HTML title": {
      // nmap 4.5x
      const title = elemText(script, "title") ?? titleFromOutput(output);
      if (title) (svc.http ??= newHttp()).title ??= title;
      break;
    }
    case "http-server-header": {
      const server = firstElem(script) ?? firstLine(output);
      if (server) (svc.http ??= newHttp()).server ??= server;
      break;
    }
    case "http-headers":
      svc.http = httpFromHead(parseHeaderBlock(output), svc.http ?? newHttp());
      break;
    case "http-auth": {
      const scheme = /^\s*((?:Basic|Digest|NTLM|Negotiate)\b.*)$/im.exec(output);
      if (scheme) (svc.http ??= newHttp()).wwwAuthenticate ??= scheme[1]!.trim();
      break;
    }
    case "http-favicon": {
      const md5 = /\bMD5:\s*([0-9a-f]{32})\b/i.exec(output);
      if (md5) (svc.http ??= newHttp()).faviconMd5 ??= md5[1]!.toLowerCase();
      break;
    }
    case "ssl-cert":
      svc.tls ??= certificateFrom(script, output);
      break;
    case "rtsp-methods": {
      const rtsp = (svc.rtsp ??= newRtsp());
      if (rtsp.methods.length === 0) rtsp.methods = splitMethods(output);
      break;
    }
    case "banner":
      svc.banner ??= output.trim() || null;
      break;
  }
  if (svc.rtsp && !svc.rtsp.realm && svc.http?.wwwAuthenticate && svc.name === "rtsp") {
    svc.rtsp.realm = realmOf(svc.http.wwwAuthenticate);
  }
}

function firstLine(text: string): string | null {
  const line = text.trim().split(/\r?\n/)[0]?.trim();
  return line ? line : null;
}

const NO_TITLE = /^(Site doesn't have a title|Did not follow redirect|Request failed)/i;

function titleFromOutput(output: string): string | null {
  const line = firstLine(output);
  return line && !NO_TITLE.test(line) ? line : null;
}

function elemText(node: XmlNode, key: string): string | null {
  for (const c of node.children) {
    if (c.name === "elem" && c.attrs["key"] === key) return c.text.trim() || null;
  }
  return null;
}

function firstElem(node: XmlNode): string | null {
  for (const c of node.children) if (c.name === "elem") return c.text.trim() || null;
  return null;
}

function table(node: XmlNode, key: string): XmlNode | null {
  for (const c of node.children) if (c.name === "table" && c.attrs["key"] === key) return c;
  return null;
}

/** `{ commonName: "IPC", organizationName: "Hikvision" }` from a `subject`/`issuer` table. */
function nameFields(t: XmlNode | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!t) return out;
  for (const c of t.children) {
    const key = c.attrs["key"];
    if (c.name === "elem" && key) out[longAttributeName(key)] = c.text.trim();
  }
  return out;
}

/** `Subject: commonName=x/organizationName=y` in the text output of older nmap. */
function fieldsFromLine(output: string, label: string): Record<string, string> {
  const out: Record<string, string> = {};
  const m = new RegExp(`^\\s*${label}:\\s*(.*)$`, "im").exec(output);
  if (!m) return out;
  for (const part of m[1]!.split("/")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[longAttributeName(part.slice(0, eq).trim())] = part.slice(eq + 1).trim();
  }
  return out;
}

function certificateFrom(script: XmlNode, output: string): TlsCertificate {
  const cert = newCertificate();
  const subject = table(script, "subject");
  const issuer = table(script, "issuer");
  cert.subjectFields = subject ? nameFields(subject) : fieldsFromLine(output, "Subject");
  cert.issuerFields = issuer ? nameFields(issuer) : fieldsFromLine(output, "Issuer");
  cert.subject = distinguishedName(cert.subjectFields);
  cert.issuer = distinguishedName(cert.issuerFields);
  const validity = table(script, "validity");
  cert.notBefore =
    (validity && elemText(validity, "notBefore")) ?? lineValue(output, "Not valid before");
  cert.notAfter =
    (validity && elemText(validity, "notAfter")) ?? lineValue(output, "Not valid after");
  cert.serial = elemText(script, "serial") ?? lineValue(output, "Serial");
  cert.sha256 = elemText(script, "sha256")?.toLowerCase() ?? null;
  return cert;
}

function lineValue(output: string, label: string): string | null {
  const m = new RegExp(`^\\s*${label}:\\s*(.+)$`, "im").exec(output);
  return m ? m[1]!.trim() : null;
}
