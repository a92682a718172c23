import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Host } from "../src/model/host.js";
import type { Parser } from "../src/ingest/parser.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The shared corpus lives beside the checkout, in CI as on a developer's machine. */
export const corpusDir = resolve(repoRoot, "..", "shared", "corpus");
export const fixturesDir = join(repoRoot, "fixtures");

export function corpusPath(...parts: string[]): string {
  return join(corpusDir, ...parts);
}

/** Feeds text to a parser in chunks of `chunkSize` characters, so chunk boundaries get tested too. */
export async function* chunksOf(text: string, chunkSize = 7): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
}

export interface ParsedText {
  hosts: Host[];
  problems: { line: number; message: string }[];
  error: (Error & { line?: number }) | null;
}

/** Runs a parser over a string and collects hosts, problems and the error it ended with, if any. */
export async function parseText(
  parser: Parser,
  text: string,
  file = "input",
  chunkSize = 4096,
): Promise<ParsedText> {
  const out: ParsedText = { hosts: [], problems: [], error: null };
  const ctx = {
    file,
    problem: (line: number, message: string) => out.problems.push({ line, message }),
  };
  try {
    for await (const host of parser.parse(chunksOf(text, chunkSize), ctx)) out.hosts.push(host);
  } catch (err) {
    out.error = err as Error & { line?: number };
  }
  return out;
}

export function readCorpus(...parts: string[]): string {
  return readFileSync(corpusPath(...parts), "utf8");
}

const execFileP = promisify(execFile);
const cliBin = join(repoRoot, "dist", "cli", "main.js");

/** Runs the built CLI; resolves with its exit code instead of throwing on a non-zero one. */
export async function runCli(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [cliBin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
