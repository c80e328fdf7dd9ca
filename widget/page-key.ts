// The thread key, as API.md defines it: the widget sends the key normalised by the worker's
// own function, so the key it shows, stores and asks counts for is the one the server files
// comments under.
import { normalisePageKey } from "../worker/lib/page-key.ts";

export { normalisePageKey };

/** data-page (trimmed, as given) › <link rel="canonical"> › location.href. */
export function pageKey(doc: Document, dataPage: string | undefined): string {
  const explicit = dataPage?.trim();
  if (explicit) return explicit;
  // `.href` on the element resolves a relative canonical against the document's base URL.
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical"][href]')?.href;
  return normalisePageKey(canonical || doc.location.href);
}

/** The address readers see in notifications and the admin: the page without its fragment. */
export function pageUrl(doc: Document): string {
  return doc.location.href.split("#")[0] ?? "";
}
