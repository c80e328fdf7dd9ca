import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, SITE_KEY_MAX, SITE_KEY_PATTERN } from "../worker/lib/fields.ts";
import { pageKey } from "./page-key.ts";

/** Everything the loader reads from the page, once, with defaults applied. */
export interface WidgetConfig {
  site: string;
  page: string;
  /** data-lang, else <html lang>; undefined when the page says nothing (the site's locale applies). */
  lang?: string;
  /** Top-level comments per page (`data-limit`, 1–200, default 50). */
  limit: number;
  /** The API's origin: where embed.js itself was loaded from. */
  api: string;
}

/** A mistake in the embedding snippet, reported to the site owner in the console. */
export class ConfigError extends Error {}

export function readConfig(script: HTMLScriptElement | null, doc: Document): WidgetConfig {
  const site = script?.dataset.site?.trim();
  if (!script || !site) throw new ConfigError('needs data-site="<your site key>".');
  if (!SITE_KEY_PATTERN.test(site)) throw new ConfigError(`data-site="${site}" is not a site key ([a-z0-9-]{1,${SITE_KEY_MAX}}).`);
  return {
    site,
    page: pageKey(doc, script.dataset.page),
    lang: script.dataset.lang?.trim() || doc.documentElement.lang.trim() || undefined,
    limit: Math.min(PAGE_LIMIT_MAX, Math.max(1, parseInt(script.dataset.limit ?? "") || PAGE_LIMIT_DEFAULT)),
    // `script.src` reads back absolute; a tag without src gives "", which throws here and the
    // loader (embed.tsx) reports.
    api: new URL(script.src).origin,
  };
}
