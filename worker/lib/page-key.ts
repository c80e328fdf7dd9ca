// Page keys, exactly as API.md defines them: an explicit id is used as given after
// trimming; a URL is normalised so that one article has one thread however it is
// reached (scheme and host lower-cased, default port, query, fragment and trailing
// slash dropped; "/" stays). The widget uses this same function.

export function normalisePageKey(raw: string): string {
  const key = raw.trim();
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
