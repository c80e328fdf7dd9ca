import { resolveLang } from "./i18n/index.ts";
import { pageKey } from "./page-key.ts";

/** Everything the loader reads from the page, once, with defaults applied. */
export interface WidgetConfig {
  site: string;
  page: string;
  lang: string;
  /** The API's origin: where embed.js itself was loaded from. */
  api: string;
}

/** A mistake in the embedding snippet, reported to the site owner in the console. */
export class ConfigError extends Error {}

export function readConfig(script: HTMLScriptElement | null, doc: Document): WidgetConfig {
  const site = script?.dataset.site?.trim();
  if (!script || !site) throw new ConfigError('needs data-site: <script src=".../embed.js" data-site="blog">');
  if (!/^[a-z0-9-]{1,40}$/.test(site)) throw new ConfigError(`data-site="${site}" is not a site key ([a-z0-9-]{1,40}).`);
  let api: string;
  try {
    api = new URL(script.src).origin;
  } catch {
    throw new ConfigError(`can't find the API from src="${script.src}".`);
  }
  return {
    site,
    page: pageKey(doc, script.dataset.page),
    lang: resolveLang(script.dataset.lang, doc.documentElement.lang),
    api,
  };
}
