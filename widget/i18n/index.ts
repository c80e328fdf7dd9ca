import { loadPart } from "../parts.ts";
import { en, type I18n, type Messages } from "./en.ts";
import { createTranslator } from "./catalogue.ts";

/**
 * English ships inside embed.js; every other language is a file of its own,
 * `embed-<lang>.<hash>.js` (widget/i18n/embed-<lang>.ts), loaded for the pages that need it.
 */
const LANGS = ["en", "fr"];

/** The first language given (data-lang, then <html lang>), matched on its primary subtag; else English. */
export function resolveLang(...candidates: Array<string | null | undefined>): string {
  const given = candidates.find((tag) => tag?.trim());
  const primary = given?.trim().toLowerCase().split(/[-_]/)[0] ?? "en";
  return LANGS.includes(primary) ? primary : "en";
}

/** The catalogue for `lang`, from `base` (the API's origin) if it isn't English; English if that fails. */
export async function loadI18n(lang: string, base: string): Promise<I18n> {
  const messages = lang === "en" ? en : await loadPart<Messages>(base, lang).catch(() => en);
  return createTranslator(messages === en ? "en" : lang, messages);
}
