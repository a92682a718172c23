// npm run bench: generates deterministic nmap XML and prints ingest throughput beside the raw
// tokenising speed of saxes on the same file, and peak memory, in one table.
// Options: --hosts N (default 200000), --skip-1g (skip the 1 GB memory run).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { generateNmapXml } from "./generate-nmap.js";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, "data");
const args = process.argv.slice(2);
const hostsArg = args.indexOf("--hosts");
const HOSTS = hostsArg >= 0 ? Number(args[hostsArg + 1]) : 200_000;
const SKIP_1G = args.includes("--skip-1g");
const GIB = 1024 ** 3;

/** Generates the file once per (hosts, generator version); reuses it afterwards. */
async function dataFile(hosts) {
  mkdirSync(dataDir, { recursive: true });
  const generator = readFileSync(join(here, "generate-nmap.js"));
  const stamp = `${hosts}:${generator.length}`;
  const file = join(dataDir, `nmap-${hosts}.xml`);
  const metaFile = `${file}.meta`;
  if (!existsSync(file) || !existsSync(metaFile) || readFileSync(metaFile, "utf8") !== stamp) {
    process.stderr.write(`generating ${file} …\n`);
    await generateNmapXml({ hosts, outFile: file, seed: 1 });
    writeFileSync(metaFile, stamp);
  }
  return file;
}

async function stage(name, file) {
  const { stdout } = await run(process.execPath, [join(here, "stage.js"), name, file], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout);
}

function row(r) {
  const mb = r.bytes / 1e6;
  return [
    r.stage.padEnd(10),
    `${(mb / r.seconds).toFixed(1)}`.padStart(8),
    r.hosts ? `${Math.round(r.hosts / r.seconds)}`.padStart(10) : "-".padStart(10),
    `${r.peakRssMb.toFixed(0)}`.padStart(9),
    `${r.seconds.toFixed(2)}`.padStart(8),
  ].join("  ");
}

const header = [
  "stage".padEnd(10),
  "MB/s".padStart(8),
  "hosts/s".padStart(10),
  "peak MB".padStart(9),
  "seconds".padStart(8),
].join("  ");

const file = await dataFile(HOSTS);
const size = statSync(file).size;
console.log(`\ningest benchmark: ${file} (${(size / 1e6).toFixed(0)} MB, ${HOSTS} hosts)\n`);
console.log(header);
const results = [];
for (const name of ["read", "tokenize", "ingest", "fingerprint"]) {
  const r = await stage(name, file);
  results.push(r);
  console.log(row(r));
}
const tokenize = results.find((r) => r.stage === "tokenize");
const ingestRun = results.find((r) => r.stage === "ingest");
const ratio = tokenize.seconds / ingestRun.seconds;
console.log(
  `\ningest throughput is ${(ratio * 100).toFixed(0)}% of raw saxes tokenising (target ≥ 50%)`,
);
// The fingerprint row times identification alone (ingest feeds it), so the two compare.
const fingerprintRun = results.find((r) => r.stage === "fingerprint");
console.log(
  `fingerprinting: ${Math.round(fingerprintRun.hosts / fingerprintRun.seconds)} hosts/s ` +
    `(${fingerprintRun.named} of ${fingerprintRun.hosts} hosts named a maker) ` +
    `against ingest's ${Math.round(ingestRun.hosts / ingestRun.seconds)} hosts/s`,
);

if (!SKIP_1G) {
  // Enough hosts for at least 1 GiB, from the measured size per host.
  const bigHosts = Math.ceil((HOSTS * GIB) / size / 1000) * 1000;
  const big = await dataFile(bigHosts);
  const bigSize = statSync(big).size;
  const r = await stage("ingest", big);
  console.log(`\nmemory: ingest of ${(bigSize / GIB).toFixed(2)} GiB (${bigHosts} hosts)`);
  console.log(header);
  console.log(row(r));
  console.log(`peak RSS ${r.peakRssMb.toFixed(0)} MB (target < 200 MB)`);
}

// The report at national scale (bench/report.js): 100,000 devices rendered to HTML and opened in
// Chromium. Its own process, so its memory and timings are its own.
{
  const { spawnSync } = await import("node:child_process");
  const r = spawnSync(process.execPath, [join(here, "report.js")], { stdio: "inherit" });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
