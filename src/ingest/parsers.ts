import type { InputFormat } from "../model/host.js";
import {
  masscanConsoleParser,
  masscanJsonParser,
  masscanListParser,
  masscanXmlParser,
} from "./masscan/index.js";
import type { Parser } from "./parser.js";
import { csvInventoryParser } from "./csv/index.js";
import { dahuaMagicBoxParser } from "./dahua/index.js";
import { hikvisionIsapiParser } from "./hikvision/index.js";
import { onvifParser } from "./onvif/index.js";
import { nmapXmlParser } from "./nmap/parser.js";
import { shodanParser } from "./shodan/index.js";
import { censysParser } from "./censys/index.js";

/**
 * Every input parser, in detection order: a parser whose signature is more specific comes
 * before one that would also accept the same text (masscan XML before nmap XML, the CSV
 * inventory last).
 */
export const parsers: readonly Parser[] = [
  masscanXmlParser,
  masscanJsonParser,
  masscanListParser,
  masscanConsoleParser,
  nmapXmlParser,
  shodanParser,
  censysParser,
  hikvisionIsapiParser,
  onvifParser,
  dahuaMagicBoxParser,
  csvInventoryParser,
];

export function parserFor(format: InputFormat): Parser | undefined {
  return parsers.find((p) => p.format === format);
}

/** The parser whose signature matches the start of a text, or undefined. */
export function detectParser(head: string): Parser | undefined {
  return parsers.find((p) => p.detect(head));
}
