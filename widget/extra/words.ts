import type { PluralForms, Translator } from "../i18n/catalogue.ts";
import { enWriting, enWritingPlurals, type I18n, type WritingKey, type WritingPluralKey } from "../i18n/en.ts";

/**
 * What embed-extra.js says, in the thread's language. English is here; every other language
 * brought these words with the rest of its catalogue (its part is a `Locale`, widget/i18n/en.ts),
 * so this file carries one language rather than all of them. `I18n`'s type names only the
 * keys embed.js has, hence the cast.
 */
export function say(i18n: I18n, key: WritingKey): string {
  return i18n.lang === "en" ? enWriting[key] : (i18n as unknown as Translator<WritingKey, never>).t(key);
}

/** The same for a plural message ("Show 3 more replies"), in the forms of the thread's language. */
export function sayPlural(i18n: I18n, key: WritingPluralKey, n: number): string {
  if (i18n.lang !== "en") return (i18n as unknown as Translator<never, WritingPluralKey>).plural(key, n);
  const forms: PluralForms = enWritingPlurals[key];
  return (forms[new Intl.PluralRules("en").select(n)] ?? forms.other).replace("{n}", n.toLocaleString("en"));
}
