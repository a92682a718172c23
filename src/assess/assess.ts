import type { Host } from "../model/host.js";
import type { Action, Asset, FeedInfo, Finding, Identification } from "../model/report.js";
import type { AssessData } from "./data.js";
import { exposureClassifier } from "./exposure.js";
import type { Feeds } from "./feeds.js";
import { matchers } from "./matchers.js";

export interface AssessOptions {
  data: AssessData;
  feeds: Feeds;
  /** Ranges the user declares internal, besides the private ones. */
  internal?: readonly string[];
  now: Date;
}

export interface Assessor {
  assess(device: Host, identification: Identification): Finding[];
  feedInfo(): FeedInfo[];
}

/** A feed older than this at report time is flagged. */
export const STALE_DAYS = 30;

/** Runs every matcher on a device; findings come back most urgent first. */
export function createAssessor(options: AssessOptions): Assessor {
  const exposure = exposureClassifier(options.internal);
  const { data, feeds, now } = options;
  return {
    assess(device, identification) {
      const ctx = { device, identification, exposure: exposure(device.address), now };
      const findings = matchers.flatMap((m) => m.match(ctx, data, feeds));
      return findings.sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
    },
    feedInfo() {
      const stale = (date: string): boolean =>
        now.getTime() - Date.parse(date) > STALE_DAYS * 86_400_000;
      const out: FeedInfo[] = [
        { name: "kev", date: feeds.kevDate, source: feeds.kevFrom, stale: stale(feeds.kevDate) },
      ];
      if (feeds.epssDate) {
        out.push({
          name: "epss",
          date: feeds.epssDate,
          source: feeds.epssFrom ?? "",
          stale: stale(feeds.epssDate),
        });
      }
      // The advisory data is as current as its newest advisory.
      const newest = data.advisories
        .map((a) => a.published)
        .sort()
        .pop();
      if (newest)
        out.push({
          name: "advisories",
          date: newest,
          source: "fingerprints/advisories",
          stale: false,
        });
      return out;
    },
  };
}

/** The first sentence of a remediation: an imperative that names the action. */
function firstSentence(text: string): string {
  const m = /^(.+?[.;])(?:\s|$)/.exec(text);
  return (m ? m[1]! : text).replace(/[;.]$/, "");
}

/**
 * Groups findings into remediation actions: one per (model series, fix) for vulnerabilities,
 * one per check otherwise, each naming the devices it covers and the findings it closes.
 */
export function buildActions(assets: readonly Asset[]): Action[] {
  interface Group {
    title: string;
    assets: Set<string>;
    findings: Set<string>;
    kev: Set<string>;
    priority: number;
  }
  const groups = new Map<string, Group>();
  for (const asset of assets) {
    const maker = asset.identification.manufacturer ?? "";
    for (const f of asset.findings) {
      const key =
        f.kind === "vulnerability" && f.series
          ? `v|${maker}|${f.series}|${f.fixed ?? ""}`
          : `c|${f.id}`;
      let g = groups.get(key);
      if (!g) {
        const title =
          f.kind === "vulnerability" && f.series
            ? `Update the firmware of ${maker} ${f.series} devices${f.fixed ? ` (${f.fixed})` : ""}`
            : firstSentence(f.remediation);
        g = { title, assets: new Set(), findings: new Set(), kev: new Set(), priority: 0 };
        groups.set(key, g);
      }
      g.assets.add(asset.id);
      g.findings.add(f.id);
      if (f.kev) g.kev.add(f.id);
      g.priority = Math.max(g.priority, f.priority);
    }
  }
  return [...groups.values()]
    .map((g) => {
      const findings = [...g.findings].sort();
      const cves = findings.filter((id) => id.startsWith("CVE-"));
      const parts = [`${g.assets.size} device(s)`];
      if (cves.length > 0) parts.push(`closes ${cves.join(", ")}`);
      if (g.kev.size > 0)
        parts.push(
          `${g.kev.size} exploited in the wild (CISA KEV): ${[...g.kev].sort().join(", ")}`,
        );
      return {
        title: g.title,
        assets: [...g.assets], // in the order of the assets: by address
        findings,
        priority: g.priority,
        why: parts.join("; "),
      };
    })
    .sort(
      (a, b) =>
        b.priority - a.priority ||
        b.assets.length - a.assets.length ||
        a.title.localeCompare(b.title),
    );
}
