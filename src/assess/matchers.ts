import type { Host } from "../model/host.js";
import type { Evidence, Finding, Identification, Severity, Ssvc } from "../model/report.js";
import { evaluateAdvisory } from "./advisories.js";
import type { Advisory, AdvisoryProduct } from "./advisories.js";
import type { AssessData, CheckDef } from "./data.js";
import type { Feeds } from "./feeds.js";
import { decide, priorityScore } from "./ssvc.js";
import { buildDate } from "./versions.js";
import type { VersionRange } from "./versions.js";

/** What a matcher knows about one device. */
export interface DeviceContext {
  device: Host;
  identification: Identification;
  exposure: "open" | "controlled";
  now: Date;
}

/** One kind of exposure: vendor advisories, misconfigurations, compliance. */
export interface Matcher {
  readonly name: string;
  match(ctx: DeviceContext, data: AssessData, feeds: Feeds): Finding[];
}

const SURVEILLANCE = new Set(["ip-camera", "nvr", "dvr", "access-control", "intercom", "storage"]);
const SEVERITY_RANK: Record<Severity, number> = {
  info: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

function isBiometric(id: Identification): boolean {
  return id.capabilities.includes("face-recognition");
}

/** Fills SSVC, priority and the plain-words reason from a finding's parts. */
function finish(
  ctx: DeviceContext,
  f: Omit<Finding, "ssvc" | "priority" | "why">,
  ssvcIn: Pick<Ssvc, "exploitation" | "automatable" | "technicalImpact"> | null,
): Finding {
  const id = ctx.identification;
  const biometric = isBiometric(id);
  const ssvc = ssvcIn
    ? decide({
        ...ssvcIn,
        exposure: ctx.exposure,
        biometric,
        covered: id.coveredVendor,
        surveillance: SURVEILLANCE.has(id.deviceType ?? "") || id.coveredVendor,
      })
    : null;
  const priority = priorityScore({
    decision: ssvc?.decision ?? null,
    severityRank: SEVERITY_RANK[f.severity],
    cvss: f.cvss,
    epss: f.epss,
    kev: f.kev,
    biometric,
    confirmed: f.status === "affected",
  });
  const reasons: string[] = [];
  if (ssvc) {
    reasons.push(
      `SSVC ${ssvc.decision}: exploitation ${ssvc.exploitation}${f.kev ? " (CISA KEV)" : ""}, ` +
        `${ssvc.automatable ? "automatable" : "not automatable"}, ${ssvc.technicalImpact} technical impact, ` +
        `mission impact ${ssvc.missionImpact}`,
    );
  }
  reasons.push(ctx.exposure === "open" ? "reachable from the Internet" : "on an internal network");
  if (biometric) reasons.push("the device processes face data");
  if (id.coveredVendor) reasons.push(`${id.manufacturer} is a covered vendor`);
  if (f.cvss !== null) reasons.push(`CVSS ${f.cvss}`);
  if (f.epss !== null) reasons.push(`EPSS ${(f.epss * 100).toFixed(1)}%`);
  if (f.status === "potentially-affected") reasons.push("firmware not confirmed, so weighed lower");
  return { ...f, ssvc, priority, why: reasons.join("; ") };
}

function severityOf(score: number | null): Severity {
  if (score === null) return "medium";
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  return score > 0 ? "low" : "info";
}

function rangeText(r: VersionRange): string {
  if (r.from || r.to) return `${r.from ?? "any"} to ${r.to ?? "any"}`;
  if (r.below) return `below ${r.below}`;
  if (r.upTo) return `up to ${r.upTo} (included)`;
  if (r.buildBefore) return `built before ${r.buildBefore}`;
  return `built ${r.buildFrom ?? "any time"} to ${r.buildTo ?? "now"}`;
}

function assetSource(ctx: DeviceContext): Evidence["source"] {
  return ctx.device.sources[0] ?? { file: "", line: 0 };
}

function advisoryFinding(
  ctx: DeviceContext,
  adv: Advisory,
  product: AdvisoryProduct,
  status: Finding["status"],
  feeds: Feeds,
): Finding {
  const id = ctx.identification;
  const nvd = adv.cvss.find((c) => c.source === "NVD" && c.version.startsWith("3"));
  const best = nvd ?? [...adv.cvss].sort((a, b) => b.score - a.score)[0];
  const kev = feeds.kev.has(adv.id);
  const ranges =
    product.affected.length > 0
      ? product.affected.map(rangeText).join("; ")
      : "versions not published";
  const evidence: Evidence[] = [
    {
      rule: adv.id,
      field: "series",
      value: `${product.series}: ${ranges}`,
      source: { file: adv.file, line: product.line },
    },
    { rule: "identification", field: "model", value: id.model ?? "", source: assetSource(ctx) },
    {
      rule: "identification",
      field: "firmware",
      value: id.firmware ?? "unknown",
      source: assetSource(ctx),
    },
  ];
  return finish(
    ctx,
    {
      id: adv.id,
      title: adv.title,
      kind: "vulnerability",
      status,
      severity: severityOf(best?.score ?? null),
      cvss: best?.score ?? null,
      kev,
      epss: feeds.epss.get(adv.id)?.epss ?? null,
      evidence,
      remediation: adv.remediation,
      series: product.series,
      fixed: product.fixed || null,
      cvssScores: adv.cvss.map((c) => ({ ...c })),
      references: [...adv.references],
    },
    {
      exploitation: kev ? "active" : adv.exploit,
      automatable: adv.automatable,
      technicalImpact: adv.technicalImpact,
    },
  );
}

/** Vendor advisories matched by model series and firmware range. */
export const advisoryMatcher: Matcher = {
  name: "advisories",
  match(ctx, data, feeds) {
    const id = ctx.identification;
    if (!id.manufacturer) return [];
    const vendorAdvisories = data.advisories.filter((a) => a.vendor === id.manufacturer);
    if (vendorAdvisories.length === 0) return [];
    if (!id.model) {
      const def = data.checks.get("model-unknown")!;
      const exploited = vendorAdvisories.filter((a) => feeds.kev.has(a.id)).map((a) => a.id);
      // Exploited advisories among them make not knowing the model itself urgent.
      const severe = exploited.length > 0 ? { ...def, severity: "high" as const } : def;
      const f = checkFinding(ctx, severe, "potentially-affected", [
        {
          rule: "model-unknown",
          field: "advisories",
          value:
            `${vendorAdvisories.length} ${id.manufacturer} advisories apply by model series` +
            (exploited.length ? `; exploited in the wild: ${exploited.join(", ")}` : ""),
          source: { file: def.file, line: def.line },
        },
      ]);
      return [f];
    }
    const out: Finding[] = [];
    for (const adv of vendorAdvisories) {
      const { status, product } = evaluateAdvisory(adv, id.model, id.firmware);
      if (status !== "not-affected" && product)
        out.push(advisoryFinding(ctx, adv, product, status, feeds));
    }
    return out;
  },
};

function checkFinding(
  ctx: DeviceContext,
  def: CheckDef,
  status: Finding["status"],
  evidence: Evidence[],
): Finding {
  return finish(
    ctx,
    {
      id: def.id,
      title: def.title,
      kind: def.kind,
      status,
      severity: def.severity,
      cvss: null,
      kev: false,
      epss: null,
      evidence,
      remediation: def.remediation,
      series: null,
      fixed: null,
      cvssScores: [],
      references: [],
    },
    def.ssvc,
  );
}

type Check = (ctx: DeviceContext, def: CheckDef) => Evidence[];

const openServices = (h: Host): Host["services"] => h.services.filter((s) => s.state === "open");
const portKey = (s: Host["services"][number]): string => `${s.protocol}/${s.port}`;

function portsOrServices(ctx: DeviceContext, def: CheckDef): Evidence[] {
  const ports = new Set((def.params["ports"] as string[] | undefined) ?? []);
  const names = new Set((def.params["services"] as string[] | undefined) ?? []);
  return openServices(ctx.device)
    .filter((s) => ports.has(portKey(s)) || (s.name !== null && names.has(s.name)))
    .map((s) => ({
      rule: def.id,
      field: "port",
      value: `${portKey(s)} open${s.name ? ` (${s.name})` : ""}`,
      source: s.source,
    }));
}

function patternsOf(def: CheckDef): RegExp[] {
  return ((def.params["patterns"] as string[] | undefined) ?? []).map((p) => new RegExp(p, "i"));
}

/** The logic of each check id; its words and parameters come from fingerprints/checks.yaml. */
const CHECKS: Record<string, Check> = {
  "telnet-open": portsOrServices,
  "upnp-enabled": portsOrServices,
  "sdk-port-exposed": (ctx, def) => {
    const known = new Map(
      ((def.params["ports"] as { port: string; protocol: string }[] | undefined) ?? []).map((p) => [
        p.port,
        p.protocol,
      ]),
    );
    return openServices(ctx.device)
      .filter((s) => known.has(portKey(s)))
      .map((s) => ({
        rule: def.id,
        field: "port",
        value: `${portKey(s)} open: ${known.get(portKey(s))}`,
        source: s.source,
      }));
  },
  "rtsp-no-auth": (ctx, def) => {
    const out: Evidence[] = [];
    for (const s of openServices(ctx.device)) {
      if (s.banner && /^RTSP\/1\.0 200\b[\s\S]*content-type:\s*application\/sdp/im.test(s.banner)) {
        out.push({
          rule: def.id,
          field: "banner",
          value: "RTSP DESCRIBE answered 200 with a stream description",
          source: s.source,
        });
      }
      const brute = s.scripts.find(
        (x) => x.id === "rtsp-url-brute" && /discovered/i.test(x.output),
      );
      if (brute)
        out.push({
          rule: def.id,
          field: "script",
          value: "rtsp-url-brute found streams that answer without credentials",
          source: s.source,
        });
    }
    return out;
  },
  "device-info-unauthenticated": (ctx, def) => {
    const patterns = patternsOf(def);
    const out: Evidence[] = [];
    for (const s of openServices(ctx.device)) {
      const texts = [s.banner ?? "", ...s.scripts.map((x) => x.output)];
      if (texts.some((t) => patterns.some((p) => p.test(t)))) {
        out.push({
          rule: def.id,
          field: "banner",
          value: `device information served on ${portKey(s)} without login`,
          source: s.source,
        });
      }
    }
    return out;
  },
  "http-only": (ctx, def) => {
    const open = openServices(ctx.device);
    const tls = open.some(
      (s) => s.tunnel === "ssl" || s.tls !== null || s.name === "https" || s.port === 443,
    );
    if (tls) return [];
    return open
      .filter((s) => s.http !== null || s.name === "http" || s.name === "http-alt")
      .slice(0, 1)
      .map((s) => ({
        rule: def.id,
        field: "port",
        value: `${portKey(s)} serves the web interface without TLS, and no TLS port is open`,
        source: s.source,
      }));
  },
  "default-certificate": (ctx, def) => {
    const patterns = patternsOf(def);
    const out: Evidence[] = [];
    for (const s of openServices(ctx.device)) {
      for (const name of [s.tls?.subject, s.tls?.issuer]) {
        if (name && patterns.some((p) => p.test(name))) {
          out.push({ rule: def.id, field: "tls", value: name, source: s.source });
          break;
        }
      }
    }
    return out;
  },
  "firmware-old": (ctx, def) => {
    const fw = ctx.identification.firmware;
    const built = fw ? buildDate(fw) : null;
    if (!built) return [];
    const years = Number(def.params["maxAgeYears"] ?? 3);
    const limit = new Date(ctx.now);
    limit.setUTCFullYear(limit.getUTCFullYear() - years);
    if (built >= limit.toISOString().slice(0, 10)) return [];
    return [
      {
        rule: def.id,
        field: "firmware",
        value: `${fw} (built ${built})`,
        source: assetSource(ctx),
      },
    ];
  },
};

/** Misconfigurations and lifecycle, on devices atalaya identified (the audit's scope). */
export const checkMatcher: Matcher = {
  name: "checks",
  match(ctx, data) {
    if (!ctx.identification.manufacturer) return [];
    const out: Finding[] = [];
    for (const [id, check] of Object.entries(CHECKS)) {
      const def = data.checks.get(id)!;
      const evidence = check(ctx, def);
      if (evidence.length > 0) out.push(checkFinding(ctx, def, "affected", evidence));
    }
    return out;
  },
};

/** Covered-vendor compliance and biometric capability. */
export const complianceMatcher: Matcher = {
  name: "compliance",
  match(ctx, data) {
    const id = ctx.identification;
    const out: Finding[] = [];
    const top = id.evidence.slice(0, 3);
    if (id.coveredVendor) {
      const def = data.checks.get("covered-vendor")!;
      const rule =
        `${String(def.params["rule"] ?? "")} ${String(def.params["dates"] ?? "")}`.trim();
      out.push(
        checkFinding(ctx, def, "affected", [
          { rule: def.id, field: "rule", value: rule, source: { file: def.file, line: def.line } },
          ...top,
        ]),
      );
    }
    if (isBiometric(id)) {
      const def = data.checks.get("biometric-capability")!;
      out.push(
        checkFinding(ctx, def, "affected", [
          {
            rule: def.id,
            field: "capability",
            value: `face-recognition (${id.model ?? "model series"})`,
            source: assetSource(ctx),
          },
        ]),
      );
    }
    return out;
  },
};

/** Every check id the matchers read from fingerprints/checks.yaml; loading verifies them. */
export const CHECK_IDS: readonly string[] = [
  ...Object.keys(CHECKS),
  "model-unknown",
  "covered-vendor",
  "biometric-capability",
];

/** Every matcher, in the order their findings are listed. */
export const matchers: readonly Matcher[] = [advisoryMatcher, checkMatcher, complianceMatcher];
