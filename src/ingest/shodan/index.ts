import { addUnique, newHost, normaliseMac, serviceOn, setAddress } from "../../model/build.js";
import type { Host, SourceRef } from "../../model/host.js";
import { arr, asObject, str } from "../common/json.js";
import type { Parser, ParseContext } from "../parser.js";
import { fillService, protectSerials } from "./banner.js";
import { joinPath, jsonValues } from "../common/json-input.js";

type Json = Record<string, unknown>;

function firstLine(head: string): string {
  const start = head.search(/\S/);
  if (start < 0) return "";
  const end = head.indexOf("\n", start);
  return end < 0 ? head.slice(start) : head.slice(start, end);
}

/** `shodan download` / `shodan parse` NDJSON, or one banner on one line. */
export function detectShodanBanners(head: string): boolean {
  const line = firstLine(head);
  return (
    line.startsWith("{") &&
    (line.includes('"_shodan"') || (line.includes('"ip_str"') && line.includes('"port"')))
  );
}

/** The `/shodan/host/search` answer. */
export function detectShodanSearch(head: string): boolean {
  return (
    /^\s*\{\s*"matches"\s*:/.test(head) ||
    (head.includes('"matches"') && head.includes('"_shodan"'))
  );
}

/** The `/shodan/host/{ip}` answer: host fields, `ports`, and banners in `data`. */
export function detectShodanHost(head: string): boolean {
  return head.includes('"ip_str"') && head.includes('"data"') && head.includes('"ports"');
}

/** Quoted keys never match inside JSON strings (there the quotes are escaped). */
export function detectShodan(head: string): boolean {
  if (!/^\s*[[{]/.test(head)) return false;
  return (
    detectShodanBanners(head) ||
    detectShodanSearch(head) ||
    detectShodanHost(head) ||
    head.includes('"_shodan"')
  );
}

/**
 * Shodan banners, one host per IP address. Banners are grouped in memory and the hosts are
 * yielded at the end: `shodan download` files are sorted by nothing, so a host is never known
 * to be complete before the last line.
 */
export const shodanParser: Parser = {
  format: "shodan",
  detect: detectShodan,
  async *parse(text, ctx): AsyncGenerator<Host, void, undefined> {
    const hosts = new Hosts(ctx);
    for await (const doc of jsonValues(text, ctx, { maxDepth: 4, rewrite: protectSerials })) {
      hosts.add(doc.value, "", doc.lineOf);
    }
    yield* hosts.map.values();
  },
};

class Hosts {
  readonly map = new Map<string, Host>();

  constructor(private readonly ctx: ParseContext) {}

  /** A banner, a search answer, a host answer, or an array of any of them. */
  add(value: unknown, path: string, lineOf: (path: string) => number): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.add(v, joinPath(path, i), lineOf));
      return;
    }
    const o = asObject(value);
    const line = lineOf(path);
    if (!o) {
      this.ctx.problem(line, "not a JSON object; skipped");
    } else if (Array.isArray(o.matches)) {
      o.matches.forEach((m, i) => this.add(m, joinPath(path, "matches", i), lineOf));
    } else if (typeof o.port === "number") {
      this.banner(o, line, null);
    } else if (Array.isArray(o.data) || Array.isArray(o.ports)) {
      this.hostAnswer(o, path, lineOf);
    } else if (typeof o.error === "string") {
      this.ctx.problem(line, `Shodan error: ${o.error}`);
    } else {
      this.ctx.problem(line, "not a Shodan banner, search or host answer; skipped");
    }
  }

  private hostAnswer(o: Json, path: string, lineOf: (path: string) => number): void {
    const banners = arr(o.data);
    const first = lineOf(joinPath(path, banners.length > 0 ? "data/0" : ""));
    const host = this.hostFor(o, null, first);
    if (!host) return;
    banners.forEach((b, i) => {
      const banner = asObject(b);
      if (banner) this.banner(banner, lineOf(joinPath(path, "data", i)), o);
    });
    addNames(host, o);
    // A minified answer lists ports without banners; Shodan gives no transport for them.
    const source: SourceRef = { file: this.ctx.file, line: first };
    for (const p of arr(o.ports)) {
      if (isPort(p) && !host.services.some((s) => s.port === p)) serviceOn(host, p, "tcp", source);
    }
  }

  private banner(b: Json, line: number, parent: Json | null): void {
    if (!isPort(b.port)) {
      this.ctx.problem(line, `not a port number: ${JSON.stringify(b.port)}`);
      return;
    }
    const host = this.hostFor(b, parent, line);
    if (!host) return;
    const transport = str(b.transport)?.toLowerCase();
    const svc = serviceOn(host, b.port, transport === "udp" ? "udp" : "tcp", {
      file: this.ctx.file,
      line,
    });
    fillService(svc, b);
    addNames(host, b);
    const mac = asObject(b.mac);
    for (const m of mac ? Object.keys(mac) : [str(b.mac)]) host.mac ??= normaliseMac(m);
    const os = str(b.os);
    if (os && !host.os.some((x) => x.name === os)) {
      host.os.push({
        name: os,
        accuracy: null,
        vendor: null,
        family: null,
        type: null,
        cpe: [],
        source: svc.source,
      });
    }
  }

  private hostFor(o: Json, parent: Json | null, line: number): Host | null {
    const address = addressOf(o) ?? (parent ? addressOf(parent) : null);
    const probe = newHost({ file: this.ctx.file, line });
    if (!address || !setAddress(probe, address)) {
      this.ctx.problem(line, "banner without an IP address; skipped");
      return null;
    }
    const known = this.map.get(probe.address!);
    if (known) return known;
    probe.status = "up";
    this.map.set(probe.address!, probe);
    return probe;
  }
}

function addressOf(o: Json): string | null {
  const s = str(o.ip_str) ?? str(o.ipv6);
  if (s) return s;
  // The host answer (and older banners) give IPv4 as a 32-bit integer.
  if (typeof o.ip === "number" && Number.isInteger(o.ip) && o.ip >= 0 && o.ip <= 0xffffffff) {
    return [24, 16, 8, 0].map((s) => ((o.ip as number) >>> s) & 255).join(".");
  }
  return str(o.ip);
}

function addNames(host: Host, o: Json): void {
  for (const n of [...arr(o.hostnames), ...arr(o.domains)]) addUnique(host.hostnames, str(n));
}

function isPort(p: unknown): p is number {
  return typeof p === "number" && Number.isInteger(p) && p >= 0 && p <= 65535;
}
