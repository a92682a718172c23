/**
 * Firmware versions in each vendor's own scheme, and the range forms advisories use
 * (shared/reference/exposures.md §2). Ranges apply within one product series only; version order
 * and build-date order differ (a V5.3.9 built in 2017 is older than V5.4.0 built in 2016), so a
 * version is compared by its numbers first and its build date second.
 */

export type VersionScheme = "hikvision" | "dahua" | "huawei" | "dotted";

/** A parsed firmware version: its numbers, and its build date (ISO `YYYY-MM-DD`) when it has one. */
export interface Version {
  parts: number[];
  build: string | null;
  raw: string;
}

/** The range forms of advisory data (fingerprints/advisories/*.yaml). */
export interface VersionRange {
  /** Inclusive bounds. */
  from?: string;
  to?: string;
  /** Exclusive upper bound ("versions below V3.7.80"). */
  below?: string;
  /** Inclusive upper bound ("below V5.7.23_241015, including it"). */
  upTo?: string;
  /** Build date strictly before `YYYY-MM` or `YYYY-MM-DD` ("build time before June 2021"). */
  buildBefore?: string;
  /** Build date within these months, both inclusive ("build time between 2017/7 and 2021/7"). */
  buildFrom?: string;
  buildTo?: string;
}

/** `160530` → `2016-05-30`; null when not a plausible date. */
function yymmdd(s: string): string | null {
  const m = /^(\d\d)(\d\d)(\d\d)$/.exec(s);
  if (!m) return null;
  return isoDate(2000 + Number(m[1]), Number(m[2]), Number(m[3]));
}

function isoDate(y: number, mo: number, d: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1990 || y > 2099) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Parses a firmware string in a vendor's scheme; null when it does not look like one.
 * - hikvision: `V5.4.0 build 160530`, `V5.4.5 Build 160928`, `V5.7.23_241015`, `V2.3.8-8`,
 *   `4.1.0_b130111`, `V3.7.80`
 * - dahua: `2.800.0000016.0.R, build: 2020-06-05`, `V2.400.0000.14.R.20170713`
 * - huawei: `V100R001C10`, `V200R001C02SPC100`
 * - dotted: `8.71.0066`
 */
export function parseVersion(scheme: VersionScheme, firmware: string): Version | null {
  const raw = firmware.trim();
  if (scheme === "huawei") {
    const m = /V(\d+)R(\d+)(?:C(\d+))?(?:SPC(\d+))?(?:B(\d+))?/i.exec(raw);
    if (!m) return null;
    return { parts: m.slice(1).map((x) => Number(x ?? 0)), build: null, raw };
  }
  if (scheme === "dahua") {
    const m = /^V?(\d+(?:\.[0-9A-Z]+)*?)(?:\.R)?(?:\.(\d{8}))?(?=$|[\s,])/i.exec(raw);
    if (!m) return null;
    const parts = m[1]!.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
    if (parts.some(Number.isNaN)) {
      // Letters inside the number (OEM builds such as 2.520.AC00.18) order like zero.
      for (let i = 0; i < parts.length; i++) if (Number.isNaN(parts[i])) parts[i] = 0;
    }
    let build: string | null = null;
    const dash = /build\s*:?\s*(\d{4})-(\d{2})-(\d{2})/i.exec(raw);
    if (dash) build = isoDate(Number(dash[1]), Number(dash[2]), Number(dash[3]));
    else if (m[2])
      build = isoDate(Number(m[2].slice(0, 4)), Number(m[2].slice(4, 6)), Number(m[2].slice(6, 8)));
    return { parts, build, raw };
  }
  if (scheme === "hikvision") {
    const m = /^V?(\d+(?:\.\d+)*)(?:-(\d+))?/i.exec(raw);
    if (!m) return null;
    const parts = m[1]!.split(".").map(Number);
    if (m[2]) parts.push(Number(m[2]));
    const rest = raw.slice(m[0].length);
    const b = /^(?:\s*build\s*|_b?|\s+)(\d{6})\b/i.exec(rest);
    return { parts, build: b ? yymmdd(b[1]!) : null, raw };
  }
  const m = /^v?(\d+(?:\.\d+)*)/i.exec(raw);
  return m ? { parts: m[1]!.split(".").map(Number), build: null, raw } : null;
}

/** Numbers first (missing parts count as 0), then the build date when both have one. */
export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const d = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (a.build && b.build) return a.build < b.build ? -1 : a.build > b.build ? 1 : 0;
  return 0;
}

/** `2021-06` → `2021-06-01`; `2021-06-05` stays. */
function monthStart(s: string): string {
  return /^\d{4}-\d{2}$/.test(s) ? `${s}-01` : s;
}

/** `2021-07` → `2021-07-31`. */
function monthEnd(s: string): string {
  if (!/^\d{4}-\d{2}$/.test(s)) return s;
  const [y, m] = s.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${s}-${String(last).padStart(2, "0")}`;
}

/**
 * Whether a version falls in a range: true, false, or null when the version lacks what the
 * range compares (a build-date range and no build date): the caller reports that as unknown.
 */
export function inRange(scheme: VersionScheme, v: Version, r: VersionRange): boolean | null {
  const bound = (s: string): Version => {
    const p = parseVersion(scheme, s);
    if (!p) throw new Error(`bad version bound ${JSON.stringify(s)} for scheme ${scheme}`);
    return p;
  };
  if (r.buildBefore !== undefined || r.buildFrom !== undefined || r.buildTo !== undefined) {
    if (!v.build) return null;
    if (r.buildBefore !== undefined && !(v.build < monthStart(r.buildBefore))) return false;
    if (r.buildFrom !== undefined && v.build < monthStart(r.buildFrom)) return false;
    if (r.buildTo !== undefined && v.build > monthEnd(r.buildTo)) return false;
    return true;
  }
  if (r.from !== undefined && compareVersions(v, bound(r.from)) < 0) return false;
  if (r.to !== undefined && compareVersions(v, bound(r.to)) > 0) return false;
  if (r.below !== undefined && compareVersions(v, bound(r.below)) >= 0) return false;
  if (r.upTo !== undefined && compareVersions(v, bound(r.upTo)) > 0) return false;
  return true;
}

/** The build date a firmware string carries, in whatever scheme it parses. */
export function buildDate(firmware: string): string | null {
  for (const scheme of ["hikvision", "dahua"] as const) {
    const v = parseVersion(scheme, firmware);
    if (v?.build) return v.build;
  }
  return null;
}
