/**
 * The view model: one pure function from a ReportDocument and the presentation options to
 * everything the HTML and Markdown templates show, already counted, ordered, worded and
 * formatted. Templates only place it; nothing in them computes, reads the clock or the
 * environment, so one document always renders to the same bytes.
 */
import { isIPv4, isIPv6 } from "node:net";
import type {
  Action,
  Asset,
  Evidence,
  FeedName,
  Finding,
  FindingKind,
  InputStatus,
  ReportDocument,
  Severity,
  Ssvc,
  SsvcDecision,
} from "../model/report.js";
import { AtalayaError } from "../errors.js";
import { translator } from "./i18n.js";
import type { Lang, Messages, Translator } from "./i18n.js";

/** TLP 2.0 markings (FIRST). */
export type Tlp = "clear" | "green" | "amber" | "amber+strict" | "red";

export const TLPS: readonly Tlp[] = ["clear", "green", "amber", "amber+strict", "red"];

/** How the report is presented: none of it changes what the document says. */
export interface ReportOptions {
  lang?: Lang;
  /** Who the audit is for. */
  client?: string | null;
  author?: string | null;
  tlp?: Tlp | null;
  /** A `data:image/png|jpeg|svg+xml;base64,` URI (see `logoDataUri`). */
  logo?: string | null;
}

/** Device rows shown per page by the report's script. */
export const PAGE_SIZE = 50;
/**
 * Up to this many devices print as full cards; beyond, one line each (a card per device is
 * millions of elements at national scale, more than Chromium can lay out for print).
 */
export const PRINT_CARDS = 2000;
/** Devices listed in the no-script table; the rest are in the JSON, CSV and the scripted list. */
export const NOSCRIPT_DEVICES = 2000;
/** Addresses named beside an action or a vulnerability before "and N more". */
const SAMPLE = 8;
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];
/** Most urgent first. */
export const DECISIONS: readonly SsvcDecision[] = ["Act", "Attend", "Track*", "Track"];

export interface Figure {
  key: "devices" | "covered" | "kev" | "face" | "withFindings";
  label: string;
  value: string;
  /** Drives the colour: "alert" only when the figure is a non-zero risk. */
  tone: "alert" | "warn" | "neutral";
}

export interface ActionView {
  rank: number;
  title: string;
  devices: string;
  /** Addresses (or ids) of the first devices, then "and N more". */
  sample: string[];
  more: string | null;
  closes: { id: string; kev: boolean }[];
  closesText: string;
  decision: SsvcDecision | null;
  decisionClass: string;
  kev: boolean;
  /** Index in the device list's action filter. */
  index: number;
}

export interface FindingTypeView {
  id: string;
  title: string;
  kindId: FindingKind;
  kind: string;
  severity: Severity;
  severityRank: number;
  severityLabel: string;
  cvss: string;
  kev: boolean;
  epss: string;
  decision: SsvcDecision | null;
  decisionClass: string;
  devices: string;
  deviceCount: number;
  statusText: string;
  sample: string[];
  more: string | null;
  remediation: string;
  /** Index in the device list's finding filter. */
  index: number;
}

export interface ChartBar {
  label: string;
  value: string;
  y: number;
  width: number;
  textY: number;
  valueX: number;
  cls: string;
}

export interface ChartView {
  id: string;
  title: string;
  /** The chart's content in words, for screen readers and as its SVG title. */
  description: string;
  empty: string | null;
  width: number;
  height: number;
  labelWidth: number;
  barHeight: number;
  bars: ChartBar[];
}

export interface InputView {
  path: string;
  format: string;
  sha256: string;
  size: string;
  hosts: string;
  status: InputStatus;
  statusLabel: string;
  /** What was lost, in words, for partial and failed inputs. */
  lost: string | null;
  problems: { where: string; message: string }[];
}

export interface FeedView {
  name: string;
  date: string;
  age: string;
  stale: boolean;
}

export interface MakerRow {
  maker: string;
  covered: boolean;
  devices: string;
  face: string;
  kev: string;
}

export interface SiteRow {
  site: string;
  devices: string;
  subnets: string;
  withFindings: string;
  kev: string;
}

export interface NoscriptRow {
  address: string;
  site: string;
  subnet: string;
  maker: string;
  model: string;
  firmware: string;
  confidence: string;
  findings: string;
}

export interface ReportView {
  lang: Lang;
  title: string;
  cover: {
    client: string | null;
    author: string | null;
    date: string;
    dateIso: string;
    tlp: { label: string; cls: string; meaning: string } | null;
    logo: string | null;
    version: string;
  };
  summary: {
    paragraphs: string[];
    figures: Figure[];
    topActions: ActionView[];
    topActionsEmpty: string | null;
    change: string;
  };
  charts: ChartView[];
  actions: { items: ActionView[]; empty: string | null; order: string };
  findings: {
    vulnerabilities: FindingTypeView[];
    vulnerabilitiesEmpty: string | null;
    others: FindingTypeView[];
    othersEmpty: string | null;
  };
  devices: {
    total: number;
    totalText: string;
    empty: string | null;
    /** One row per site: what an executive reads before the device list. */
    sites: SiteRow[];
    pageSize: number;
    printCards: number;
    noscript: NoscriptRow[];
    noscriptMore: string | null;
    /** The JSON island, already escaped for a `<script type="application/json">` element. */
    island: string;
  };
  compliance: {
    coveredText: string;
    makers: MakerRow[];
    biometricText: string;
    biometricDevices: string[];
    biometricMore: string | null;
    rule: string;
  };
  changes: { text: string };
  provenance: {
    inputs: InputView[];
    inputsEmpty: string | null;
    feeds: FeedView[];
    feedsEmpty: string | null;
    tool: string;
    generatedAt: string;
    confidence: string[];
    ranking: string[];
    limitations: string[];
  };
}

interface Pair {
  asset: Asset;
  finding: Finding;
}

/** The view of a document in one language. */
export function buildView(
  doc: ReportDocument,
  options: ReportOptions,
  messages: Readonly<Record<Lang, Messages>>,
): ReportView {
  const lang = options.lang ?? "en";
  const tr = translator(lang, messages[lang]);
  const t = tr.t;
  const assets = [...doc.assets];
  const byId = new Map(assets.map((a) => [a.id, a]));
  const address = (a: Asset): string => a.ip ?? a.mac ?? a.id;

  const pairs: Pair[] = [];
  for (const asset of assets) for (const finding of asset.findings) pairs.push({ asset, finding });

  const covered = assets.filter((a) => a.identification.coveredVendor);
  const face = assets.filter(isBiometric);
  const kevDevices = assets.filter((a) => a.findings.some((f) => f.kev));
  const withFindings = assets.filter((a) => a.findings.length > 0);
  const identified = assets.filter((a) => a.identification.manufacturer !== null);
  const assessed = doc.feeds.length > 0 || pairs.length > 0;

  const actions = actionViews(doc.actions, byId, tr, address);
  const findingTypes = findingTypeViews(pairs, tr, address);

  const figures: Figure[] = [
    figure("devices", t("figure.devices"), assets.length, "neutral", tr),
    figure("covered", t("figure.covered"), covered.length, "warn", tr),
    figure("kev", t("figure.kev"), kevDevices.length, "alert", tr),
    figure("face", t("figure.face"), face.length, "warn", tr),
    figure("withFindings", t("figure.withFindings"), withFindings.length, "warn", tr),
  ];

  const paragraphs: string[] = [];
  const partialInputs = doc.inputs.filter((i) => i.status !== "complete").length;
  if (doc.inputs.length === 0) paragraphs.push(t("summary.noInputs"));
  else
    paragraphs.push(
      tr.plural("summary.devices", assets.length, {
        inputs: tr.plural("summary.inputs", doc.inputs.length),
      }) + (partialInputs > 0 ? " " + tr.plural("summary.partialInputs", partialInputs) : ""),
    );
  if (assets.length > 0 && identified.length === 0) {
    paragraphs.push(t("summary.noneIdentified"));
  } else if (covered.length > 0) {
    const makers = [...new Set(covered.map((a) => a.identification.manufacturer ?? "?"))].sort();
    paragraphs.push(tr.plural("summary.covered", covered.length, { makers: tr.list(makers) }));
  } else if (assets.length > 0) {
    paragraphs.push(t("summary.noCovered"));
  }
  if (!assessed) {
    paragraphs.push(t("summary.notAssessed"));
  } else if (kevDevices.length > 0) {
    paragraphs.push(tr.plural("summary.kev", kevDevices.length));
  } else {
    paragraphs.push(t("summary.noKev"));
  }
  if (face.length > 0) paragraphs.push(tr.plural("summary.face", face.length));
  else if (identified.length > 0) paragraphs.push(t("summary.noFace"));

  const noInventory = t("changes.noInventory");
  const tlp = options.tlp ?? null;

  return {
    lang,
    title: t("report.title"),
    cover: {
      client: options.client ?? null,
      author: options.author ?? null,
      date: tr.date(doc.generatedAt),
      dateIso: doc.generatedAt,
      tlp: tlp
        ? {
            label: `TLP:${tlp.toUpperCase()}`,
            cls: `tlp-${tlp.replace("+", "-")}`,
            meaning: t(`tlp.${tlp}`),
          }
        : null,
      logo: checkedLogo(options.logo ?? null),
      version: `${doc.generator.name} ${doc.generator.version}`,
    },
    summary: {
      paragraphs,
      figures,
      topActions: actions.slice(0, 5),
      topActionsEmpty:
        actions.length > 0 ? null : t(assessed ? "actions.none" : "actions.notAssessed"),
      change: noInventory,
    },
    charts: [
      makerChart(assets, tr),
      severityChart(pairs, tr, assessed),
      decisionChart(pairs, tr, assessed),
    ],
    actions: {
      items: actions,
      empty: actions.length > 0 ? null : t(assessed ? "actions.none" : "actions.notAssessed"),
      order: t("actions.order"),
    },
    findings: {
      vulnerabilities: findingTypes.filter((f) => f.kindId === "vulnerability"),
      vulnerabilitiesEmpty: findingTypes.some((f) => f.kindId === "vulnerability")
        ? null
        : t(assessed ? "findings.noVulnerabilities" : "findings.notAssessed"),
      others: findingTypes.filter((f) => f.kindId !== "vulnerability"),
      othersEmpty: findingTypes.some((f) => f.kindId !== "vulnerability")
        ? null
        : t(assessed ? "findings.noOthers" : "findings.notAssessed"),
    },
    devices: deviceSection(assets, doc.actions, findingTypes, tr, address),
    compliance: complianceSection(assets, tr, address),
    changes: { text: noInventory },
    provenance: provenance(doc, tr),
  };
}

function figure(
  key: Figure["key"],
  label: string,
  n: number,
  risk: "alert" | "warn" | "neutral",
  tr: Translator,
): Figure {
  return { key, label, value: tr.number(n), tone: n > 0 ? risk : "neutral" };
}

export function isBiometric(a: Asset): boolean {
  return a.identification.capabilities.includes("face-recognition");
}

export function decisionRank(d: SsvcDecision | null): number {
  return d === null ? -1 : 3 - DECISIONS.indexOf(d);
}

export function severityRank(s: Severity): number {
  return 4 - SEVERITIES.indexOf(s);
}

/** Most urgent first: SSVC decision, then priority, KEV, EPSS, then the id for a stable order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    decisionRank(b.ssvc?.decision ?? null) - decisionRank(a.ssvc?.decision ?? null) ||
    b.priority - a.priority ||
    Number(b.kev) - Number(a.kev) ||
    (b.epss ?? -1) - (a.epss ?? -1) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    cmp(a.id, b.id)
  );
}

/** Code-point order: unlike localeCompare it does not depend on the machine's ICU data. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function decisionClass(d: SsvcDecision | null): string {
  return d === null ? "ssvc-none" : `ssvc-${d.toLowerCase().replace("*", "-star")}`;
}

interface RankedAction {
  action: Action;
  index: number;
  pairs: Pair[];
  decision: SsvcDecision | null;
  risk: number;
}

/**
 * Actions in priority order: the most urgent SSVC decision they close, then the total priority
 * of the (device, finding) pairs they close, so one action over many devices outranks the same
 * urgency on one device.
 */
export function rankActions(
  actions: readonly Action[],
  byId: ReadonlyMap<string, Asset>,
): RankedAction[] {
  const ranked = actions.map((action, index) => {
    const wanted = new Set(action.findings);
    const pairs: Pair[] = [];
    for (const id of action.assets) {
      const asset = byId.get(id);
      if (!asset) continue;
      for (const finding of asset.findings)
        if (wanted.has(finding.id)) pairs.push({ asset, finding });
    }
    let decision: SsvcDecision | null = null;
    for (const p of pairs) {
      const d = p.finding.ssvc?.decision ?? null;
      if (decisionRank(d) > decisionRank(decision)) decision = d;
    }
    const risk = pairs.reduce((s, p) => s + p.finding.priority, 0);
    return { action, index, pairs, decision, risk };
  });
  ranked.sort(
    (a, b) =>
      decisionRank(b.decision) - decisionRank(a.decision) ||
      b.risk - a.risk ||
      b.action.assets.length - a.action.assets.length ||
      cmp(a.action.title, b.action.title) ||
      a.index - b.index,
  );
  return ranked;
}

function actionViews(
  actions: readonly Action[],
  byId: ReadonlyMap<string, Asset>,
  tr: Translator,
  address: (a: Asset) => string,
): ActionView[] {
  return rankActions(actions, byId).map((r, i) => {
    const kevIds = new Set(r.pairs.filter((p) => p.finding.kev).map((p) => p.finding.id));
    const ids = [...new Set(r.action.findings)].sort(cmp);
    const devs = r.action.assets
      .map((id) => byId.get(id))
      .filter((a): a is Asset => a !== undefined);
    const sample = devs.slice(0, SAMPLE).map(address);
    const kevDevices = new Set(r.pairs.filter((p) => p.finding.kev).map((p) => p.asset.id)).size;
    return {
      rank: i + 1,
      title: r.action.title,
      devices: tr.plural("actions.devices", r.action.assets.length),
      sample,
      more: devs.length > SAMPLE ? tr.plural("common.more", devs.length - SAMPLE) : null,
      closes: ids.map((id) => ({ id, kev: kevIds.has(id) })),
      closesText:
        tr.plural("actions.closes", ids.length, { ids: tr.list(ids) }) +
        (kevDevices > 0 ? " " + tr.plural("actions.closesKev", kevDevices) : ""),
      decision: r.decision,
      decisionClass: decisionClass(r.decision),
      kev: kevIds.size > 0,
      index: i,
    };
  });
}

function findingTypeViews(
  pairs: readonly Pair[],
  tr: Translator,
  address: (a: Asset) => string,
): FindingTypeView[] {
  const groups = new Map<string, Pair[]>();
  for (const p of pairs) {
    const g = groups.get(p.finding.id);
    if (g) g.push(p);
    else groups.set(p.finding.id, [p]);
  }
  const heads = [...groups.values()].map((g) => {
    const sorted = [...g].sort((a, b) => compareFindings(a.finding, b.finding));
    return { head: sorted[0]!.finding, pairs: g };
  });
  heads.sort((a, b) => compareFindings(a.head, b.head));
  return heads.map(({ head, pairs: g }, index) => {
    const devices = [...new Set(g.map((p) => p.asset))];
    const affected = g.filter((p) => p.finding.status === "affected").length;
    const decision = head.ssvc?.decision ?? null;
    return {
      id: head.id,
      title: head.title,
      kindId: head.kind,
      kind: tr.t(`kind.${head.kind}`),
      severity: head.severity,
      severityRank: severityRank(head.severity),
      severityLabel: tr.t(`severity.${head.severity}`),
      cvss: head.cvss === null ? "—" : tr.number(head.cvss, 1),
      kev: g.some((p) => p.finding.kev),
      epss: head.epss === null ? "—" : tr.percent(head.epss),
      decision,
      decisionClass: decisionClass(decision),
      devices: tr.number(devices.length),
      deviceCount: devices.length,
      statusText: tr.t("findings.status", {
        affected: tr.number(affected),
        potential: tr.number(g.length - affected),
      }),
      sample: devices.slice(0, SAMPLE).map(address),
      more: devices.length > SAMPLE ? tr.plural("common.more", devices.length - SAMPLE) : null,
      remediation: head.remediation,
      index,
    };
  });
}

/** Why a finding on a device ranks where it does, in words. */
export function whyText(f: Finding, tr: Translator): string {
  const reasons: string[] = [];
  const s: Ssvc | null = f.ssvc;
  if (f.kev) reasons.push(tr.t("why.kev"));
  else if (s?.exploitation === "poc") reasons.push(tr.t("why.poc"));
  else if (s) reasons.push(tr.t("why.noExploit"));
  if (f.epss !== null) reasons.push(tr.t("why.epss", { epss: tr.percent(f.epss) }));
  if (s) {
    reasons.push(tr.t(`why.exposure.${s.exposure}`));
    if (s.automatable) reasons.push(tr.t("why.automatable"));
    reasons.push(tr.t(`why.impact.${s.technicalImpact}`));
    reasons.push(tr.t(`why.mission.${s.missionImpact}`));
  }
  if (f.cvss !== null) reasons.push(tr.t("why.cvss", { cvss: tr.number(f.cvss, 1) }));
  if (f.status === "potentially-affected") reasons.push(tr.t("why.potential"));
  const head = s
    ? tr.t("why.decision", { decision: s.decision })
    : tr.t("why.severity", { severity: tr.t(`severity.${f.severity}`) });
  return reasons.length > 0 ? `${head}: ${reasons.join("; ")}.` : `${head}.`;
}

/** The /24 of an IPv4 address, the /64 of an IPv6 one, "" without an address. */
export function subnetOf(ip: string | null): string {
  if (ip === null) return "";
  if (isIPv4(ip)) return ip.split(".").slice(0, 3).join(".") + ".0/24";
  if (isIPv6(ip)) {
    const head = expandIPv6(ip).slice(0, 4);
    while (head.length > 0 && head[head.length - 1] === "0") head.pop();
    return `${head.join(":")}::/64`;
  }
  return "";
}

function expandIPv6(ip: string): string[] {
  const [head = "", tail] = ip.toLowerCase().split("%")[0]!.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((x) => x.replace(/^0+(?=.)/, ""));
}

function subnetKey(subnet: string): string {
  // Numeric order for IPv4 subnets, then IPv6, then no address.
  if (subnet === "") return "z";
  const m = /^(\d+)\.(\d+)\.(\d+)\./.exec(subnet);
  if (!m) return "y" + subnet;
  return (
    "x" +
    m
      .slice(1, 4)
      .map((o) => o.padStart(3, "0"))
      .join(".")
  );
}

/**
 * Devices: a JSON island for the script to page, filter and sort (the page stays light at any
 * size), and a capped plain table for readers without scripts.
 *
 * Island layout (arrays keep 100,000 devices small); every `S` is an index into `s`:
 * - `s`: strings, `s[0]` is "";
 * - `g`: groups in display order, `[site S, subnet S, devices]`;
 * - `f`: finding types in the order of the findings section, `[id, title S, kind S]`;
 * - `a`: actions in rank order, `[title S, device indexes]`;
 * - `d`: devices in display order (site, subnet, address), each
 *   `[id, address, mac, hostnames, group, owner S, maker S, model S, firmware S, type S,
 *     capabilities S, confidence S, ports S[], evidence, findings, flags, top priority,
 *     top severity rank, address order, confidence]`, where evidence is `[rule S, field S, value S, file S, line]`,
 *   a finding is `[type, status S, severity S, severity rank, decision S, decision class S, why S,
 *   evidence]` and flags are 1 covered vendor, 2 face recognition, 4 KEV, 8 has findings;
 * - `m`: the messages the script shows.
 */
function deviceSection(
  assets: readonly Asset[],
  actions: readonly Action[],
  types: readonly FindingTypeView[],
  tr: Translator,
  address: (a: Asset) => string,
): ReportView["devices"] {
  const t = tr.t;
  const strings = new Map<string, number>([["", 0]]);
  const list: string[] = [""];
  const s = (v: string | null): number => {
    if (v === null || v === "") return 0;
    let i = strings.get(v);
    if (i === undefined) {
      i = list.length;
      strings.set(v, i);
      list.push(v);
    }
    return i;
  };
  const noSite = t("devices.noSite");
  // Site names are people's words: order them as the reader's language does.
  const collator = new Intl.Collator(tr.lang);
  const noSubnet = t("devices.noAddress");
  const addressOrder = new Map(assets.map((a, i) => [a, i]));

  const keyed = assets.map((a) => ({
    a,
    site: a.site ?? "",
    subnet: subnetOf(a.ip),
  }));
  keyed.sort(
    (x, y) =>
      Number(x.site === "") - Number(y.site === "") ||
      collator.compare(x.site, y.site) ||
      cmp(x.site, y.site) ||
      cmp(subnetKey(x.subnet), subnetKey(y.subnet)) ||
      addressOrder.get(x.a)! - addressOrder.get(y.a)!,
  );

  const groups: [number, number, number][] = [];
  const groupIndex = new Map<string, number>();
  const sites = new Map<
    string,
    { devices: number; subnets: Set<string>; withFindings: number; kev: number }
  >();
  for (const k of keyed) {
    const key = `${k.site}\u0000${k.subnet}`;
    let gi = groupIndex.get(key);
    if (gi === undefined) {
      gi = groups.length;
      groupIndex.set(key, gi);
      groups.push([s(k.site || noSite), s(k.subnet || noSubnet), 0]);
    }
    groups[gi]![2]++;
    const site = sites.get(k.site) ?? { devices: 0, subnets: new Set(), withFindings: 0, kev: 0 };
    site.devices++;
    site.subnets.add(k.subnet);
    if (k.a.findings.length > 0) site.withFindings++;
    if (k.a.findings.some((f) => f.kev)) site.kev++;
    sites.set(k.site, site);
  }
  const siteRows = [...sites.entries()].map(([site, r]) => ({
    site: site || noSite,
    devices: tr.number(r.devices),
    subnets: tr.number(r.subnets.size),
    withFindings: tr.number(r.withFindings),
    kev: tr.number(r.kev),
  }));

  const typeIndex = new Map(types.map((f, i) => [f.id, i]));
  const whyCache = new Map<Finding, number>();
  const ev = (e: Evidence): (string | number)[] => [
    s(e.rule),
    s(e.field),
    s(e.value),
    s(e.source.file),
    e.source.line,
  ];
  const rows: unknown[] = [];
  const indexOfAsset = new Map<string, number>();
  const noscript: NoscriptRow[] = [];
  for (const { a, subnet } of keyed) {
    const id = a.identification;
    const findings = [...a.findings].sort(compareFindings);
    let flags = 0;
    if (id.coveredVendor) flags |= 1;
    if (isBiometric(a)) flags |= 2;
    if (findings.some((f) => f.kev)) flags |= 4;
    if (findings.length > 0) flags |= 8;
    const maker = makerLabel(a, tr);
    const fRows = findings.map((f) => {
      let w = whyCache.get(f);
      if (w === undefined) {
        w = s(whyText(f, tr));
        whyCache.set(f, w);
      }
      const d = f.ssvc?.decision ?? null;
      return [
        typeIndex.get(f.id) ?? 0,
        s(t(`status.${f.status}`)),
        s(t(`severity.${f.severity}`)),
        severityRank(f.severity),
        s(d ?? ""),
        s(decisionClass(d)),
        w,
        f.evidence.map(ev),
      ];
    });
    indexOfAsset.set(a.id, rows.length);
    rows.push([
      a.id,
      a.ip ?? "",
      a.mac ?? "",
      a.hostnames.join(", "),
      groupIndex.get(`${a.site ?? ""}\u0000${subnet}`)!,
      s(a.owner),
      s(maker),
      s(id.model),
      s(id.firmware),
      s(id.deviceType ? t(`deviceType.${id.deviceType}`) : null),
      s(id.capabilities.map((c) => capabilityLabel(c, tr)).join(", ")),
      s(tr.percent(id.confidence)),
      a.ports.map((p) => s(portLabel(p))),
      id.evidence.map(ev),
      fRows,
      flags,
      findings[0]?.priority ?? -1,
      findings.reduce((m, f) => Math.max(m, severityRank(f.severity)), -1),
      addressOrder.get(a)!,
      id.confidence,
    ]);
    if (noscript.length < NOSCRIPT_DEVICES) {
      noscript.push({
        address: address(a),
        site: a.site ?? noSite,
        subnet: subnet || noSubnet,
        maker: maker || t("common.unknown"),
        model: id.model ?? "—",
        firmware: id.firmware ?? "—",
        confidence: tr.percent(id.confidence),
        findings: findings.map((f) => (f.ssvc ? `${f.id} (${f.ssvc.decision})` : f.id)).join(", "),
      });
    }
  }
  const actionRows = rankActions(actions, new Map(assets.map((a) => [a.id, a]))).map((r) => [
    s(r.action.title),
    r.action.assets
      .map((id) => indexOfAsset.get(id))
      .filter((i): i is number => i !== undefined)
      .sort((x, y) => x - y),
  ]);
  const island = {
    v: 1,
    s: list,
    g: groups,
    f: types.map((f) => [f.id, s(f.title), s(f.kind)]),
    a: actionRows,
    d: rows,
    m: clientMessages(tr),
  };
  return {
    total: assets.length,
    totalText: tr.plural("actions.devices", assets.length),
    empty: assets.length > 0 ? null : t("devices.none"),
    sites: siteRows,
    pageSize: PAGE_SIZE,
    printCards: PRINT_CARDS,
    noscript,
    noscriptMore:
      assets.length > NOSCRIPT_DEVICES
        ? tr.plural("devices.noscriptMore", assets.length - NOSCRIPT_DEVICES)
        : null,
    island: jsonIsland(island),
  };
}

/** The script's own words: labels it builds into device cards and the pager. */
function clientMessages(tr: Translator): Record<string, string> {
  const keys = [
    "client.showing",
    "client.noMatch",
    "client.findings",
    "client.evidence",
    "client.noFindings",
    "client.noEvidence",
    "client.why",
    "client.unknown",
    "client.mac",
    "client.hostnames",
    "client.owner",
    "client.type",
    "client.capabilities",
    "client.confidence",
    "client.ports",
    "client.id",
    "client.rule",
    "client.field",
    "client.value",
    "client.source",
    "client.finding",
    "client.status",
    "client.severity",
    "client.ssvc",
    "client.deviceCount.one",
    "client.deviceCount.other",
    "client.findingCount.one",
    "client.findingCount.other",
    "client.covered",
    "client.face",
    "client.kev",
    "client.address",
    "client.group",
    "client.device",
    "client.firmware",
    "client.printCompact",
  ];
  return Object.fromEntries(keys.map((k) => [k.slice("client.".length), tr.t(k)]));
}

/**
 * JSON for a `<script type="application/json">` element. Escaping every `<` means no device
 * string can close the element or open a comment in it; U+2028/2029 are escaped because older
 * JavaScript engines took them for line breaks.
 */
export function jsonIsland(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** "Dahua (sold as Lorex)", "Hikvision", or "" when nothing identifies the maker. */
export function makerLabel(a: Asset, tr: Translator): string {
  const { manufacturer, brand } = a.identification;
  if (manufacturer && brand && brand !== manufacturer) {
    return tr.t("devices.soldAs", { maker: manufacturer, brand });
  }
  return manufacturer ?? brand ?? "";
}

function capabilityLabel(c: string, tr: Translator): string {
  return c === "face-recognition" ? tr.t("capability.face-recognition") : c;
}

function portLabel(p: Asset["ports"][number]): string {
  const what = [p.service, [p.product, p.version].filter(Boolean).join(" ")].filter(Boolean);
  return `${p.port}/${p.protocol}${what.length ? " " + what.join(" · ") : ""}`;
}

function complianceSection(
  assets: readonly Asset[],
  tr: Translator,
  address: (a: Asset) => string,
): ReportView["compliance"] {
  const t = tr.t;
  const byMaker = new Map<
    string,
    { covered: boolean; devices: number; face: number; kev: number }
  >();
  for (const a of assets) {
    const m = a.identification.manufacturer;
    if (!m) continue;
    const row = byMaker.get(m) ?? { covered: false, devices: 0, face: 0, kev: 0 };
    row.covered ||= a.identification.coveredVendor;
    row.devices++;
    if (isBiometric(a)) row.face++;
    if (a.findings.some((f) => f.kev)) row.kev++;
    byMaker.set(m, row);
  }
  const makers = [...byMaker.entries()]
    .sort(
      (x, y) =>
        Number(y[1].covered) - Number(x[1].covered) ||
        y[1].devices - x[1].devices ||
        cmp(x[0], y[0]),
    )
    .map(([maker, r]) => ({
      maker,
      covered: r.covered,
      devices: tr.number(r.devices),
      face: tr.number(r.face),
      kev: tr.number(r.kev),
    }));
  const covered = assets.filter((a) => a.identification.coveredVendor).length;
  const face = assets.filter(isBiometric);
  const identified = byMaker.size > 0;
  return {
    coveredText: !identified
      ? t("compliance.noneIdentified")
      : covered > 0
        ? tr.plural("compliance.covered", covered)
        : t("compliance.noCovered"),
    makers,
    rule: t("compliance.rule"),
    biometricText:
      face.length > 0
        ? tr.plural("compliance.face", face.length)
        : t(identified ? "compliance.noFace" : "compliance.faceUnknown"),
    biometricDevices: face.slice(0, SAMPLE * 4).map((a) => {
      const what = [makerLabel(a, tr), a.identification.model].filter(Boolean).join(" ");
      return what ? `${address(a)} — ${what}` : address(a);
    }),
    biometricMore:
      face.length > SAMPLE * 4 ? tr.plural("common.more", face.length - SAMPLE * 4) : null,
  };
}

function provenance(doc: ReportDocument, tr: Translator): ReportView["provenance"] {
  const t = tr.t;
  const now = Date.parse(doc.generatedAt);
  const inputs = [...doc.inputs]
    .sort((a, b) => cmp(a.path, b.path))
    .map((i): InputView => {
      const problems = [...i.problems]
        .sort((a, b) => a.line - b.line || cmp(a.message, b.message))
        .map((p) => ({
          where:
            p.line > 0 ? t("provenance.line", { line: String(p.line) }) : t("provenance.wholeFile"),
          message: p.message,
        }));
      const firstLine = i.problems
        .filter((p) => p.line > 0)
        .map((p) => p.line)
        .sort((a, b) => a - b)[0];
      return {
        path: i.path,
        format: i.format ?? t("provenance.unknownFormat"),
        sha256: i.sha256 ?? "—",
        size: tr.plural("provenance.bytes", i.bytes),
        hosts: t("provenance.hosts", { hosts: tr.number(i.hosts), up: tr.number(i.hostsUp) }),
        status: i.status,
        statusLabel: t(`inputStatus.${i.status}`),
        lost:
          i.status === "partial"
            ? firstLine !== undefined
              ? t("provenance.lostAt", { line: String(firstLine) })
              : t("provenance.lost")
            : i.status === "failed"
              ? t("provenance.failed")
              : null,
        problems,
      };
    });
  const feeds = [...doc.feeds]
    .sort((a, b) => cmp(a.name, b.name))
    .map((f): FeedView => {
      const days = Math.floor((now - Date.parse(f.date)) / 86_400_000);
      return {
        name: t(`feed.${f.name satisfies FeedName}`),
        date: tr.date(f.date),
        age: tr.plural("provenance.age", Math.max(0, days)),
        // The assessment decides what is stale (assess.ts STALE_DAYS); the report only shows it.
        stale: f.stale,
      };
    });
  return {
    inputs,
    inputsEmpty: inputs.length > 0 ? null : t("provenance.noInputs"),
    feeds,
    feedsEmpty: feeds.length > 0 ? null : t("provenance.noFeeds"),
    tool: `${doc.generator.name} ${doc.generator.version}`,
    generatedAt: tr.dateTime(doc.generatedAt),
    confidence: [t("method.confidence1"), t("method.confidence2"), t("method.confidence3")],
    ranking: [t("method.ranking1"), t("method.ranking2"), t("actions.order")],
    limitations: [
      t("method.limit1"),
      t("method.limit2"),
      t("method.limit3"),
      t("method.limit4"),
      t("method.limit5"),
    ],
  };
}

const CHART_WIDTH = 460;
const LABEL_WIDTH = 150;
const BAR_HEIGHT = 22;
const VALUE_SPACE = 60;

function chart(
  id: string,
  title: string,
  rows: { label: string; n: number; cls: string }[],
  tr: Translator,
  empty: string | null,
): ChartView {
  const max = Math.max(1, ...rows.map((r) => r.n));
  const span = CHART_WIDTH - LABEL_WIDTH - VALUE_SPACE;
  const bars = rows.map((r, i): ChartBar => {
    const width = r.n === 0 ? 0 : Math.max(2, Math.round((r.n / max) * span));
    return {
      label: truncate(r.label, 22),
      value: tr.number(r.n),
      y: i * (BAR_HEIGHT + 6),
      width,
      textY: i * (BAR_HEIGHT + 6) + BAR_HEIGHT / 2 + 5,
      valueX: LABEL_WIDTH + width + 6,
      cls: r.cls,
    };
  });
  return {
    id,
    title,
    description: `${title}: ${rows.map((r) => `${r.label} ${tr.number(r.n)}`).join(", ")}`,
    empty,
    width: CHART_WIDTH,
    height: Math.max(1, rows.length) * (BAR_HEIGHT + 6),
    labelWidth: LABEL_WIDTH,
    barHeight: BAR_HEIGHT,
    bars: empty ? [] : bars,
  };
}

function truncate(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? chars.slice(0, n - 1).join("") + "…" : s;
}

function makerChart(assets: readonly Asset[], tr: Translator): ChartView {
  const counts = new Map<string, { n: number; covered: boolean }>();
  for (const a of assets) {
    const m = a.identification.manufacturer ?? "";
    const c = counts.get(m) ?? { n: 0, covered: false };
    c.n++;
    c.covered ||= a.identification.coveredVendor;
    counts.set(m, c);
  }
  const named = [...counts.entries()]
    .filter(([m]) => m !== "")
    .sort((x, y) => y[1].n - x[1].n || cmp(x[0], y[0]));
  const top = named.slice(0, 7).map(([m, c]) => ({
    label: m,
    n: c.n,
    cls: c.covered ? "bar-covered" : "bar-other",
  }));
  const rest = named.slice(7).reduce((s, [, c]) => s + c.n, 0);
  if (rest > 0) top.push({ label: tr.t("chart.otherMakers"), n: rest, cls: "bar-other" });
  const unknown = counts.get("")?.n ?? 0;
  if (unknown > 0) top.push({ label: tr.t("chart.unidentified"), n: unknown, cls: "bar-unknown" });
  return chart(
    "makers",
    tr.t("chart.makers"),
    top,
    tr,
    assets.length ? null : tr.t("chart.noDevices"),
  );
}

function severityChart(pairs: readonly Pair[], tr: Translator, assessed: boolean): ChartView {
  const rows = SEVERITIES.map((sev) => ({
    label: tr.t(`severity.${sev}`),
    n: pairs.filter((p) => p.finding.severity === sev).length,
    cls: `bar-${sev}`,
  }));
  const empty = pairs.length ? null : tr.t(assessed ? "chart.noFindings" : "chart.notAssessed");
  return chart("severity", tr.t("chart.severity"), rows, tr, empty);
}

function decisionChart(pairs: readonly Pair[], tr: Translator, assessed: boolean): ChartView {
  const rows = DECISIONS.map((d) => ({
    label: d,
    n: pairs.filter((p) => p.finding.ssvc?.decision === d).length,
    cls: `bar-${decisionClass(d)}`,
  }));
  const any = pairs.some((p) => p.finding.ssvc !== null);
  const empty = any ? null : tr.t(assessed ? "chart.noFindings" : "chart.notAssessed");
  return chart("ssvc", tr.t("chart.ssvc"), rows, tr, empty);
}

const LOGO = /^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;

/** Only a base64 data URI of an image type we embed may reach the page's `img src`. */
function checkedLogo(logo: string | null): string | null {
  if (logo === null) return null;
  if (!LOGO.test(logo))
    throw new AtalayaError(
      "E_USAGE",
      "logo: expected a base64 data URI of a PNG, JPEG or SVG image",
    );
  return logo;
}

/**
 * The data URI of a logo file, its type told by content: PNG and JPEG by their signatures, SVG
 * by its root element. An SVG is shown through `<img>`, where it can run no script and load
 * nothing, so it needs no sanitising.
 */
export function logoDataUri(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  let type: string | null = null;
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    type = "image/png";
  } else if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    type = "image/jpeg";
  } else if (/<svg[\s>]/i.test(b.subarray(0, 4096).toString("utf8"))) {
    type = "image/svg+xml";
  }
  if (!type) throw new AtalayaError("E_USAGE", "logo: not a PNG, JPEG or SVG file");
  return `data:${type};base64,${b.toString("base64")}`;
}
