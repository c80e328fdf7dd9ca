import { enWriting, type WritingKey } from "../i18n/en.ts";
import { frWriting } from "../i18n/fr.ts";
import type { I18n } from "../i18n/en.ts";

const catalogues: Record<string, Record<WritingKey, string>> = { en: enWriting, fr: frWriting };

/** What embed-extra.js says, in the thread's language. */
export function say(i18n: I18n, key: WritingKey): string {
  return (catalogues[i18n.lang] ?? enWriting)[key];
}
