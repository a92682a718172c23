import { basename } from "node:path";
import { AtalayaError, InputDamage } from "../errors.js";
import { setAddress } from "../model/build.js";
import type { Host, InputFormat } from "../model/host.js";
import type { InputSummary } from "../model/report.js";
import { detectParser, parserFor } from "./parsers.js";
import { expandInputs, openInput } from "./read.js";
import type { OpenedInput } from "./read.js";

export interface IngestOptions {
  /** Skip detection and read every input as this format. */
  format?: InputFormat;
  /** Called with raw bytes read of the current input and its size, a few times a second at most. */
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestProgress {
  file: string;
  /** Index of the current input among all inputs, from 0. */
  index: number;
  inputs: number;
  bytesRead: number;
  size: number;
  hosts: number;
}

/** Formats that describe one device without saying its address. */
const DEVICE_DOCUMENTS = new Set<InputFormat>(["hikvision-isapi", "dahua-magicbox", "onvif"]);

/**
 * Reads every input (directories expanded) and yields each host as soon as its parser
 * completes it. Nothing here throws for a bad input: an unreadable file, an unknown format or
 * damage is recorded in that input's summary and the next input is read. Returns the summaries.
 */
export async function* ingestStream(
  paths: readonly string[],
  options: IngestOptions = {},
): AsyncGenerator<Host, InputSummary[], undefined> {
  const files = await expandInputs(paths);
  const summaries: InputSummary[] = [];
  for (const [index, file] of files.entries()) {
    const summary = yield* ingestOne(file, index, files.length, options);
    summaries.push(summary);
  }
  return summaries;
}

/** Reads all inputs into memory: the hosts in input order and a summary per input. */
export async function ingest(
  paths: readonly string[],
  options: IngestOptions = {},
): Promise<{ hosts: Host[]; inputs: InputSummary[] }> {
  const hosts: Host[] = [];
  const it = ingestStream(paths, options);
  for (;;) {
    const next = await it.next();
    if (next.done) return { hosts, inputs: next.value };
    hosts.push(next.value);
  }
}

async function* ingestOne(
  file: string,
  index: number,
  inputs: number,
  options: IngestOptions,
): AsyncGenerator<Host, InputSummary, undefined> {
  const summary: InputSummary = {
    path: file,
    format: null,
    sha256: null,
    bytes: 0,
    hosts: 0,
    hostsUp: 0,
    status: "complete",
    problems: [],
  };
  let input: OpenedInput;
  try {
    input = await openInput(file);
  } catch (err) {
    summary.status = "failed";
    summary.problems.push({ line: 0, message: messageOf(err, file) });
    return summary;
  }
  summary.bytes = input.size;

  const parser = options.format
    ? parserFor(options.format)
    : input.size === 0
      ? undefined
      : detectParser(input.head);
  if (input.size === 0 && !options.format) {
    summary.format = "empty";
    summary.problems.push({
      line: 0,
      message: "empty file (masscan -oJ writes one when it finds nothing): no hosts",
    });
    summary.sha256 = await input.sha256();
    return summary;
  }
  if (!parser) {
    summary.status = "failed";
    summary.problems.push({
      line: 0,
      message: options.format
        ? `no parser for format ${options.format}`
        : "not a format atalaya reads (nmap XML, masscan, Shodan, Censys, ISAPI, magicBox, ONVIF, CSV inventory); use --input-format to name it",
    });
    summary.sha256 = await input.sha256();
    return summary;
  }
  summary.format = parser.format;

  const addressHint = DEVICE_DOCUMENTS.has(parser.format) ? addressFromFileName(file) : null;
  const ctx = {
    file,
    problem: (line: number, message: string) => summary.problems.push({ line, message }),
  };
  let lastReport = 0;
  try {
    for await (const host of parser.parse(input.text, ctx)) {
      if (addressHint && !host.address) setAddress(host, addressHint);
      summary.hosts++;
      if (host.status === "up") summary.hostsUp++;
      if (options.onProgress && summary.hosts - lastReport >= 256) {
        lastReport = summary.hosts;
        options.onProgress({
          file,
          index,
          inputs,
          bytesRead: input.bytesRead(),
          size: input.size,
          hosts: summary.hosts,
        });
      }
      yield host;
    }
  } catch (err) {
    summary.status = "partial";
    const line = err instanceof InputDamage ? err.line : 0;
    summary.problems.push({ line, message: messageOf(err, file) });
  }
  summary.problems.unshift(...input.problems);
  summary.problems.sort((a, b) => a.line - b.line);
  summary.sha256 = await input.sha256();
  options.onProgress?.({
    file,
    index,
    inputs,
    bytesRead: input.size,
    size: input.size,
    hosts: summary.hosts,
  });
  return summary;
}

function messageOf(err: unknown, file: string): string {
  if (err instanceof AtalayaError)
    return err.message.startsWith(file) ? err.message.slice(file.length + 2) : err.message;
  return `unexpected error: ${(err as Error).message ?? String(err)}`;
}

/**
 * `10.0.4.17.xml`, `10.0.4.17-deviceInfo.xml`, `10.0.4.17_magicBox.txt` → `10.0.4.17`: device
 * documents saved by address say whose they are only in their name.
 */
export function addressFromFileName(file: string): string | null {
  const m = /^((?:\d{1,3}\.){3}\d{1,3})(?=$|\.(?!\d)|[_\-\s])/.exec(basename(file));
  if (!m) return null;
  const ok = m[1]!.split(".").every((o) => Number(o) <= 255);
  return ok ? m[1]! : null;
}
