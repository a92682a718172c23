import { createHash } from "node:crypto";
import { isIPv4 } from "node:net";
import type { Host } from "../model/host.js";
import type {
  Action,
  Asset,
  AssetPort,
  FeedInfo,
  Finding,
  Identification,
  InputSummary,
  ReportDocument,
} from "../model/report.js";
import { serialsOf } from "../ingest/merge.js";

export interface DocumentParts {
  /** Devices after merging, any status. */
  devices: readonly Host[];
  /** What each device is; devices are unidentified without it. */
  identify?: (device: Host) => Identification;
  /** The exposures of each device; none without it. */
  assess?: (device: Host, identification: Identification) => Finding[];
  /** Groups the assets' findings into remediation actions. */
  actions?: (assets: readonly Asset[]) => Action[];
  feeds?: readonly FeedInfo[];
  inputs: readonly InputSummary[];
  generatedAt: Date;
  version: string;
}

/**
 * Builds the ReportDocument from merged devices. Assets are the devices not known to be down
 * (a scanner saw them up, a device document answered, or an inventory lists them); arrays are
 * sorted so the same inputs always give the same bytes.
 */
export function buildReportDocument(parts: DocumentParts): ReportDocument {
  const identify = parts.identify ?? unidentified;
  const assets = parts.devices
    .filter((d) => d.status !== "down")
    .map((d) => {
      const identification = identify(d);
      return assetFrom(d, identification, parts.assess?.(d, identification) ?? []);
    });
  assets.sort(compareAssets);
  return {
    schemaVersion: 1,
    generator: { name: "atalaya", version: parts.version },
    generatedAt: parts.generatedAt.toISOString(),
    inputs: parts.inputs.map((i) => ({ ...i, problems: [...i.problems] })),
    feeds: (parts.feeds ?? []).map((f) => ({ ...f })),
    assets,
    actions: parts.actions?.(assets) ?? [],
  };
}

/** The identification of a device nothing has identified yet. */
export function unidentified(): Identification {
  return {
    manufacturer: null,
    brand: null,
    model: null,
    firmware: null,
    deviceType: null,
    coveredVendor: false,
    capabilities: [],
    confidence: 0,
    evidence: [],
  };
}

function assetFrom(host: Host, identification: Identification, findings: Finding[]): Asset {
  return {
    id: assetId(host),
    ip: host.address,
    mac: host.mac,
    macVendor: host.macVendor,
    hostnames: [...host.hostnames].sort(),
    site: host.site,
    owner: host.owner,
    ports: openPorts(host),
    identification,
    findings,
    sources: [...host.sources].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
  };
}

/**
 * A stable id: a hash of the strongest identity the device has (serial, then MAC, then
 * address), so the same device keeps its id across audits and device text never lands in it.
 */
export function assetId(host: Host): string {
  const serial = serialsOf(host)[0];
  const key = serial ? `sn:${serial}` : host.mac ? `mac:${host.mac}` : `ip:${host.address ?? "?"}`;
  return `dev-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}

/** Open ports, one per (port, protocol): the record with the most service detail wins. */
export function openPorts(host: Host): AssetPort[] {
  const best = new Map<string, AssetPort>();
  for (const s of host.services) {
    if (s.state !== "open") continue;
    const key = `${s.protocol}/${s.port}`;
    const candidate: AssetPort = {
      port: s.port,
      protocol: s.protocol,
      service: s.name,
      product: s.product,
      version: s.version,
    };
    const prev = best.get(key);
    if (!prev || detail(candidate) > detail(prev)) best.set(key, candidate);
  }
  return [...best.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

function detail(p: AssetPort): number {
  return (p.service ? 1 : 0) + (p.product ? 2 : 0) + (p.version ? 1 : 0);
}

function compareAssets(a: Asset, b: Asset): number {
  return compareAddress(a.ip, b.ip) || a.id.localeCompare(b.id);
}

/** IPv4 in numeric order, then IPv6, then devices with no address. */
function compareAddress(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const a4 = isIPv4(a);
  const b4 = isIPv4(b);
  if (a4 && b4) return ipv4Number(a) - ipv4Number(b);
  if (a4 !== b4) return a4 ? -1 : 1;
  return a.localeCompare(b);
}

function ipv4Number(ip: string): number {
  return ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
}
