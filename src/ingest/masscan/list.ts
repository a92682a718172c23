import type { Host } from "../../model/host.js";
import { lines } from "../common/text.js";
import type { Parser } from "../parser.js";
import { HostMerger } from "./merge.js";

const HEADER = /^#\s*masscan\b/;
const STATUS = /^(open|closed) (\w+) (\d+) (\S+) \d+\s*$/;
const BANNER = /^banner (\w+) (\d+) (\S+) \d+ (\S+) ?(.*)$/;

/**
 * masscan `-oL`: `open tcp 80 192.0.2.1 1595853337` and `banner tcp 80 192.0.2.1 1595853337
 * http Server: …`. Each line stands alone, so a line that fits neither shape is reported and
 * skipped; there is no damage that stops the parse.
 */
export const masscanListParser: Parser = {
  format: "masscan-list",

  detect(head: string): boolean {
    const first = head.split("\n").find((l) => l.trim() !== "") ?? "";
    return HEADER.test(first) || /^(open|closed|banner) (tcp|udp|sctp) \d+ /.test(first);
  },

  async *parse(text, ctx): AsyncGenerator<Host, void, undefined> {
    const merger = new HostMerger(ctx);
    let header = false;
    let ended = false;
    let last = 0;
    for await (const { text: raw, line } of lines(text)) {
      last = line;
      const l = raw.trim();
      if (l === "") continue;
      if (l.startsWith("#")) {
        header ||= HEADER.test(l);
        ended ||= /^#\s*end\b/.test(l);
        continue;
      }
      let m = STATUS.exec(l);
      if (m) {
        merger.add({ ip: m[4]!, protocol: m[2]!, port: Number(m[3]), state: m[1]!, line });
        continue;
      }
      m = BANNER.exec(l);
      if (m) {
        const [, protocol, port, ip, app, banner] = m;
        merger.addEscapedBanner(ip!, protocol!, port!, app!, banner!, line);
        continue;
      }
      ctx.problem(line, `not a masscan list line: ${JSON.stringify(l.slice(0, 80))}`);
    }
    // masscan writes "# end" when it closes the file; without it the scan stopped early.
    if (header && !ended) ctx.problem(last, 'no "# end" line: the scan output may be incomplete');
    yield* merger.hosts();
  },
};
