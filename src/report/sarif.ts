import { createHash } from "node:crypto";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Asset, Finding, ReportDocument, Severity } from "../model/report.js";
import { jsonChunks } from "./json.js";
import { cmp, compareFindings } from "./view.js";

/** The key of `partialFingerprints`; its version changes only if the hashed identity does. */
export const SARIF_FINGERPRINT = "atalayaDeviceFinding/v1";

const LEVEL: Record<Severity, Result.level> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub code scanning reads `security-severity` (0.0–10.0) to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "2.0",
  info: "0.0",
};

/**
 * A stable identity per (device, finding): the device id is already stable across audits
 * (serial, MAC, then address), so the same exposure on the same device matches from run to run.
 */
export function fingerprint(asset: Asset, finding: Finding): string {
  return createHash("sha256").update(`${asset.id}\u0000${finding.id}`).digest("hex");
}

function uri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split(/[\\/]/).map(encodeURIComponent).join("/");
}

/**
 * SARIF 2.1.0 for CI pipelines and code-scanning dashboards: one rule per finding id, one
 * result per (device, finding) with its fingerprint, anchored to the input file and line where
 * the device was seen; inputs are the run's artifacts, their problems its notifications.
 */
export function renderSarif(doc: ReportDocument): string {
  return [...renderSarifChunks(doc)].join("");
}

/** The SARIF log in pieces, one per result (see `jsonChunks`): it can outgrow a string too. */
export function* renderSarifChunks(doc: ReportDocument): Generator<string> {
  // log → runs → run → results → one result each
  yield* jsonChunks(sarifLog(doc), 4);
  yield "\n";
}

function sarifLog(doc: ReportDocument): Log {
  const heads = new Map<string, Finding>();
  for (const a of doc.assets) {
    for (const f of a.findings) {
      const prev = heads.get(f.id);
      if (!prev || compareFindings(f, prev) < 0) heads.set(f.id, f);
    }
  }
  const ruleIds = [...heads.keys()].sort(cmp);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules: ReportingDescriptor[] = ruleIds.map((id) => {
    const f = heads.get(id)!;
    return {
      id,
      name: id,
      shortDescription: { text: f.title },
      help: { text: f.remediation },
      defaultConfiguration: { level: LEVEL[f.severity] },
      properties: {
        tags: ["security", f.kind],
        "security-severity": f.cvss !== null ? f.cvss.toFixed(1) : SECURITY_SEVERITY[f.severity],
        kev: f.kev,
        ...(f.epss !== null ? { epss: f.epss } : {}),
      },
    };
  });
  const inputs = [...doc.inputs].sort((a, b) => cmp(a.path, b.path));
  const artifactIndex = new Map(inputs.map((i, n) => [i.path, n]));
  const results: Result[] = [];
  for (const asset of doc.assets) {
    for (const f of [...asset.findings].sort(compareFindings)) {
      const where = asset.ip ?? asset.mac ?? asset.id;
      const id = asset.identification;
      const what = [id.manufacturer, id.model, id.firmware].filter(Boolean).join(" ");
      const source = asset.sources[0];
      results.push({
        ruleId: f.id,
        ruleIndex: ruleIndex.get(f.id)!,
        level: LEVEL[f.severity],
        message: {
          text: `${f.title} on ${where}${what ? ` (${what})` : ""}: ${f.status}${f.ssvc ? `, SSVC ${f.ssvc.decision}` : ""}. ${f.remediation}`,
        },
        locations: [
          {
            ...(source
              ? {
                  physicalLocation: {
                    artifactLocation: {
                      uri: uri(source.file),
                      ...(artifactIndex.has(source.file)
                        ? { index: artifactIndex.get(source.file)! }
                        : {}),
                    },
                    ...(source.line > 0 ? { region: { startLine: source.line } } : {}),
                  },
                }
              : {}),
            logicalLocations: [{ name: where, fullyQualifiedName: asset.id, kind: "device" }],
          },
        ],
        partialFingerprints: { [SARIF_FINGERPRINT]: fingerprint(asset, f) },
        properties: {
          deviceId: asset.id,
          ip: asset.ip,
          mac: asset.mac,
          site: asset.site,
          owner: asset.owner,
          status: f.status,
          severity: f.severity,
          priority: f.priority,
          kev: f.kev,
          epss: f.epss,
          cvss: f.cvss,
          ssvc: f.ssvc,
        },
      });
    }
  }
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: doc.generator.name,
            version: doc.generator.version,
            semanticVersion: doc.generator.version,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            endTimeUtc: doc.generatedAt,
            toolExecutionNotifications: inputs.flatMap((i) =>
              i.problems.map((p) => ({
                level: i.status === "complete" ? ("note" as const) : ("warning" as const),
                message: { text: `${i.path}${p.line > 0 ? `:${p.line}` : ""}: ${p.message}` },
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: uri(i.path), index: artifactIndex.get(i.path)! },
                      ...(p.line > 0 ? { region: { startLine: p.line } } : {}),
                    },
                  },
                ],
              })),
            ),
          },
        ],
        artifacts: inputs.map((i) => ({
          location: { uri: uri(i.path) },
          length: i.bytes,
          ...(i.sha256 ? { hashes: { "sha-256": i.sha256 } } : {}),
          properties: { format: i.format, status: i.status, hosts: i.hosts },
        })),
        results,
        properties: { generatedAt: doc.generatedAt, feeds: doc.feeds },
      },
    ],
  };
  return log;
}
