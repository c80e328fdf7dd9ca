import { loadPart } from "../parts.ts";
import { en, type Messages, type PluralKey, type TextKey } from "./en.ts";

/**
 * English ships inside embed.js; every other language is a file of its own,
 * `embed-<lang>.js` (widget/i18n/embed-<lang>.ts), loaded for the pages that need it.
 */
const LANGS = ["en", "fr"];

/** The first language given (data-lang, then <html lang>), matched on its primary subtag; else English. */
export function resolveLang(...candidates: Array<string | null | undefined>): string {
  const given = candidates.find((tag) => tag?.trim());
  const primary = given?.trim().toLowerCase().split(/[-_]/)[0] ?? "en";
  return LANGS.includes(primary) ? primary : "en";
}

export interface I18n {
  lang: string;
  t(key: TextKey, vars?: Record<string, string>): string;
  /** "{n} comments" in the language's plural category for n. */
  plural(key: PluralKey, n: number): string;
  /** "3 days ago", "yesterday", "now". */
  relative(iso: string, now?: number): string;
  /** The full date and time, for a tooltip. */
  fullDate(iso: string): string;
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? "");
}

export function createI18n(lang: string, messages: Messages): I18n {
  const plurals = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
  return {
    lang,
    t: (key, vars = {}) => fill(messages[key], vars),
    plural(key, n) {
      const forms = messages[key];
      return fill(forms[plurals.select(n)] ?? forms.other, { n: numbers.format(n) });
    },
    relative(iso, now = Date.now()) {
      const seconds = (Date.parse(iso) - now) / 1000;
      for (const [unit, size] of STEPS) {
        if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
      }
      return relative.format(0, "second");
    },
    fullDate: (iso) => dates.format(new Date(iso)),
  };
}

/** The catalogue for `lang`, from `base` (the API's origin) if it isn't English; English if that fails. */
export async function loadI18n(lang: string, base: string): Promise<I18n> {
  const messages = lang === "en" ? en : await loadPart<Messages>(base, lang).catch(() => en);
  return createI18n(messages === en ? "en" : lang, messages);
}
