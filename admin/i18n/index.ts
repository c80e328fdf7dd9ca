import { createTranslator, type Translator } from "../../widget/i18n/catalogue.ts";
import { en, type Messages, type PluralKey, type TextKey } from "./en.ts";
import { fr } from "./fr.ts";

// Both catalogues ship inside admin.js: together they weigh about as much as one more
// request would, and the toggle switches language without a round trip.
const catalogues: Record<string, Messages> = { en, fr };

/** The first tag we have a catalogue for, matched on its primary subtag; else English. */
export function resolveLang(candidates: ReadonlyArray<string | null | undefined>): string {
  for (const tag of candidates) {
    const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
    if (primary && primary in catalogues) return primary;
  }
  return "en";
}

export interface I18n extends Translator<TextKey, PluralKey> {
  /** 12,345 or 12 345, as the language writes it. */
  number(n: number): string;
  /** A file's size: "820 kB", "3.4 MB" ("3,4 Mo" in French). */
  size(bytes: number): string;
}

/** Binary multiples, as most file managers count them and as the worker's limits are written. */
const KIB = 1024;
const MIB = 1024 * 1024;

/** The widget's translator (`t`, `plural`, dates), with a shorter full date, numbers and sizes. */
export function createI18n(lang: string): I18n {
  // "Mar 10, 2025": the widget's "long" date is too wide for the queue's rows.
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  const numbers = new Intl.NumberFormat(lang);
  const unit = (name: string, unitDisplay: "long" | "short" = "short") =>
    new Intl.NumberFormat(lang, { style: "unit", unit: name, unitDisplay, maximumFractionDigits: 1 });
  // "12 bytes": the short form is "12 byte" in English.
  const [bytes, kilobytes, megabytes] = [unit("byte", "long"), unit("kilobyte"), unit("megabyte")];
  return {
    ...createTranslator(lang, catalogues[lang] ?? en),
    fullDate: (iso) => dates.format(new Date(iso)),
    number: (n) => numbers.format(n),
    size: (n) => (n < KIB ? bytes.format(n) : n < MIB ? kilobytes.format(n / KIB) : megabytes.format(n / MIB)),
  };
}
