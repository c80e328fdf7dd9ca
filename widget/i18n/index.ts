import { loadPart } from "../parts.ts";
import { en, type I18n, type Locale } from "./en.ts";
import { createTranslator } from "./catalogue.ts";

/** The language for a tag (data-lang, <html lang>, the site's locale): its primary subtag, if it can be one; else English. */
export function resolveLang(tag?: string | null): string {
  // It goes into a URL (parts.ts): two or three letters, nothing else.
  return /^([a-z]{2,3})([-_]|$)/.exec(tag?.trim().toLowerCase() ?? "")?.[1] ?? "en";
}

/**
 * English ships inside embed.js; every other language is a file of its own,
 * `embed-<lang>.<hash>.js` (widget/i18n/embed-<lang>.ts), asked for by name alone: embed.js
 * holds no list of languages. A language without a file (a 404), or a file that fails to
 * load, leaves the widget in English.
 */
export async function loadI18n(lang: string, base: string): Promise<I18n> {
  const messages = lang === "en" ? en : await loadPart<Locale>(base, lang).catch(() => en);
  return createTranslator(messages === en ? "en" : lang, messages);
}
