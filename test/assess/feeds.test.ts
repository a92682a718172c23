import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFeeds, updateFeeds } from "../../src/assess/feeds.js";

const kev = (version: string, cves: string[]): string =>
  JSON.stringify({
    title: "CISA Catalog of Known Exploited Vulnerabilities",
    catalogVersion: version,
    dateReleased: `${version.replace(/\./g, "-")}T12:00:00.000Z`,
    count: cves.length,
    vulnerabilities: cves.map((cveID) => ({
      cveID,
      dateAdded: "2026-03-05",
      vulnerabilityName: "x",
      dueDate: "2026-03-26",
    })),
  });
const epss = (date: string, rows: string[]): Buffer =>
  gzipSync(
    `#model_version:v2025.03.14,score_date:${date}T12:55:00Z\ncve,epss,percentile\n${rows.join("\n")}\n`,
  );

/** Fixture feeds served on a loopback port; each path is one case. */
const files: Record<string, Buffer> = {
  "/kev.json": Buffer.from(kev("2026.11.20", ["CVE-2017-7921", "CVE-2021-36260"])),
  "/epss.csv.gz": epss("2026-11-25", [
    "CVE-2017-7921,0.94321,0.99912",
    "CVE-2021-36260,0.97001,0.99990",
  ]),
  "/kev-corrupt.json": Buffer.from(
    '{"catalogVersion": "2026.11.21", "vulnerabilities": [{"cveID": "CVE-2017-7921"',
  ),
  "/epss-truncated.csv.gz": epss("2026-11-26", ["CVE-2017-7921,0.5,0.5"]).subarray(0, 30),
  "/kev-bad-count.json": Buffer.from(
    JSON.stringify({
      catalogVersion: "1",
      dateReleased: "2026-11-22T00:00:00Z",
      count: 5,
      vulnerabilities: [],
    }),
  ),
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const body = files[req.url ?? ""];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-length": body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("atalaya feeds update", () => {
  it("downloads, validates and installs KEV and EPSS; the audit then reads them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atalaya-feeds-"));
    const r = await updateFeeds({
      feedsDir: dir,
      kevUrl: `${base}/kev.json`,
      epssUrl: `${base}/epss.csv.gz`,
    });
    expect(r).toMatchObject({
      kevDate: "2026-11-20",
      kevEntries: 2,
      epssDate: "2026-11-25",
      epssEntries: 2,
    });
    const feeds = await loadFeeds(new Set(["CVE-2017-7921"]), dir);
    expect(feeds.kevDate).toBe("2026-11-20");
    expect(feeds.kevFrom).toBe(join(dir, "kev.json"));
    expect(feeds.epssDate).toBe("2026-11-25");
    expect([...feeds.epss.entries()]).toEqual([
      ["CVE-2017-7921", { epss: 0.94321, percentile: 0.99912 }],
    ]);
  });

  it.each([
    ["a corrupt KEV download", "/kev-corrupt.json", "/epss.csv.gz", /KEV catalog is not JSON/],
    [
      "a truncated EPSS download",
      "/kev.json",
      "/epss-truncated.csv.gz",
      /EPSS file is not valid gzip/,
    ],
    [
      "a KEV whose count does not match",
      "/kev-bad-count.json",
      "/epss.csv.gz",
      /says 5 entries but holds 0/,
    ],
    ["a failed download", "/kev.json", "/missing.csv.gz", /HTTP 404/],
  ])("keeps the installed snapshot after %s", async (_name, kevPath, epssPath, error) => {
    const dir = mkdtempSync(join(tmpdir(), "atalaya-feeds-"));
    await updateFeeds({
      feedsDir: dir,
      kevUrl: `${base}/kev.json`,
      epssUrl: `${base}/epss.csv.gz`,
    });
    const before = [readFileSync(join(dir, "kev.json")), readFileSync(join(dir, "epss.csv.gz"))];
    await expect(
      updateFeeds({ feedsDir: dir, kevUrl: `${base}${kevPath}`, epssUrl: `${base}${epssPath}` }),
    ).rejects.toThrow(error);
    expect([readFileSync(join(dir, "kev.json")), readFileSync(join(dir, "epss.csv.gz"))]).toEqual(
      before,
    );
  });

  it("imports the same files from a folder on a network with no Internet", async () => {
    const from = mkdtempSync(join(tmpdir(), "atalaya-offline-"));
    writeFileSync(join(from, "known_exploited_vulnerabilities.json"), files["/kev.json"]!);
    writeFileSync(join(from, "epss_scores-current.csv.gz"), files["/epss.csv.gz"]!);
    const dir = join(mkdtempSync(join(tmpdir(), "atalaya-feeds-")), "nested", "feeds");
    const r = await updateFeeds({ feedsDir: dir, from });
    expect(r.kevEntries).toBe(2);
    expect(existsSync(join(dir, "kev.json"))).toBe(true);
  });

  it("falls back to the bundled snapshot when nothing was installed", async () => {
    const empty = mkdtempSync(join(tmpdir(), "atalaya-feeds-"));
    mkdirSync(join(empty, "x"));
    const feeds = await loadFeeds(new Set(["CVE-2017-7921"]), empty);
    expect(feeds.kevDate).toBe("2026-07-23");
    expect(feeds.kev.get("CVE-2017-7921")?.dateAdded).toBe("2026-03-05");
    expect(feeds.epssFrom).toMatch(/fingerprints\/feeds\/epss\.json$/);
  });
});
