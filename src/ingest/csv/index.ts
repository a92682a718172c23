import { CsvError, parse as csvParse } from "csv-parse";
import { InputDamage } from "../../errors.js";
import { addUnique, newDeviceInfo, newHost, normaliseMac, setAddress } from "../../model/build.js";
import type { Host } from "../../model/host.js";
import { REDACTED } from "../common/redact.js";
import type { ParseContext, Parser } from "../parser.js";

type Column =
  "ip" | "mac" | "hostname" | "site" | "owner" | "vendor" | "model" | "firmware" | "serial";

const COLUMNS: Record<string, Column> = {
  ip: "ip",
  address: "ip",
  "ip address": "ip",
  ipaddress: "ip",
  mac: "mac",
  "mac address": "mac",
  macaddress: "mac",
  hostname: "hostname",
  "host name": "hostname",
  site: "site",
  location: "site",
  owner: "owner",
  vendor: "vendor",
  manufacturer: "vendor",
  make: "vendor",
  model: "model",
  firmware: "firmware",
  "firmware version": "firmware",
  fw: "firmware",
  serial: "serial",
  "serial number": "serial",
  sn: "serial",
};

// Inventories often carry the device's credentials in a column of their own.
const SECRET_COLUMN = /pass(word|wd)?|pwd|secret|token|senha|contrase[ñn]a|credential/i;
// Excel's delimiter hint, written as the first line by some locales' exports.
const SEP_HINT = /^\uFEFF?"?sep=(.)"?[ \r]*$/i;
const LINE_BREAK = /\r\n|\r|\n/g;

function columnOf(cell: string): Column | undefined {
  const name = cell
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  return COLUMNS[name];
}

interface Layout {
  header: string;
  delimiter: string;
}

/** The header line and its delimiter; with `complete`, only a line already ended by a line break counts. */
function layoutOf(text: string, complete: boolean): Layout | null {
  const parts = text.split("\n");
  if (complete) parts.pop();
  let hint: string | null = null;
  for (const raw of parts) {
    if (!raw.replace(/^\uFEFF/, "").trim()) continue;
    const sep = SEP_HINT.exec(raw);
    if (sep && hint === null) {
      hint = sep[1]!;
      continue;
    }
    const header = raw.replace(/^\uFEFF/, "").trim();
    if (hint !== null) return { header, delimiter: hint };
    const counts = [",", ";", "\t"].map((d) => ({ d, n: header.split(d).length }));
    counts.sort((a, b) => b.n - a.n);
    return { header, delimiter: counts[0]!.d };
  }
  return null;
}

/** An asset list with a header naming at least the IP address column and one other known column. */
export const csvInventoryParser: Parser = {
  format: "csv-inventory",
  detect(head: string): boolean {
    const layout = layoutOf(head, false);
    if (!layout) return false;
    const columns = layout.header.split(layout.delimiter).map(columnOf);
    return columns.includes("ip") && new Set(columns.filter((c) => c !== undefined)).size >= 2;
  },
  parse: parseInventory,
};

async function* parseInventory(
  text: AsyncIterable<string>,
  ctx: ParseContext,
): AsyncGenerator<Host, void, undefined> {
  // The delimiter comes from the header, so buffer until the header line is complete.
  const it = text[Symbol.asyncIterator]();
  let head = "";
  let ended = false;
  while (!layoutOf(head, true) && head.length < 1 << 20) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    head += r.value;
  }
  const layout = layoutOf(head, !ended);
  if (!layout) {
    ctx.problem(1, "no CSV header line found");
    return;
  }
  // csv-parse hands each record to `on_record` while a chunk is written, so rows are yielded
  // chunk by chunk, and a CsvError cannot discard rows already parsed (its stream would).
  const queue: { record: string[]; raw: string }[] = [];
  const csv = csvParse({
    delimiter: layout.delimiter,
    raw: true,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: 1 << 20,
    on_record: (row) => {
      queue.push(row as unknown as { record: string[]; raw: string });
      return null;
    },
  });
  // Failures arrive through the write and end callbacks; the event would only crash the process.
  csv.on("error", () => {});
  const step = (op: (done: (err?: Error | null) => void) => void): Promise<Error | null> =>
    new Promise((resolve) => op((err) => resolve(err ?? null)));

  let names: string[] | null = null;
  const roles: (Column | undefined)[] = [];
  // csv-parse's `info.lines` miscounts CRLF blank lines; its `raw` text (record plus the
  // blank lines before it) is exact, so lines are counted from it.
  let consumed = 0;
  let failure: Error | null = null;
  let chunk: string | null = head;
  while (!failure) {
    failure = await step((done) => (chunk === null ? csv.end(done) : csv.write(chunk, done)));
    for (const { record, raw } of queue.splice(0)) {
      const leading = /^[\r\n]*/.exec(raw)![0].match(LINE_BREAK)?.length ?? 0;
      const line = consumed + leading + 1;
      consumed += raw.match(LINE_BREAK)?.length ?? 0;
      const cells = record.map((c) => c.trim());
      if (names === null) {
        if (SEP_HINT.test(raw.replace(/^[\r\n]+|[\r\n]+$/g, ""))) continue;
        names = cells.map((c) => c.replace(/^\uFEFF/, ""));
        const seen = new Set<Column>();
        for (const name of names) {
          const role = columnOf(name);
          roles.push(role && !seen.has(role) ? role : undefined);
          if (role) seen.add(role);
        }
        if (!seen.has("ip") && !seen.has("mac") && !seen.has("serial")) {
          ctx.problem(line, "the header names no ip, mac or serial column; nothing read");
          return;
        }
        continue;
      }
      const host = rowHost(cells, names, roles, line, ctx);
      if (host) yield host;
    }
    if (chunk === null) break;
    const next: IteratorResult<string> = ended ? { done: true, value: undefined } : await it.next();
    chunk = next.done ? null : next.value;
  }
  if (failure instanceof CsvError) {
    // The damage is in the record after the last complete one (an unclosed quote, say).
    throw new InputDamage(consumed + 1, `invalid CSV: ${failure.message}`, { cause: failure });
  }
  if (failure) throw failure;
}

function rowHost(
  cells: string[],
  names: string[],
  roles: (Column | undefined)[],
  line: number,
  ctx: ParseContext,
): Host | null {
  if (cells.every((c) => !c)) return null;
  const source = { file: ctx.file, line };
  const host = newHost(source);
  const info = newDeviceInfo("inventory", source);
  const col: Partial<Record<Column, string>> = {};
  cells.forEach((value, i) => {
    if (!value) return;
    const name = names[i] || `column ${i + 1}`;
    const kept = SECRET_COLUMN.test(name) ? REDACTED : value;
    info.fields[name] = kept;
    const role = roles[i];
    if (role) col[role] = value;
    else host.tags[name] = kept;
  });
  const quote = (v: string): string => JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
  const mac = normaliseMac(col.mac);
  if (col.mac && !mac) ctx.problem(line, `${quote(col.mac)} is not a MAC address`);
  const hasIp = col.ip !== undefined && setAddress(host, col.ip);
  if (!hasIp && !mac && !col.serial) {
    ctx.problem(
      line,
      col.ip
        ? `${quote(col.ip)} is not an IP address and the row has no MAC or serial; row skipped`
        : "row has no IP address, MAC or serial; skipped",
    );
    return null;
  }
  if (col.ip && !hasIp) ctx.problem(line, `${quote(col.ip)} is not an IP address`);
  host.mac = mac;
  addUnique(host.hostnames, col.hostname);
  host.site = col.site ?? null;
  host.owner = col.owner ?? null;
  info.manufacturer = col.vendor ?? null;
  info.model = col.model ?? null;
  info.firmware = col.firmware ?? null;
  info.serial = col.serial ?? null;
  info.mac = mac;
  host.deviceInfo.push(info);
  return host;
}
