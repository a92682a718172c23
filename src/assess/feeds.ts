import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createGunzip, gunzipSync, gzipSync } from "node:zlib";
import { AtalayaError } from "../errors.js";

/** The bundled snapshots, beside `dist/` and `src/`. */
export const BUNDLED_FEEDS_DIR = fileURLToPath(
  new URL("../../fingerprints/feeds/", import.meta.url),
);

export const KEV_URL =
  "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";
export const EPSS_URL = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz";

/** Where `feeds update` installs newer copies: `--feeds-dir`, `ATALAYA_FEEDS_DIR`, or the user's data folder. */
export function defaultFeedsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env["ATALAYA_FEEDS_DIR"]) return env["ATALAYA_FEEDS_DIR"];
  const base = env["XDG_DATA_HOME"] || join(homedir(), ".local", "share");
  return join(base, "atalaya", "feeds");
}

export interface KevEntry {
  dateAdded: string;
  dueDate: string | null;
  vulnerabilityName: string;
  knownRansomwareCampaignUse: string | null;
}

export interface EpssEntry {
  epss: number;
  percentile: number;
}

/** The feeds one audit uses, each with its date and where it was read from. */
export interface Feeds {
  kev: Map<string, KevEntry>;
  kevDate: string;
  kevFrom: string;
  epss: Map<string, EpssEntry>;
  epssDate: string | null;
  epssFrom: string | null;
}

/** Validates a KEV catalog and returns its entries and date; throws on anything malformed. */
export function parseKev(text: string): { entries: Map<string, KevEntry>; date: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new AtalayaError("E_FEED", `KEV catalog is not JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const d = doc as {
    dateReleased?: unknown;
    catalogVersion?: unknown;
    count?: unknown;
    vulnerabilities?: unknown;
  };
  if (
    typeof d.catalogVersion !== "string" ||
    typeof d.dateReleased !== "string" ||
    !Array.isArray(d.vulnerabilities)
  ) {
    throw new AtalayaError(
      "E_FEED",
      "KEV catalog lacks catalogVersion, dateReleased or vulnerabilities",
    );
  }
  if (typeof d.count === "number" && d.count !== d.vulnerabilities.length) {
    throw new AtalayaError(
      "E_FEED",
      `KEV catalog says ${d.count} entries but holds ${d.vulnerabilities.length}`,
    );
  }
  const entries = new Map<string, KevEntry>();
  for (const v of d.vulnerabilities as Record<string, unknown>[]) {
    if (
      typeof v["cveID"] !== "string" ||
      !/^CVE-\d{4}-\d{4,}$/.test(v["cveID"]) ||
      typeof v["dateAdded"] !== "string"
    ) {
      throw new AtalayaError(
        "E_FEED",
        `KEV entry without a valid cveID and dateAdded: ${JSON.stringify(v).slice(0, 80)}`,
      );
    }
    entries.set(v["cveID"], {
      dateAdded: v["dateAdded"],
      dueDate: typeof v["dueDate"] === "string" ? v["dueDate"] : null,
      vulnerabilityName: String(v["vulnerabilityName"] ?? ""),
      knownRansomwareCampaignUse:
        typeof v["knownRansomwareCampaignUse"] === "string"
          ? v["knownRansomwareCampaignUse"]
          : null,
    });
  }
  if (entries.size === 0) throw new AtalayaError("E_FEED", "KEV catalog is empty");
  return { entries, date: d.dateReleased.slice(0, 10) };
}

/**
 * Validates an EPSS CSV (`#model_version:…,score_date:…`, then `cve,epss,percentile`) and keeps
 * the rows of `wanted` CVEs (all when `wanted` is null). Throws on anything malformed.
 */
export async function parseEpssCsv(
  lines: AsyncIterable<string>,
  wanted: ReadonlySet<string> | null,
): Promise<{ entries: Map<string, EpssEntry>; date: string }> {
  const entries = new Map<string, EpssEntry>();
  let date: string | null = null;
  let header = false;
  let rows = 0;
  let n = 0;
  for await (const line of lines) {
    n++;
    if (n === 1) {
      const m = /score_date:(\d{4}-\d{2}-\d{2})/.exec(line);
      if (!line.startsWith("#") || !m)
        throw new AtalayaError(
          "E_FEED",
          "EPSS file does not start with #model_version:…,score_date:…",
        );
      date = m[1]!;
      continue;
    }
    if (!header) {
      if (line.trim() !== "cve,epss,percentile")
        throw new AtalayaError(
          "E_FEED",
          `EPSS header is ${JSON.stringify(line)}, not cve,epss,percentile`,
        );
      header = true;
      continue;
    }
    if (!line) continue;
    const [cve, e, p] = line.split(",");
    const epss = Number(e);
    const percentile = Number(p);
    if (
      !cve ||
      !/^CVE-\d{4}-\d{4,}$/.test(cve) ||
      !(epss >= 0 && epss <= 1) ||
      !(percentile >= 0 && percentile <= 1)
    ) {
      throw new AtalayaError(
        "E_FEED",
        `EPSS line ${n} is malformed: ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    rows++;
    if (!wanted || wanted.has(cve)) entries.set(cve, { epss, percentile });
  }
  if (!date || !header || rows === 0)
    throw new AtalayaError("E_FEED", "EPSS file is truncated: no rows");
  return { entries, date };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Loads KEV and EPSS for an audit: an installed copy when `feeds update` put one in
 * `feedsDir`, else the bundled snapshot. EPSS keeps only the `wanted` CVEs.
 */
export async function loadFeeds(
  wanted: ReadonlySet<string>,
  feedsDir = defaultFeedsDir(),
): Promise<Feeds> {
  const kevInstalled = join(feedsDir, "kev.json");
  const kevFrom = (await exists(kevInstalled)) ? kevInstalled : join(BUNDLED_FEEDS_DIR, "kev.json");
  const kev = parseKev(await readFile(kevFrom, "utf8"));

  const epssInstalled = join(feedsDir, "epss.csv.gz");
  let epss = new Map<string, EpssEntry>();
  let epssDate: string | null = null;
  let epssFrom: string | null = null;
  if (await exists(epssInstalled)) {
    const rl = createInterface({
      input: createReadStream(epssInstalled).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    ({ entries: epss, date: epssDate } = await parseEpssCsv(rl, wanted));
    epssFrom = epssInstalled;
  } else {
    const bundled = join(BUNDLED_FEEDS_DIR, "epss.json");
    if (await exists(bundled)) {
      const doc = JSON.parse(await readFile(bundled, "utf8")) as {
        date: string;
        scores: Record<string, EpssEntry>;
      };
      epss = new Map(Object.entries(doc.scores));
      epssDate = doc.date;
      epssFrom = bundled;
    }
  }
  return { kev: kev.entries, kevDate: kev.date, kevFrom, epss, epssDate, epssFrom };
}

export interface UpdateOptions {
  feedsDir?: string;
  /** Read the files from this folder instead of downloading (networks with no Internet). */
  from?: string;
  kevUrl?: string;
  epssUrl?: string;
  /** Milliseconds per download. */
  timeout?: number;
}

export interface UpdateResult {
  kevDate: string;
  kevEntries: number;
  epssDate: string;
  epssEntries: number;
  feedsDir: string;
}

async function download(url: string, timeout: number): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeout) });
  } catch (err) {
    throw new AtalayaError("E_FEED", `${url}: download failed: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (!res.ok) throw new AtalayaError("E_FEED", `${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

async function* linesOf(text: string): AsyncGenerator<string> {
  for (const line of text.split(/\r?\n/)) yield line;
}

/**
 * Downloads (or reads from `--from`) the KEV catalog and the EPSS file, validates both, and only
 * then swaps them in, each by an atomic rename: a corrupt or truncated download leaves the
 * installed snapshot as it was.
 */
export async function updateFeeds(options: UpdateOptions = {}): Promise<UpdateResult> {
  const feedsDir = options.feedsDir ?? defaultFeedsDir();
  const timeout = options.timeout ?? 120_000;
  let kevBytes: Buffer;
  let epssBytes: Buffer;
  if (options.from) {
    kevBytes = await readFile(join(options.from, "known_exploited_vulnerabilities.json")).catch(
      (err: unknown) => {
        throw new AtalayaError(
          "E_FEED",
          `${options.from}: no known_exploited_vulnerabilities.json`,
          { cause: err },
        );
      },
    );
    const gz = join(options.from, "epss_scores-current.csv.gz");
    const csv = join(options.from, "epss_scores-current.csv");
    epssBytes = (await exists(gz))
      ? await readFile(gz)
      : await readFile(csv).catch((err: unknown) => {
          throw new AtalayaError(
            "E_FEED",
            `${options.from}: no epss_scores-current.csv.gz or .csv`,
            { cause: err },
          );
        });
  } else {
    kevBytes = await download(options.kevUrl ?? KEV_URL, timeout);
    epssBytes = await download(options.epssUrl ?? EPSS_URL, timeout);
  }

  const kev = parseKev(kevBytes.toString("utf8"));
  let epssText: string;
  try {
    epssText =
      epssBytes[0] === 0x1f && epssBytes[1] === 0x8b
        ? gunzipSync(epssBytes).toString("utf8")
        : epssBytes.toString("utf8");
  } catch (err) {
    throw new AtalayaError("E_FEED", `EPSS file is not valid gzip: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const epss = await parseEpssCsv(linesOf(epssText), null);

  await mkdir(feedsDir, { recursive: true });
  const staged: [string, string][] = [];
  try {
    for (const [name, data] of [
      ["kev.json", kevBytes],
      ["epss.csv.gz", gzipSync(epssText)],
    ] as const) {
      const tmp = join(feedsDir, `.${name}.${process.pid}.tmp`);
      await writeFile(tmp, data);
      staged.push([tmp, join(feedsDir, name)]);
    }
    for (const [tmp, dest] of staged) await rename(tmp, dest);
  } finally {
    for (const [tmp] of staged) await rm(tmp, { force: true });
  }
  return {
    kevDate: kev.date,
    kevEntries: kev.entries.size,
    epssDate: epss.date,
    epssEntries: epss.entries.size,
    feedsDir,
  };
}
