import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, SITE_KEY_MAX, SITE_KEY_PATTERN } from "../worker/lib/fields.ts";
import { pageKey } from "./page-key.ts";

/** Everything a widget reads from the page, with defaults applied. */
export interface WidgetConfig {
  site: string;
  page: string;
  /** data-lang, else <html lang>; empty or undefined when the page says nothing (the site's locale applies). */
  lang?: string;
  /** Top-level comments per page (`data-limit`, 1–200, default 50). */
  limit: number;
  /** The API's origin: where embed.js itself was loaded from. */
  api: string;
  /** `auto` (also anything unknown, or nothing), `light` or `dark` (mount.tsx). */
  theme?: string;
}

/**
 * What a snippet says: the script tag's `data-*` attributes, or the options of
 * `Bascule.mount(element, options)` and `handle.update(options)` (API.md), the same names.
 */
export interface Options {
  site?: string;
  page?: string;
  lang?: string;
  limit?: number | string;
  theme?: string;
}

/** A mistake in the embedding snippet, reported to the site owner in the console. */
export class ConfigError extends Error {}

/**
 * The configuration `options` give, for the API at `src` (embed.js's own address). Read
 * again as the page navigates: without `page`, the key comes from the address or canonical.
 */
export function readConfig(options: Options, src: string | undefined): WidgetConfig {
  const site = options.site?.trim();
  if (!site) throw new ConfigError("needs data-site (your site key).");
  if (!SITE_KEY_PATTERN.test(site)) throw new ConfigError(`data-site="${site}": not [a-z0-9-]{1,${SITE_KEY_MAX}}.`);
  return {
    site,
    page: pageKey(document, options.page),
    lang: options.lang?.trim() || document.documentElement.lang.trim(),
    // biome-ignore lint/correctness/useParseIntRadix: decimal in every browser we build for, and the radix costs embed.js bytes.
    limit: Math.min(PAGE_LIMIT_MAX, Math.max(1, parseInt(options.limit as string) || PAGE_LIMIT_DEFAULT)),
    theme: options.theme,
    // `script.src` reads back absolute; a tag without src gives "", which throws here and the
    // loader (embed.tsx) reports.
    api: new URL(src as string).origin,
  };
}
