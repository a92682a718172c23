import type { Host } from "../../model/host.js";
import { findAll, findFirst, rootElementName, streamXml } from "../common/xml.js";
import type { XmlNode } from "../common/xml.js";
import type { Parser } from "../parser.js";
import { HostMerger, unescapeMasscan } from "./merge.js";

const MASSCAN_ROOT = /<nmaprun\b[^>]*\sscanner\s*=\s*["']masscan["']/;

/**
 * masscan `-oX`: nmap's layout, but one `<host>` element per port status or banner, in arrival
 * order. Everything is merged per address and yielded at the end; on damage (a file cut short,
 * several documents appended to one file) the hosts read so far are yielded before the error.
 */
export const masscanXmlParser: Parser = {
  format: "masscan-xml",

  detect(head: string): boolean {
    return rootElementName(head) === "nmaprun" && MASSCAN_ROOT.test(head);
  },

  async *parse(text, ctx): AsyncGenerator<Host, void, undefined> {
    const merger = new HostMerger(ctx);
    let damage: unknown = null;
    try {
      await streamXml(text, {
        onOpen: (name, _attrs, depth) => depth === 2 && name === "host",
        onNode: (node) => addHost(merger, node),
        onProblem: (line, message) => ctx.problem(line, message),
      });
    } catch (err) {
      damage = err;
    }
    yield* merger.hosts();
    if (damage) throw damage;
  },
};

function addHost(merger: HostMerger, node: XmlNode): void {
  const ip = findFirst(node, "address")?.attrs["addr"] ?? "";
  const ports = findAll(node, "port");
  if (ports.length === 0) merger.add({ ip, protocol: "ip", port: 0, line: node.line });
  for (const port of ports) {
    const service = findFirst(port, "service");
    const banner = service?.attrs["banner"];
    merger.add({
      ip,
      protocol: port.attrs["protocol"] ?? "tcp",
      port: Number(port.attrs["portid"] ?? NaN),
      state: findFirst(port, "state")?.attrs["state"] ?? null,
      app: service?.attrs["name"] ?? null,
      banner: banner === undefined ? null : unescapeMasscan(banner),
      line: node.line,
    });
  }
}
