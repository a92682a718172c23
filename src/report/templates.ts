import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LANGS } from "./i18n.js";
import type { Lang, Messages } from "./i18n.js";

/** Everything the HTML and Markdown renderers read from `templates/`. */
export interface ReportTemplates {
  /** `report.hbs`. */
  page: string;
  /** `partials/<name>.hbs` by name. */
  partials: Readonly<Record<string, string>>;
  css: string;
  script: string;
  messages: Readonly<Record<Lang, Messages>>;
}

/**
 * The package's `templates/` folder, found from this module's URL so that it resolves the same
 * from `src/report/` (tests) and `dist/report/` (the installed CLI).
 */
export const TEMPLATES_DIR: string = fileURLToPath(new URL("../../templates/", import.meta.url));

let cached: ReportTemplates | undefined;

/**
 * Reads the templates once per process. The renderers stay pure in what matters: the same
 * document and options give the same bytes; this read is the only I/O they do.
 */
export function loadTemplates(dir: string = TEMPLATES_DIR): ReportTemplates {
  if (dir === TEMPLATES_DIR && cached) return cached;
  const read = (...parts: string[]): string => readFileSync(join(dir, ...parts), "utf8");
  const partials: Record<string, string> = {};
  for (const f of readdirSync(join(dir, "partials")).sort()) {
    if (f.endsWith(".hbs")) partials[f.slice(0, -4)] = read("partials", f);
  }
  const messages = {} as Record<Lang, Messages>;
  for (const lang of LANGS) messages[lang] = JSON.parse(read("i18n", `${lang}.json`)) as Messages;
  const loaded: ReportTemplates = {
    page: read("report.hbs"),
    partials,
    css: read("report.css"),
    script: read("report.js"),
    messages,
  };
  if (dir === TEMPLATES_DIR) cached = loaded;
  return loaded;
}
