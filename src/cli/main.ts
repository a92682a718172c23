#!/usr/bin/env node
import { writeFile } from "node:fs/promises";
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
} from "../index.js";
import type { Host, InputFormat, InputSummary } from "../index.js";
import { EXIT } from "./exit-codes.js";
import { fingerprintsCommand } from "./fingerprints.js";
import { progressFor } from "./progress.js";
import { formatSummary, hasInputProblems } from "./summary.js";

const FORMATS = parsers.map((p) => p.format) as InputFormat[];

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

async function runAudit(args: CommonArgs & { format: string; output?: string }): Promise<number> {
  const files = await expandInputs(args.inputs);
  const progress = await progressFor(files, process.stderr);
  const doc = await audit(files, {
    ...(args["input-format"] ? { format: args["input-format"] } : {}),
    ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
  });
  progress?.stop();
  const json = JSON.stringify(doc, null, 2) + "\n";
  if (args.output && args.output !== "-") {
    try {
      await writeFile(args.output, json);
    } catch (err) {
      throw new AtalayaError(
        "E_OUTPUT",
        `${args.output}: cannot write: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  } else {
    await writeLine(json.trimEnd());
  }
  process.stderr.write(formatSummary(doc.inputs));
  process.stderr.write(
    `${doc.assets.length} device(s) in the report${args.output && args.output !== "-" ? `: ${args.output}` : ""}\n`,
  );
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
          .positional("inputs", {
            describe: "Files or directories",
            type: "string",
            array: true,
            demandOption: true,
          })
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
          .positional("inputs", {
            describe: "Files or directories",
            type: "string",
            array: true,
            demandOption: true,
          })
          .option("format", { describe: "Report format", choices: ["json"], default: "json" })
          .option("output", {
            alias: "o",
            describe: "Output file (stdout when absent or -)",
            type: "string",
          })
          .example(
            "$0 audit fixtures/demo --format json -o report.json",
            "audit the bundled demo network",
          ),
      async (a) => {
        code = await runAudit(a as unknown as CommonArgs & { format: string; output?: string });
      },
    )
    .command(fingerprintsCommand((c) => (code = c)))
    .epilogue(
      "Exit codes: 0 done; 1 internal error; 2 usage error; 3 done, but an input was partial or unreadable; 5 output not written.",
    )
    .fail((msg, err) => {
      // Throwing stops yargs: returning would run the command with the bad arguments.
      throw err ?? new AtalayaError("E_USAGE", `${msg}\nRun atalaya --help for usage.`);
    })
    .help();
  await parser.parseAsync();
  return code;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof AtalayaError) {
      process.stderr.write(`atalaya: ${err.message}\n`);
      process.exitCode =
        err.code === "E_OUTPUT" ? EXIT.output : err.code === "E_USAGE" ? EXIT.usage : EXIT.internal;
    } else {
      process.stderr.write(`atalaya: internal error: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = EXIT.internal;
    }
  },
);
