// The report at national scale: builds a 100,000-device ReportDocument (deterministic), renders
// it to HTML, and opens the file in Chromium to time how long until the summary shows.
// Usage: node bench/report.js [--devices N]   (npm run bench runs it after the ingest benchmark)
/* global performance, Buffer, document */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CHROMIUM_ARGS, findChromium, printPdf, renderHtml } from "../dist/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const devicesArg = args.indexOf("--devices");
const DEVICES = devicesArg >= 0 ? Number(args[devicesArg + 1]) : 100_000;

/** mulberry32: a small seeded generator, so every run builds the same document. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODELS = [
  {
    maker: "Hikvision",
    brand: null,
    model: "DS-2CD2042WD-I",
    fw: "V5.4.0 build 160530",
    type: "ip-camera",
    covered: true,
  },
  {
    maker: "Hikvision",
    brand: "HiLook",
    model: "IPC-B140H",
    fw: "V5.5.800 build 210628",
    type: "ip-camera",
    covered: true,
  },
  {
    maker: "Hikvision",
    brand: null,
    model: "DS-7608NI-K2",
    fw: "V4.30.085 build 200916",
    type: "nvr",
    covered: true,
  },
  {
    maker: "Hikvision",
    brand: null,
    model: "DS-K1T341AMF",
    fw: null,
    type: "access-control",
    covered: true,
    face: true,
  },
  {
    maker: "Dahua",
    brand: null,
    model: "IPC-HFW5442E-ZE",
    fw: "2.800.0000016.0.R",
    type: "ip-camera",
    covered: true,
  },
  { maker: "Dahua", brand: "Lorex", model: "LNB4321", fw: null, type: "ip-camera", covered: true },
  {
    maker: "Dahua",
    brand: "Intelbras",
    model: "VIP 1230 B",
    fw: "2.800.00IB00F.0.T",
    type: "ip-camera",
    covered: true,
  },
  {
    maker: "Dahua",
    brand: null,
    model: "NVR4216-16P-4KS2",
    fw: "V4.001.0000000.3.R",
    type: "nvr",
    covered: true,
  },
  {
    maker: "Huawei",
    brand: null,
    model: "HoloSens SDC M2391",
    fw: null,
    type: "ip-camera",
    covered: true,
    face: true,
  },
  {
    maker: "Axis",
    brand: null,
    model: "P1375",
    fw: "10.12.182",
    type: "ip-camera",
    covered: false,
  },
  {
    maker: "Hanwha",
    brand: null,
    model: "XNO-6080R",
    fw: "2.21.02",
    type: "ip-camera",
    covered: false,
  },
  { maker: null, brand: null, model: null, fw: null, type: null, covered: false },
];
const FINDINGS = [
  {
    id: "CVE-2017-7921",
    title: "Improper authentication in Hikvision IP cameras",
    kind: "vulnerability",
    severity: "critical",
    cvss: 10,
    kev: true,
    epss: 0.9434,
    makers: ["Hikvision"],
  },
  {
    id: "CVE-2021-36260",
    title: "Command injection in the Hikvision web server",
    kind: "vulnerability",
    severity: "critical",
    cvss: 9.8,
    kev: true,
    epss: 0.9446,
    makers: ["Hikvision"],
  },
  {
    id: "CVE-2021-33044",
    title: "Authentication bypass in Dahua devices",
    kind: "vulnerability",
    severity: "critical",
    cvss: 9.8,
    kev: true,
    epss: 0.9021,
    makers: ["Dahua"],
  },
  {
    id: "CVE-2022-30563",
    title: "ONVIF replay in Dahua devices",
    kind: "vulnerability",
    severity: "high",
    cvss: 7.4,
    kev: false,
    epss: 0.012,
    makers: ["Dahua"],
  },
  {
    id: "telnet-open",
    title: "Telnet is open",
    kind: "misconfiguration",
    severity: "high",
    cvss: null,
    kev: false,
    epss: null,
    makers: null,
  },
  {
    id: "rtsp-no-auth",
    title: "RTSP stream answers without authentication",
    kind: "misconfiguration",
    severity: "high",
    cvss: null,
    kev: false,
    epss: null,
    makers: null,
  },
  {
    id: "http-only",
    title: "Web interface over plain HTTP only",
    kind: "misconfiguration",
    severity: "medium",
    cvss: null,
    kev: false,
    epss: null,
    makers: null,
  },
  {
    id: "covered-vendor",
    title: "Made by a vendor on the FCC Covered List",
    kind: "compliance",
    severity: "medium",
    cvss: null,
    kev: false,
    epss: null,
    makers: ["Hikvision", "Dahua", "Huawei"],
  },
];
const DECISION = ["Track", "Track*", "Attend", "Act"];

/** A plausible national estate: 400 sites, cameras mostly from covered makers, a few findings each. */
function buildDocument(n) {
  const rnd = random(7);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const assets = [];
  const actions = new Map();
  for (let i = 0; i < n; i++) {
    const m = pick(MODELS);
    const ip = `10.${Math.floor(i / 65536) % 256}.${Math.floor(i / 256) % 256}.${(i % 256) + 1}`;
    const site = `Site ${String(Math.floor(i / 250) % 400).padStart(3, "0")}`;
    const file = `scans/region-${Math.floor(i / 10_000)}.xml`;
    const line = 1000 + (i % 10_000) * 40;
    const id = `dev-${i.toString(16).padStart(12, "0")}`;
    const evidence = m.maker
      ? [
          {
            rule: "http-server",
            field: "http.server",
            value: m.maker === "Hikvision" ? "App-webs/" : "Webs",
            source: { file, line: line + 3 },
          },
          {
            rule: "device-model",
            field: "device.model",
            value: m.model,
            source: { file, line: line + 9 },
          },
          ...(m.fw
            ? [
                {
                  rule: "device-firmware",
                  field: "device.firmware",
                  value: m.fw,
                  source: { file, line: line + 10 },
                },
              ]
            : []),
        ]
      : [];
    const findings = [];
    for (const f of FINDINGS) {
      const applies = f.makers ? f.makers.includes(m.maker) : rnd() < 0.15;
      if (!applies || (f.kind === "vulnerability" && rnd() < 0.5)) continue;
      const d = f.kev ? 3 : f.kind === "compliance" ? null : Math.floor(rnd() * 3);
      findings.push({
        id: f.id,
        title: f.title,
        kind: f.kind,
        status: m.fw ? "affected" : "potentially-affected",
        severity: f.severity,
        cvss: f.cvss,
        kev: f.kev,
        epss: f.epss,
        priority: Math.round((d ?? 0) * 25 + (f.epss ?? 0) * 20 + rnd() * 5),
        ssvc:
          d === null
            ? null
            : {
                decision: DECISION[d],
                exploitation: f.kev ? "active" : "none",
                automatable: f.kev,
                technicalImpact: f.severity === "critical" ? "total" : "partial",
                exposure: rnd() < 0.05 ? "open" : "controlled",
                missionImpact: m.face ? "very-high" : "medium",
              },
        evidence: evidence.slice(-1),
        remediation: `Fix ${f.id} on ${m.model ?? "the device"}.`,
      });
      const key = `${f.id}|${m.model}`;
      if (!actions.has(key)) {
        actions.set(key, {
          title: `Fix ${f.title.toLowerCase()} on ${m.maker ?? "unidentified"} ${m.model ?? "devices"}`,
          assets: [],
          findings: [f.id],
        });
      }
      actions.get(key).assets.push(id);
    }
    findings.sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1));
    assets.push({
      id,
      ip,
      mac: null,
      macVendor: null,
      hostnames: [],
      site,
      owner: `Owner ${Math.floor(i / 5000)}`,
      ports: [
        { port: 80, protocol: "tcp", service: "http", product: null, version: null },
        { port: 554, protocol: "tcp", service: "rtsp", product: null, version: null },
      ],
      identification: {
        manufacturer: m.maker,
        brand: m.brand,
        model: m.model,
        firmware: m.fw,
        deviceType: m.type,
        coveredVendor: m.covered,
        capabilities: m.face ? ["face-recognition"] : [],
        confidence: m.maker ? 0.6 + rnd() * 0.4 : 0,
        evidence,
      },
      findings,
      sources: [{ file, line }],
    });
  }
  return {
    schemaVersion: 1,
    generator: { name: "atalaya", version: "bench" },
    generatedAt: "2026-11-20T14:30:00.000Z",
    inputs: Array.from({ length: Math.ceil(n / 10_000) }, (_, r) => ({
      path: `scans/region-${r}.xml`,
      format: "nmap-xml",
      sha256: "0".repeat(64),
      bytes: 40_000_000,
      hosts: 10_000,
      hostsUp: 10_000,
      status: "complete",
      problems: [],
    })),
    feeds: [
      { name: "kev", date: "2026-11-18" },
      { name: "epss", date: "2026-11-19" },
      { name: "advisories", date: "2026-11-01" },
    ],
    assets,
    actions: [...actions.values()],
  };
}

const doc = buildDocument(DEVICES);
let t = performance.now();
const html = renderHtml(doc, { lang: "en", client: "National CERT", tlp: "amber" });
const renderMs = performance.now() - t;
const dataDir = join(here, "data");
mkdirSync(dataDir, { recursive: true });
const file = join(dataDir, `report-${DEVICES}.html`);
writeFileSync(file, html);
const rows = [
  ["devices", DEVICES.toLocaleString("en")],
  ["HTML size", `${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB`],
  ["render (ReportDocument → HTML)", `${(renderMs / 1000).toFixed(2)} s`],
];

const chromiumPath = findChromium();
if (!chromiumPath) {
  rows.push(["Chromium", "not installed: browser timings skipped (apt-get install chromium)"]);
} else {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
  try {
    const times = [];
    for (let run = 0; run < 3; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      t = performance.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: "commit" });
      await page.waitForSelector("#summary .figures", { state: "visible" });
      const visibleMs = performance.now() - t;
      await page.waitForSelector("[data-devices-ready]", { state: "attached", timeout: 120_000 });
      const readyMs = performance.now() - t;
      const marks = await page.evaluate(() => ({
        summary: performance.getEntriesByName("summary-ready")[0]?.startTime ?? NaN,
        fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      }));
      let printMs = NaN;
      let pdfMs = NaN;
      let pdfBytes = 0;
      let pdfError = null;
      if (run === 0) {
        // What --pdf does: lay every device out for print, then print.
        const p = performance.now();
        await page.emulateMedia({ media: "print" });
        await page.evaluate(() => globalThis.atalayaPrintAll());
        await page.evaluate(() => document.body.offsetHeight);
        printMs = performance.now() - p;
        const q = performance.now();
        try {
          const pdf = await page.pdf({ format: "A4", printBackground: true, timeout: 0 });
          pdfBytes = pdf.length;
        } catch (err) {
          pdfError = err.message.split("\n")[0];
        }
        pdfMs = performance.now() - q;
      }
      times.push({ visibleMs, readyMs, ...marks, printMs, pdfMs, pdfBytes, pdfError });
      await page.close();
    }
    const median = (k) => times.map((x) => x[k]).sort((a, b) => a - b)[1];
    rows.push([
      "Chromium: summary-ready mark (median of 3)",
      `${(median("summary") / 1000).toFixed(2)} s`,
    ]);
    rows.push(["Chromium: first contentful paint", `${(median("fcp") / 1000).toFixed(2)} s`]);
    rows.push([
      "Chromium: summary visible, from navigation (wall)",
      `${(median("visibleMs") / 1000).toFixed(2)} s (target ≤ 3 s)`,
    ]);
    rows.push([
      "Chromium: first page of devices ready",
      `${(median("readyMs") / 1000).toFixed(2)} s`,
    ]);
    rows.push([
      "Chromium: lay out every device for print",
      `${(times[0].printMs / 1000).toFixed(2)} s`,
    ]);
    rows.push([
      "Chromium: one print job of every device",
      times[0].pdfError
        ? `failed after ${(times[0].pdfMs / 1000).toFixed(2)} s: ${times[0].pdfError}`
        : `${(times[0].pdfMs / 1000).toFixed(2)} s, ${(times[0].pdfBytes / 1e6).toFixed(1)} MB`,
    ]);
  } finally {
    await browser.close();
  }
  // What --pdf does: one print job per 10,000 devices, joined into one numbered PDF.
  const pdfFile = join(dataDir, `report-${DEVICES}.pdf`);
  const p = performance.now();
  try {
    await printPdf(html, pdfFile);
    rows.push([
      "atalaya --pdf (parts of 10,000 devices, joined)",
      `${((performance.now() - p) / 1000).toFixed(2)} s, ${(statSync(pdfFile).size / 1e6).toFixed(1)} MB`,
    ]);
  } catch (err) {
    rows.push(["atalaya --pdf", `failed: ${err.message.split("\n")[0]}`]);
  }
}

console.log(`\nreport benchmark: ${file}\n`);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
