import type { Host } from "../../model/host.js";
import { lines } from "../common/text.js";
import type { Parser } from "../parser.js";
import { HostMerger } from "./merge.js";

const DISCOVERED =
  /^Discovered (open|closed) port (\d+)\/(\w+) on (\S+)(?: \(([0-9A-Fa-f:]{17})\))?/;
const BANNER = /^Banner on port (\d+)\/(\w+) on (\S+): \[([^\]]*)\] ?(.*)$/;
const DETECT =
  /(?:^|\r)(?:Discovered open port \d+\/(?:tcp|udp|sctp) on \S+|Banner on port \d+\/(?:tcp|udp|sctp) on \S+: \[)/m;

/**
 * masscan's console output saved to a file (`masscan … > out.txt`): `Discovered open port
 * 22/tcp on 192.0.2.1` and `Banner on port …` lines, padded with spaces to cover the progress
 * line, mixed with status lines that are ignored. Nothing in it can be damaged beyond a line.
 */
export const masscanConsoleParser: Parser = {
  format: "masscan-console",

  detect(head: string): boolean {
    return DETECT.test(head);
  },

  async *parse(text, ctx): AsyncGenerator<Host, void, undefined> {
    const merger = new HostMerger(ctx);
    for await (const { text: raw, line } of lines(text)) {
      // The progress line ends in \r, so a result printed after it shares its line.
      for (const part of raw.split("\r")) {
        const l = part.trim();
        let m = DISCOVERED.exec(l);
        if (m) {
          const [, state, port, protocol, ip, mac] = m;
          merger.add({ ip: ip!, protocol: protocol!, port: Number(port), state, mac, line });
          continue;
        }
        m = BANNER.exec(l);
        if (m) {
          const [, port, protocol, ip, app, banner] = m;
          merger.addEscapedBanner(ip!, protocol!, port!, app!, banner!, line);
        }
      }
    }
    yield* merger.hosts();
  },
};
