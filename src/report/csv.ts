import { stringify } from "csv-stringify/sync";
import type { Asset, Finding, ReportDocument } from "../model/report.js";
import { compareFindings, rankActions, subnetOf } from "./view.js";

/**
 * The CSV columns, in order. A public interface like the JSON field names: scripts read them
 * by name, so columns are only ever added at the end. Documented in the README.
 */
export const CSV_COLUMNS = [
  "device_id",
  "ip",
  "mac",
  "hostnames",
  "site",
  "owner",
  "subnet",
  "manufacturer",
  "brand",
  "model",
  "firmware",
  "device_type",
  "covered_vendor",
  "capabilities",
  "confidence",
  "open_ports",
  "finding_id",
  "finding_title",
  "finding_kind",
  "finding_status",
  "severity",
  "cvss",
  "kev",
  "epss",
  "priority",
  "ssvc_decision",
  "remediation",
  "actions",
  "sources",
] as const;

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): `=`, `+`, `-`, `@`,
 * tab or carriage return first. Prefixing an apostrophe makes Excel, LibreOffice and Google
 * Sheets show the text as it is.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One row per device and finding, devices in the document's order and findings most urgent
 * first; a device with no finding gets one row with the finding columns empty. CRLF line ends
 * (RFC 4180) and a UTF-8 byte-order mark, so that Excel reads accented site names correctly.
 */
export function renderCsv(doc: ReportDocument): string {
  const byId = new Map(doc.assets.map((a) => [a.id, a]));
  // Which actions close each (device, finding), in the report's action order.
  const closing = new Map<string, string[]>();
  for (const r of rankActions(doc.actions, byId)) {
    for (const p of r.pairs) {
      const key = `${p.asset.id}\u0000${p.finding.id}`;
      const list = closing.get(key) ?? [];
      list.push(r.action.title);
      closing.set(key, list);
    }
  }
  const rows: string[][] = [];
  for (const asset of doc.assets) {
    const findings = [...asset.findings].sort(compareFindings);
    if (findings.length === 0) rows.push(row(asset, null, []));
    for (const f of findings) {
      rows.push(row(asset, f, closing.get(`${asset.id}\u0000${f.id}`) ?? []));
    }
  }
  const body = stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: "windows",
    quoted_match: /[\s"]/,
  });
  return "\ufeff" + (rows.length === 0 ? CSV_COLUMNS.join(",") + "\r\n" : body);
}

function row(a: Asset, f: Finding | null, actions: readonly string[]): string[] {
  const id = a.identification;
  const cells = [
    a.id,
    a.ip ?? "",
    a.mac ?? "",
    a.hostnames.join("; "),
    a.site ?? "",
    a.owner ?? "",
    subnetOf(a.ip),
    id.manufacturer ?? "",
    id.brand ?? "",
    id.model ?? "",
    id.firmware ?? "",
    id.deviceType ?? "",
    String(id.coveredVendor),
    id.capabilities.join("; "),
    id.confidence.toFixed(2),
    a.ports.map((p) => `${p.port}/${p.protocol}`).join("; "),
    f?.id ?? "",
    f?.title ?? "",
    f?.kind ?? "",
    f?.status ?? "",
    f?.severity ?? "",
    f?.cvss?.toFixed(1) ?? "",
    f ? String(f.kev) : "",
    f?.epss === null || f?.epss === undefined ? "" : String(f.epss),
    f ? String(f.priority) : "",
    f?.ssvc?.decision ?? "",
    f?.remediation ?? "",
    actions.join("; "),
    a.sources.map((s) => `${s.file}:${s.line}`).join("; "),
  ];
  return cells.map(neutraliseCell);
}
