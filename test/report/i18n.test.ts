import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGS, translator } from "../../src/report/i18n.js";
import { TEMPLATES_DIR, loadTemplates } from "../../src/report/templates.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { emptyDocument, fullDocument, fullOptions } from "./helpers.js";

const templates = loadTemplates();
const en = templates.messages.en;
const placeholders = (s: string): string[] =>
  [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe("message catalogues", () => {
  for (const lang of LANGS) {
    it(`${lang} has exactly the keys of en, with the same placeholders`, () => {
      const messages = templates.messages[lang];
      const missing = Object.keys(en).filter((k) => !(k in messages));
      const extra = Object.keys(messages).filter((k) => !(k in en));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${lang}: ${key}`).not.toBe("");
        expect(placeholders(text), `${lang}: ${key}`).toEqual(placeholders(en[key]!));
      }
    });
  }

  it("plural keys come in one/other pairs", () => {
    for (const key of Object.keys(en)) {
      if (key.endsWith(".one")) expect(en, key).toHaveProperty([key.replace(/\.one$/, ".other")]);
    }
  });

  it("every key a template names is in the catalogue", () => {
    const files = [
      join(TEMPLATES_DIR, "report.hbs"),
      ...readdirSync(join(TEMPLATES_DIR, "partials")).map((f) =>
        join(TEMPLATES_DIR, "partials", f),
      ),
    ];
    for (const file of files) {
      for (const m of readFileSync(file, "utf8").matchAll(/\{\{t "([^"]+)"\}\}/g)) {
        expect(en, `${file}: ${m[1]}`).toHaveProperty([m[1]!]);
      }
    }
  });

  it("a missing key fails loudly rather than printing nothing", () => {
    expect(() => translator("en", { a: "x" }).t("b")).toThrow(/no key "b"/);
  });

  it("renders every section in every language (a missing key would throw)", () => {
    for (const lang of LANGS) {
      expect(renderHtml(fullDocument(), fullOptions(lang))).toContain(`<html lang="${lang}">`);
      expect(renderHtml(emptyDocument(), { lang })).toContain(`<html lang="${lang}">`);
      expect(renderMarkdown(fullDocument(), fullOptions(lang))).not.toBe("");
    }
  });

  it("formats dates and numbers per locale, in UTC", () => {
    const messages = { k: "{n}" };
    expect(translator("en", messages).date("2026-11-20T23:30:00Z")).toBe("November 20, 2026");
    expect(translator("es", messages).date("2026-11-20T23:30:00Z")).toBe("20 de noviembre de 2026");
    expect(translator("pt-BR", messages).date("2026-11-20T23:30:00Z")).toBe(
      "20 de novembro de 2026",
    );
    expect(translator("en", messages).number(100000)).toBe("100,000");
    expect(translator("pt-BR", messages).number(100000)).toBe("100.000");
    expect(translator("es", messages).percent(0.9434)).toMatch(/^94,3\s%$/);
  });
});
