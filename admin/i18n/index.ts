import { en, type Messages, type PluralKey, type TextKey } from "./en.ts";
import { fr } from "./fr.ts";

// Both catalogues ship inside admin.js: together they weigh about as much as one more
// request would, and the toggle switches language without a round trip.
const catalogues: Record<string, Messages> = { en, fr };

export const LANGUAGES = Object.keys(catalogues);

/** The first tag we have a catalogue for, matched on its primary subtag; else English. */
export function resolveLang(candidates: ReadonlyArray<string | null | undefined>): string {
  for (const tag of candidates) {
    const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
    if (primary && primary in catalogues) return primary;
  }
  return "en";
}

export interface I18n {
  lang: string;
  t(key: TextKey, vars?: Record<string, string>): string;
  /** "{n} comments" in the language's plural category for n. */
  plural(key: PluralKey, n: number): string;
  /** "3 days ago", "yesterday", "now". */
  relative(iso: string, now?: number): string;
  /** The full date and time, for a tooltip or a thread's start. */
  fullDate(iso: string): string;
  /** 12,345 or 12 345, as the language writes it. */
  number(n: number): string;
  /** A file's size: "820 kB", "3.4 MB" ("3,4 Mo" in French). */
  size(bytes: number): string;
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** Binary multiples, as most file managers count them and as the worker's limits are written. */
const KIB = 1024;
const MIB = 1024 * 1024;

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? "");
}

export function createI18n(lang: string): I18n {
  const messages = catalogues[lang] ?? en;
  const plurals = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  const unit = (name: string, unitDisplay: "long" | "short" = "short") =>
    new Intl.NumberFormat(lang, { style: "unit", unit: name, unitDisplay, maximumFractionDigits: 1 });
  // "12 bytes": the short form is "12 byte" in English.
  const [bytes, kilobytes, megabytes] = [unit("byte", "long"), unit("kilobyte"), unit("megabyte")];
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
    number: (n) => numbers.format(n),
    size: (n) => (n < KIB ? bytes.format(n) : n < MIB ? kilobytes.format(n / KIB) : megabytes.format(n / MIB)),
  };
}
