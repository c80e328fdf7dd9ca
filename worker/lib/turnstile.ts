// Optional Cloudflare Turnstile: when a site has a site key and the worker has the
// TURNSTILE_SECRET secret, the answer the widget got must verify before a comment is stored.

const SITEVERIFY = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

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
