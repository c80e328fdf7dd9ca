// Page keys, exactly as API.md defines them: an explicit id is used as given after
// trimming; a URL is normalised so that one article has one thread however it is
// reached (scheme and host lower-cased, default port, query, fragment and trailing
// slash dropped; "/" stays). The widget uses this same function.
//
// In the worker a key is text like any other and is cleaned first (cleanPageKey in text.ts; issue 10,
// item 16): NUL and control characters go, and a lone surrogate becomes one U+FFFD here, not
// three in D1, so the key a thread is read with equals the key it was written with. The widget
// only normalises: whatever it sends is cleaned here, and the cleaning would cost embed.js 700 bytes.

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
