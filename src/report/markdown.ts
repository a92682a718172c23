import type { ReportDocument } from "../model/report.js";
import { loadTemplates } from "./templates.js";
import type { ReportTemplates } from "./templates.js";
import { translator } from "./i18n.js";
import { buildView } from "./view.js";
import type { ReportOptions, ReportView } from "./view.js";

/**
 * Text as Markdown shows it literally: the characters that could format, link, open HTML, start
 * an entity or end a table cell are backslash-escaped, and line breaks (U+2028/2029 too) become
 * spaces. Other punctuation only matters at the start of a line or after `]`, where device text
 * never stands, and is left alone so that the summary still reads well as a plain-text e-mail.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029\u0085\v\f]+/g, " ")
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

const e = escapeMarkdown;

/** A Markdown summary for a ticket or an e-mail: the summary, actions, findings and inputs. */
export function renderMarkdown(
  doc: ReportDocument,
  options: ReportOptions = {},
  templates: ReportTemplates = loadTemplates(),
): string {
  return renderMarkdownView(buildView(doc, options, templates.messages), templates);
}

export function renderMarkdownView(
  view: ReportView,
  templates: ReportTemplates = loadTemplates(),
): string {
  const { t } = translator(view.lang, templates.messages[view.lang]);
  const out: string[] = [];
  const c = view.cover;
  out.push(`# ${e(view.title)}`, "");
  if (c.tlp) out.push(`**${e(c.tlp.label)}** — ${e(c.tlp.meaning)}`, "");
  const meta: string[] = [];
  if (c.client) meta.push(`**${e(t("cover.client"))}:** ${e(c.client)}`);
  if (c.author) meta.push(`**${e(t("cover.author"))}:** ${e(c.author)}`);
  meta.push(`**${e(t("cover.date"))}:** ${e(c.date)}`);
  meta.push(`**${e(t("cover.tool"))}:** ${e(c.version)}`);
  out.push(meta.join("  \n"), "");

  out.push(`## ${e(t("section.summary"))}`, "");
  for (const f of view.summary.figures) out.push(`- **${e(f.value)}** ${e(f.label)}`);
  out.push("");
  for (const p of view.summary.paragraphs) out.push(e(p), "");
  out.push(`### ${e(t("summary.topActions"))}`, "");
  if (view.summary.topActionsEmpty) out.push(`_${e(view.summary.topActionsEmpty)}_`, "");
  else {
    for (const a of view.summary.topActions) {
      out.push(
        `${a.rank}. ${a.decision ? `**${e(a.decision)}** ` : ""}${e(a.title)} — ${e(a.devices)}, ${e(a.closesText)}`,
      );
    }
    out.push("");
  }
  out.push(`### ${e(t("summary.change"))}`, "", `_${e(view.summary.change)}_`, "");

  out.push(`## ${e(t("section.findings"))}`, "");
  const table = (rows: ReportView["findings"]["vulnerabilities"]): void => {
    out.push(
      `| ${[
        t("findings.id"),
        t("findings.title"),
        t("findings.severity"),
        t("findings.cvss"),
        t("findings.kev"),
        t("findings.epss"),
        t("findings.ssvc"),
        t("findings.devices"),
      ]
        .map(e)
        .join(" | ")} |`,
      "|---|---|---|--:|---|--:|---|--:|",
    );
    for (const r of rows) {
      out.push(
        `| ${[
          r.id,
          r.title,
          r.severityLabel,
          r.cvss,
          r.kev ? "KEV" : "—",
          r.epss,
          r.decision ?? "—",
          r.devices,
        ]
          .map(e)
          .join(" | ")} |`,
      );
    }
    out.push("");
  };
  out.push(`### ${e(t("findings.vulnerabilities"))}`, "");
  if (view.findings.vulnerabilitiesEmpty)
    out.push(`_${e(view.findings.vulnerabilitiesEmpty)}_`, "");
  else table(view.findings.vulnerabilities);
  out.push(`### ${e(t("findings.others"))}`, "");
  if (view.findings.othersEmpty) out.push(`_${e(view.findings.othersEmpty)}_`, "");
  else table(view.findings.others);

  out.push(`## ${e(t("section.compliance"))}`, "");
  out.push(e(view.compliance.coveredText), "", e(view.compliance.biometricText), "");

  out.push(`## ${e(t("section.provenance"))}`, "");
  if (view.provenance.inputsEmpty) out.push(`_${e(view.provenance.inputsEmpty)}_`, "");
  for (const i of view.provenance.inputs) {
    out.push(
      `- \`${i.sha256}\` ${e(i.path)} (${e(i.format)}): **${e(i.statusLabel)}**, ${e(i.hosts)}`,
    );
    if (i.lost) out.push(`  - ${e(i.lost)}`);
    for (const p of i.problems) out.push(`  - ${e(p.where)}: ${e(p.message)}`);
  }
  if (view.provenance.inputs.length > 0) out.push("");
  if (view.provenance.feedsEmpty) out.push(`_${e(view.provenance.feedsEmpty)}_`, "");
  else {
    for (const f of view.provenance.feeds) {
      out.push(
        `- ${e(f.name)}: ${e(f.date)} (${e(f.age)})${f.stale ? ` — **${e(t("provenance.stale"))}**` : ""}`,
      );
    }
    out.push("");
  }
  out.push(
    `${e(t("footer.generated"))} ${e(view.provenance.tool)}, ${e(view.provenance.generatedAt)}.`,
    "",
  );
  return out.join("\n");
}
