#!/usr/bin/env node
import { open, readFile } from "node:fs/promises";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import {
  AtalayaError,
  VERSION,
  audit,
  expandInputs,
  ingestStream,
  mergeHosts,
  parsers,
  EXTENSIONS,
  FAIL_ON,
  LANGS,
  REPORT_FORMATS,
  TLPS,
  logoDataUri,
  printPdf,
  reachesSeverity,
  renderJsonChunks,
  renderReport,
  renderSarifChunks,
} from "../index.js";
import type {
  FailOnSeverity,
  Host,
  InputFormat,
  InputSummary,
  Lang,
  ReportFormat,
  ReportOptions,
  Tlp,
} from "../index.js";
import { EXIT } from "./exit-codes.js";
import { feedsCommand } from "./feeds.js";
import { fingerprintsCommand } from "./fingerprints.js";
import { progressFor } from "./progress.js";
import { formatSummary, hasInputProblems } from "./summary.js";

const FORMATS = parsers.map((p) => p.format) as InputFormat[];

/** The positional argument of the commands that read inputs. */
const INPUTS = {
  describe: "Files or directories",
  type: "string",
  array: true,
  demandOption: true,
} as const;

interface CommonArgs {
  inputs: string[];
  "input-format"?: InputFormat;
}

async function runIngest(args: CommonArgs & { merge: boolean; all: boolean }): Promise<number> {
  const files = await expandInputs(args.inputs);
  const progress = await progressFor(files, process.stderr);
  const it = ingestStream(files, {
    ...(args["input-format"] ? { format: args["input-format"] } : {}),
    ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
  });
  const kept: Host[] = [];
  let inputs: InputSummary[];
  for (;;) {
    const next = await it.next();
    if (next.done) {
      inputs = next.value;
      break;
    }
    const host = next.value;
    if (args.merge) kept.push(host);
    else if (args.all || host.status !== "down") await writeLine(JSON.stringify(host));
  }
  if (args.merge) {
    for (const device of mergeHosts(kept)) {
      if (args.all || device.status !== "down") await writeLine(JSON.stringify(device));
    }
  }
  progress?.stop();
  process.stderr.write(formatSummary(inputs));
  return hasInputProblems(inputs) ? EXIT.inputProblems : EXIT.ok;
}

/** Writes one line to stdout, waiting when the pipe is full so memory stays flat. */
function writeLine(line: string): Promise<void> | void {
  if (!process.stdout.write(line + "\n")) {
    return new Promise((resolve) => process.stdout.once("drain", resolve));
  }
}

interface AuditArgs extends CommonArgs {
  format: ReportFormat[];
  output?: string;
  lang: Lang;
  client?: string;
  author?: string;
  tlp?: Tlp;
  logo?: string;
  pdf?: string;
  "fail-on"?: FailOnSeverity;
  internal?: string[];
  "feeds-dir"?: string;
  fingerprints?: string;
}

/** `--format html,json` and `--format html --format json` alike. */
function parseFormats(value: unknown): ReportFormat[] {
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((v) => String(v).split(","))
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  for (const f of items) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new AtalayaError(
        "E_USAGE",
        `--format: unknown format "${f}" (choose from ${REPORT_FORMATS.join(", ")})`,
      );
    }
  }
  return [...new Set(items)] as ReportFormat[];
}

/** Where each format goes: one format to `-o` as named (or stdout), several to `-o` + extension. */
function destinations(
  formats: readonly ReportFormat[],
  output: string | undefined,
): Map<ReportFormat, string | null> {
  const toStdout = output === undefined || output === "-";
  const out = new Map<ReportFormat, string | null>();
  if (formats.length === 1) {
    out.set(formats[0]!, toStdout ? null : output);
    return out;
  }
  if (toStdout) {
    throw new AtalayaError(
      "E_USAGE",
      "several formats need -o BASE: each is written to BASE plus its extension (report.html, report.json, …)",
    );
  }
  const known = Object.values(EXTENSIONS).find((ext) => output.endsWith(ext));
  const base = known ? output.slice(0, -known.length) : output;
  for (const f of formats) out.set(f, base + EXTENSIONS[f]);
  return out;
}

async function readLogo(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new AtalayaError("E_USAGE", `--logo ${path}: cannot read: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (bytes.length > 2 * 1024 * 1024) {
    throw new AtalayaError("E_USAGE", `--logo ${path}: larger than 2 MB; the report embeds it`);
  }
  try {
    return logoDataUri(bytes);
  } catch (err) {
    throw new AtalayaError("E_USAGE", `--logo ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Joins small pieces into blocks of a few MB, so writing costs one call per block. */
function* blocks(chunks: Iterable<string>): Generator<string> {
  let batch: string[] = [];
  let size = 0;
  for (const c of chunks) {
    batch.push(c);
    size += c.length;
    if (size >= 4 << 20) {
      yield batch.join("");
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch.join("");
}

/** Writes text pieces to a file, or to stdout when `file` is null, waiting when a pipe is full. */
async function writeChunks(file: string | null, chunks: Iterable<string>): Promise<void> {
  if (file === null) {
    for (const b of blocks(chunks)) {
      if (!process.stdout.write(b)) await new Promise((r) => process.stdout.once("drain", r));
    }
    return;
  }
  let handle;
  try {
    handle = await open(file, "w");
    for (const b of blocks(chunks)) await handle.write(b);
  } catch (err) {
    throw new AtalayaError("E_OUTPUT", `${file}: cannot write: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    await handle?.close();
  }
}

async function runAudit(args: AuditArgs): Promise<number> {
  const targets = destinations(args.format, args.output);
  const logo = args.logo ? await readLogo(args.logo) : null;
  const files = await expandInputs(args.inputs);
  const progress = await progressFor(files, process.stderr);
  const doc = await audit(files, {
    ...(args["input-format"] ? { format: args["input-format"] } : {}),
    ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
    ...(args.internal
      ? { internal: args.internal.flatMap((r) => r.split(",")).filter(Boolean) }
      : {}),
    ...(args["feeds-dir"] ? { feedsDir: args["feeds-dir"] } : {}),
    ...(args.fingerprints ? { fingerprintsDir: args.fingerprints } : {}),
  });
  progress?.stop();
  const options: ReportOptions = {
    lang: args.lang,
    client: args.client ?? null,
    author: args.author ?? null,
    tlp: args.tlp ?? null,
    logo,
  };
  // JSON and SARIF are written in pieces: at national scale they are longer than any string.
  const streamed: Partial<Record<string, (d: typeof doc) => Iterable<string>>> = {
    json: renderJsonChunks,
    sarif: renderSarifChunks,
  };
  const wanted = [...targets.keys()].filter((f) => !streamed[f]);
  if (args.pdf && !wanted.includes("html")) wanted.push("html");
  const rendered = renderReport(doc, wanted, options);
  const written: string[] = [];
  for (const [format, file] of targets) {
    const chunks = streamed[format]?.(doc) ?? [rendered.get(format)!];
    await writeChunks(file, chunks);
    if (file !== null) written.push(file);
  }
  if (args.pdf) {
    await printPdf(rendered.get("html")!, args.pdf);
    written.push(args.pdf);
  }
  process.stderr.write(formatSummary(doc.inputs));
  process.stderr.write(
    `${doc.assets.length} device(s) in the report${written.length ? `: ${written.join(", ")}` : ""}\n`,
  );
  const failOn = args["fail-on"];
  if (failOn && reachesSeverity(doc, failOn)) {
    process.stderr.write(`findings at or above ${failOn}: exit code ${EXIT.findings}\n`);
    return EXIT.findings;
  }
  return hasInputProblems(doc.inputs) ? EXIT.inputProblems : EXIT.ok;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const parser = yargs(argv)
    .scriptName("atalaya")
    .version(VERSION)
    .strict()
    .demandCommand(1, "Name a command: ingest, audit or fingerprints.")
    .option("input-format", {
      describe: "Read every input as this format instead of detecting it from the content",
      choices: FORMATS,
      type: "string",
    })
    .command(
      "ingest <inputs..>",
      "Print the normalised hosts of the inputs as NDJSON on stdout, a summary per input on stderr",
      (y) =>
        y
          .positional("inputs", INPUTS)
          .option("merge", {
            describe: "Merge records of the same device across inputs",
            type: "boolean",
            default: false,
          })
          .option("all", {
            describe: "Also print hosts the scanner reported down",
            type: "boolean",
            default: false,
          })
          .example("$0 ingest scan.xml", "one JSON host per line")
          .example("$0 ingest scans/ --merge", "one line per device across all files"),
      async (a) => {
        code = await runIngest(a as unknown as CommonArgs & { merge: boolean; all: boolean });
      },
    )
    .command(
      "audit <inputs..>",
      "Audit the devices in the inputs and write the report",
      (y) =>
        y
          .positional("inputs", INPUTS)
          .option("format", {
            alias: "f",
            describe: `Report formats, comma-separated: ${REPORT_FORMATS.join(", ")}`,
            type: "string",
            default: "json",
            coerce: parseFormats,
          })
          .option("output", {
            alias: "o",
            describe:
              "Output file (stdout when absent or -); with several formats, the base name each format's extension is added to",
            type: "string",
          })
          .option("lang", {
            describe: "Language of the HTML and Markdown reports",
            choices: LANGS,
            default: "en",
          })
          .option("client", { describe: "Who the audit is for, on the cover", type: "string" })
          .option("author", { describe: "Who made the audit, on the cover", type: "string" })
          .option("tlp", { describe: "TLP 2.0 marking on the cover and every page", choices: TLPS })
          .option("logo", {
            describe: "A PNG, JPEG or SVG file embedded in the cover",
            type: "string",
          })
          .option("pdf", {
            describe: "Also print the HTML report to this PDF file (needs Chromium)",
            type: "string",
          })
          .option("fail-on", {
            describe: `Exit with code ${EXIT.findings} when any finding reaches this severity`,
            choices: FAIL_ON,
          })
          .option("internal", {
            describe:
              "Address ranges (CIDR, comma-separated or repeated) to treat as internal besides the private ones",
            type: "string",
            array: true,
          })
          .option("feeds-dir", {
            describe:
              "Where `feeds update` installed KEV and EPSS (default: the user's data folder)",
            type: "string",
          })
          .option("fingerprints", {
            describe: "A rule data folder to use instead of the bundled fingerprints/",
            type: "string",
          })
          .example(
            "$0 audit fixtures/demo --format json -o report.json",
            "audit the bundled demo network",
          )
          .example(
            "$0 audit scans/ --format html,csv,sarif -o report --lang es --tlp amber",
            "report.html, report.csv and report.sarif, the HTML in Spanish",
          )
          .example(
            "$0 audit scans/ --format md --fail-on high",
            "a Markdown summary; exit 4 on high findings",
          ),
      async (a) => {
        code = await runAudit(a as unknown as AuditArgs);
      },
    )
    .command(fingerprintsCommand((c) => (code = c)))
    .command(feedsCommand((c) => (code = c)))
    .epilogue(
      "Exit codes: 0 done; 1 internal error; 2 usage error; 3 done, but an input was partial or unreadable; 4 findings at or above --fail-on; 5 output not written; 6 feed update failed (old snapshot kept); 7 rule data has problems.",
    )
    .fail((msg, err) => {
      // Throwing stops yargs: returning would run the command with the bad arguments.
      // A coerce function's error reaches here wrapped in yargs' YError: it is still a usage error.
      if (err && err.name === "YError") {
        throw new AtalayaError("E_USAGE", `${err.message}\nRun atalaya --help for usage.`);
      }
      throw err ?? new AtalayaError("E_USAGE", `${msg}\nRun atalaya --help for usage.`);
    })
    .help();
  await parser.parseAsync();
  return code;
}

function exitCodeOf(err: AtalayaError): number {
  switch (err.code) {
    case "E_OUTPUT":
      return EXIT.output;
    case "E_USAGE":
      return EXIT.usage;
    case "E_FEED":
      return EXIT.feed;
    case "E_RULES":
      return EXIT.rules;
    default:
      return EXIT.internal;
  }
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof AtalayaError) {
      process.stderr.write(`atalaya: ${err.message}\n`);
      process.exitCode = exitCodeOf(err);
    } else {
      process.stderr.write(`atalaya: internal error: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = EXIT.internal;
    }
  },
);
