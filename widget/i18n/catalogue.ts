// What every catalogue of strings has in common, the widget's (./en.ts) and the owner page's
// (admin/i18n/en.ts, which imports this file): its shape, typed from English, the source of
// truth, and the Intl formatting around it. No DOM and no loading here, so the admin page
// takes only this.

/** A plural message lists Intl.PluralRules categories; `other` is always required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The shape every language must have for the English catalogue `E`: the same keys, plain strings or plural forms. */
export type CatalogueOf<E> = { [K in keyof E]: E[K] extends string ? string : PluralForms };
export type PluralKeyOf<M> = { [K in keyof M]: M[K] extends string ? never : K }[keyof M];
export type TextKeyOf<M> = Exclude<keyof M, PluralKeyOf<M>>;

export interface Translator<TextKey, PluralKey> {
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

/** `t()`, `plural()` and the dates for `messages`, in `lang`. */
export function createTranslator<M extends Record<string, string | PluralForms>>(
  lang: string,
  messages: M,
): Translator<TextKeyOf<M>, PluralKeyOf<M>> {
  const plurals = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang);
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
  return {
    lang,
    t: (key, vars = {}) => fill(messages[key] as string, vars),
    plural(key, n) {
      const forms = messages[key] as PluralForms;
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
