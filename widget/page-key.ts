// The thread key, as API.md defines it. The worker normalises again (worker/lib/page-key.ts);
// we send the normalised form anyway so that the key the widget shows, stores and asks
// counts for is the one the server files comments under.

/** Scheme and host lower-cased, default port, query, fragment and trailing slash dropped ("/" stays). */
export function normalisePageUrl(raw: string): string {
  const key = raw.trim();
  // Only web addresses are normalised, exactly like the worker does; anything else is an id.
  if (!/^https?:\/\//i.test(key)) return key;
  let url: URL;
  try {
    url = new URL(key);
  } catch {
    return key;
  }
  // URL already lower-cases scheme and host and drops default ports.
  const path = url.pathname.replace(/\/+$/, "") || "/";
  return `${url.protocol}//${url.host}${path}`;
}

/** data-page (trimmed, as given) › <link rel="canonical"> › location.href. */
export function pageKey(doc: Document, dataPage: string | undefined): string {
  const explicit = dataPage?.trim();
  if (explicit) return explicit;
  // `.href` on the element resolves a relative canonical against the document's base URL.
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical"][href]')?.href;
  return normalisePageUrl(canonical || doc.location.href);
}

/** The address readers see in notifications and the admin: the page without its fragment. */
export function pageUrl(doc: Document): string {
  return doc.location.href.split("#")[0] ?? "";
}
