import type { InputFormat } from "../model/host.js";
import type { Parser } from "./parser.js";

/**
 * Every input parser, in detection order: a parser whose signature is more specific comes
 * before one that would also accept the same text (masscan XML before nmap XML, the CSV
 * inventory last).
 */
export const parsers: readonly Parser[] = [];

export function parserFor(format: InputFormat): Parser | undefined {
  return parsers.find((p) => p.format === format);
}

/** The parser whose signature matches the start of a text, or undefined. */
export function detectParser(head: string): Parser | undefined {
  return parsers.find((p) => p.detect(head));
}
