// Optional Cloudflare Turnstile: when a site has a site key, the answer the widget got must
// verify against the worker's TURNSTILE_SECRET before a comment is stored. A site key without
// the secret is a misconfiguration, and posts are refused rather than published unchecked
// (issue 10, item 11).

const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/** Whether posts to a site need Turnstile: `off`, `on` (with the secret to check with), or `secret_missing`. */
export function turnstileSetup(
  siteKey: string | null,
  secret: string | undefined,
): { mode: "off" } | { mode: "on"; secret: string } | { mode: "secret_missing" } {
  if (!siteKey) return { mode: "off" };
  return secret ? { mode: "on", secret } : { mode: "secret_missing" };
}

export async function turnstilePasses(secret: string, token: string | undefined, ip: string | undefined): Promise<boolean> {
  if (!token) return false;
  const form = new FormData();
  form.set("secret", secret);
  form.set("response", token);
  if (ip) form.set("remoteip", ip);
  try {
    const res = await fetch(SITEVERIFY, { method: "POST", body: form });
    if (!res.ok) return false;
    const outcome = (await res.json()) as { success?: boolean };
    return outcome.success === true;
  } catch {
    return false;
  }
}
