/**
 * Message catalogues and locale formatting for the report. Catalogues are flat JSON files in
 * `templates/i18n/`, key → text, with `{name}` placeholders; a key ending in `.one` / `.other`
 * is a plural pair chosen by Intl.PluralRules. Every date and number goes through Intl with the
 * report's locale and the UTC time zone, so the same document renders to the same bytes anywhere.
 */

export type Lang = "en" | "es" | "pt-BR";

export const LANGS: readonly Lang[] = ["en", "es", "pt-BR"];

/** A catalogue as read from `templates/i18n/<lang>.json`. */
export type Messages = Readonly<Record<string, string>>;

export type MessageParams = Readonly<Record<string, string | number>>;

/** Translates and formats for one language. */
export interface Translator {
  lang: Lang;
  /** The text of `key` with `{name}` placeholders filled; numbers are formatted per locale. */
  t(key: string, params?: MessageParams): string;
  /** `key.one` or `key.other` chosen by `count`, which is also available as `{count}`. */
  plural(key: string, count: number, params?: MessageParams): string;
  /** With exactly `fractionDigits` decimals (default 0). */
  number(n: number, fractionDigits?: number): string;
  percent(fraction: number): string;
  /** A calendar date, e.g. "26 November 2026". */
  date(iso: string): string;
  /** A date and time in UTC, e.g. "26 November 2026, 09:41 UTC". */
  dateTime(iso: string): string;
  /** Items joined the way the language lists them ("a, b and c"). */
  list(items: readonly string[]): string;
}

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** Builds a translator. A missing key throws: the catalogue tests make that a test failure, not a blank. */
export function translator(lang: Lang, messages: Messages): Translator {
  const numbers = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number): Intl.NumberFormat => {
    let f = numbers.get(digits);
    if (!f) {
      // A fixed number of decimals: "10.0" beside "9.8" in a CVSS column, not "10".
      f = new Intl.NumberFormat(lang, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      numbers.set(digits, f);
    }
    return f;
  };
  const plain = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(lang, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
    hourCycle: "h23",
  });
  const plurals = new Intl.PluralRules(lang);
  const lists = new Intl.ListFormat(lang, { style: "long", type: "conjunction" });

  const fill = (key: string, params: MessageParams | undefined): string => {
    const text = messages[key];
    if (text === undefined) throw new Error(`message catalogue ${lang}: no key "${key}"`);
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = params[name];
      if (v === undefined) return whole;
      return typeof v === "number" ? plain.format(v) : v;
    });
  };

  return {
    lang,
    t: fill,
    plural(key, count, params) {
      // Only one/other are kept in the catalogues: the other CLDR categories of these three
      // languages ("many" in es/pt for millions) read correctly with the "other" form.
      const form = plurals.select(count) === "one" ? "one" : "other";
      return fill(`${key}.${form}`, { count, ...params });
    },
    number: (n, digits = 0) => numberFormat(digits).format(n),
    percent: (fraction) => percent.format(fraction),
    date: (iso) => date.format(new Date(iso)),
    dateTime: (iso) => `${dateTime.format(new Date(iso))} UTC`,
    list: (items) => lists.format(items),
  };
}
