import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type * as HandlebarsApi from "handlebars";
import type { ReportDocument } from "../model/report.js";
import { translator } from "./i18n.js";
import type { Lang } from "./i18n.js";
import { loadTemplates } from "./templates.js";
import type { ReportTemplates } from "./templates.js";
import { buildView } from "./view.js";
import type { ReportOptions, ReportView } from "./view.js";

// handlebars is CommonJS with no named ESM exports, and the project does not turn on
// esModuleInterop; require() is the honest way in.
const Handlebars = createRequire(import.meta.url)("handlebars") as typeof HandlebarsApi;

/** Marks the moment the summary has been parsed; `npm run bench` times the page by it. */
const MARK_SCRIPT = 'performance.mark("summary-ready");';

type Compiled = (context: unknown) => string;
const compiled = new WeakMap<ReportTemplates, Map<Lang, Compiled>>();

function compile(templates: ReportTemplates, lang: Lang): Compiled {
  let byLang = compiled.get(templates);
  if (!byLang) {
    byLang = new Map();
    compiled.set(templates, byLang);
  }
  const cached = byLang.get(lang);
  if (cached) return cached;
  const hbs = Handlebars.create();
  const tr = translator(lang, templates.messages[lang]);
  // Returns a plain string, so Handlebars escapes it like any other value.
  hbs.registerHelper("t", (key: unknown) => tr.t(String(key)));
  for (const [name, text] of Object.entries(templates.partials)) {
    hbs.registerPartial(name, hbs.compile(text, { strict: true }));
  }
  const fn: Compiled = hbs.compile(templates.page, { strict: true });
  byLang.set(lang, fn);
  return fn;
}

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The Content-Security-Policy of the page: nothing may load, connect or submit; only the
 * page's own style and scripts run, named by their hashes; images only as data URIs (the logo).
 */
export function contentSecurityPolicy(css: string, scripts: readonly string[]): string {
  return [
    "default-src 'none'",
    `style-src ${sha256(css)}`,
    `script-src ${scripts.map(sha256).join(" ")}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** The HTML report: one self-contained file. */
export function renderHtml(
  doc: ReportDocument,
  options: ReportOptions = {},
  templates: ReportTemplates = loadTemplates(),
): string {
  const view = buildView(doc, options, templates.messages);
  return renderHtmlView(view, templates);
}

/** Renders a view already built (the CLI builds one view for HTML and Markdown alike). */
export function renderHtmlView(
  view: ReportView,
  templates: ReportTemplates = loadTemplates(),
): string {
  const css = templates.css;
  const script = templates.script;
  return compile(
    templates,
    view.lang,
  )({
    ...view,
    css,
    script,
    markScript: MARK_SCRIPT,
    csp: contentSecurityPolicy(css, [MARK_SCRIPT, script]),
  });
}
