import { InputDamage } from "../../errors.js";
import { addUnique, newHost, newService, normaliseMac, setAddress } from "../../model/build.js";
import type { Host, OsMatch, SourceRef, TransportProtocol } from "../../model/host.js";
import type { ParseContext, Parser } from "../parser.js";
import { rootElementName, XmlStream } from "../common/xml.js";
import type { XmlNode } from "../common/xml.js";
import { redactSecrets } from "../common/redact.js";
import { applyScript } from "./scripts.js";

const PROTOCOLS = new Set<TransportProtocol>(["tcp", "udp", "sctp", "ip"]);

/**
 * nmap `-oX` output, versions 4.x to 7.9x. Each `<host>` is collected as a small tree and
 * converted when it closes, so memory holds one host at a time whatever the file size. An
 * interrupted scan (no `</nmaprun>`) or a broken byte sequence keeps every host that closed
 * before the damage.
 */
export const nmapXmlParser: Parser = {
  format: "nmap-xml",

  detect(head: string): boolean {
    return rootElementName(head) === "nmaprun" && !/<nmaprun[^>]*\bscanner="masscan"/.test(head);
  },

  async *parse(text: AsyncIterable<string>, ctx: ParseContext): AsyncGenerator<Host> {
    const done: Host[] = [];
    let openHostLine = 0;
    let rootClosed = false;
    const xml = new XmlStream({
      onOpen(name, attrs, depth, line) {
        if (name === "host" && depth === 2) {
          openHostLine = line;
          return true;
        }
        if (name === "finished" && attrs["exit"] === "error") {
          ctx.problem(line, `nmap reported an error: ${attrs["errormsg"] ?? "no message"}`);
        }
        if (name === "runstats") rootClosed = true;
        return false;
      },
      onNode(node) {
        openHostLine = 0;
        done.push(hostFrom(node, ctx.file));
      },
      onProblem: ctx.problem,
      onDoctype(doctype, line) {
        if (/<!ENTITY/i.test(doctype)) {
          ctx.problem(line, "document type declares entities; atalaya never expands them");
        }
      },
    });

    for await (const chunk of text) {
      xml.write(chunk);
      yield* done.splice(0);
      if (xml.failed) break;
    }
    const damage = xml.end();
    yield* done.splice(0);
    if (damage) throw explain(damage, openHostLine, rootClosed);
  },
};

/** Turns saxes' wording into what a user needs to know: which host was lost and why. */
function explain(damage: InputDamage, openHostLine: number, sawRunstats: boolean): InputDamage {
  const truncated = /unclosed tag|unexpected end/i.test(damage.message);
  if (truncated) {
    const lost = openHostLine
      ? `the host that starts at line ${openHostLine} is incomplete and was dropped`
      : sawRunstats
        ? "every host was complete"
        : "no host was cut, but later hosts may be missing";
    return new InputDamage(
      damage.line,
      `file ends before </nmaprun> (scan interrupted or file truncated): ${lost}`,
      { cause: damage },
    );
  }
  const lost = openHostLine ? `; the host that starts at line ${openHostLine} was dropped` : "";
  return new InputDamage(damage.line, `not well-formed XML: ${damage.message}${lost}`, {
    cause: damage,
  });
}

function hostFrom(node: XmlNode, file: string): Host {
  const host = newHost({ file, line: node.line });
  for (const child of node.children) {
    switch (child.name) {
      case "status":
        host.status =
          child.attrs["state"] === "up"
            ? "up"
            : child.attrs["state"] === "down"
              ? "down"
              : "unknown";
        break;
      case "address":
        readAddress(host, child);
        break;
      case "hostnames":
        for (const h of child.children) {
          if (h.name === "hostname") addUnique(host.hostnames, h.attrs["name"]?.trim());
        }
        break;
      case "ports":
        for (const p of child.children) if (p.name === "port") readPort(host, p, file);
        break;
      case "os":
        host.os = readOs(child, file);
        break;
      case "hostscript":
        for (const s of child.children) {
          if (s.name === "script") {
            host.scripts.push({
              id: s.attrs["id"] ?? "",
              output: redactSecrets(s.attrs["output"] ?? ""),
            });
          }
        }
        break;
    }
  }
  return host;
}

function readAddress(host: Host, node: XmlNode): void {
  const addr = node.attrs["addr"] ?? "";
  const type = node.attrs["addrtype"];
  if (type === "mac") {
    host.mac = normaliseMac(addr);
    host.macVendor = node.attrs["vendor"]?.trim() || null;
  } else if (!host.address) {
    setAddress(host, addr);
  }
}

function readPort(host: Host, node: XmlNode, file: string): void {
  const port = Number(node.attrs["portid"]);
  const protocol = (node.attrs["protocol"] ?? "tcp") as TransportProtocol;
  if (!Number.isInteger(port) || !PROTOCOLS.has(protocol)) return;
  const source: SourceRef = { file, line: node.line };
  const svc = newService(port, protocol, "unknown", source);
  for (const c of node.children) {
    if (c.name === "state") {
      svc.state = c.attrs["state"] ?? "unknown";
    } else if (c.name === "service") {
      const a = c.attrs;
      svc.name = a["name"] || null;
      svc.product = a["product"] || null;
      svc.version = a["version"] || null;
      svc.extraInfo = a["extrainfo"] || null;
      svc.deviceType = a["devicetype"] || null;
      svc.osType = a["ostype"] || null;
      svc.tunnel = a["tunnel"] || null;
      for (const cpe of c.children) if (cpe.name === "cpe") addUnique(svc.cpe, cpe.text.trim());
    } else if (c.name === "script") {
      applyScript(svc, c);
    }
  }
  host.services.push(svc);
}

function readOs(node: XmlNode, file: string): OsMatch[] {
  // nmap 4.x lists <osclass> beside <osmatch>; later versions nest them inside it.
  const topClasses = node.children.filter((c) => c.name === "osclass");
  const out: OsMatch[] = [];
  for (const m of node.children) {
    if (m.name !== "osmatch") continue;
    const classes = m.children.filter((c) => c.name === "osclass");
    const first = classes[0] ?? topClasses[0];
    const cpe: string[] = [];
    for (const cls of classes.length > 0 ? classes : topClasses) {
      for (const c of cls.children) if (c.name === "cpe") addUnique(cpe, c.text.trim());
    }
    const accuracy = Number(m.attrs["accuracy"]);
    out.push({
      name: m.attrs["name"] ?? "",
      accuracy: Number.isFinite(accuracy) ? accuracy : null,
      vendor: first?.attrs["vendor"] ?? null,
      family: first?.attrs["osfamily"] ?? null,
      type: first?.attrs["type"] ?? null,
      cpe,
      source: { file, line: m.line },
    });
  }
  return out;
}
