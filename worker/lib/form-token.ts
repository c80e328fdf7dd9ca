// The signed, expiring form token behind the "too fast" bot trap. The thread read hands
// one out when the form appears; a comment sent sooner than the site's minimum after it,
// or without a valid one, is stored as spam. The client can't forge the time: it is
// signed with a key derived from the worker's HASH_SALT secret.

const encoder = new TextEncoder();
export const FORM_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

async function hmac(secret: string, payload: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(`form-token:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(payload));
  return btoa(String.fromCharCode(...new Uint8Array(signature)))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
}

export async function signFormToken(secret: string, site: string, issuedAt: number): Promise<string> {
  const payload = `${site}.${issuedAt.toString(36)}`;
  return `${payload}.${await hmac(secret, payload)}`;
}

export type FormCheck = "ok" | "missing" | "forged" | "too_fast" | "expired";

export async function checkFormToken(
  secret: string,
  token: string | undefined,
  site: string,
  minSeconds: number,
  now = Date.now(),
): Promise<FormCheck> {
  if (!token) return "missing";
  const [tokenSite, issued, signature] = token.split(".");
  if (tokenSite !== site || issued === undefined || signature === undefined) return "forged";
  const expected = await hmac(secret, `${tokenSite}.${issued}`);
  const a = encoder.encode(signature);
  const b = encoder.encode(expected);
  if (a.byteLength !== b.byteLength || !crypto.subtle.timingSafeEqual(a, b)) return "forged";
  const age = now - parseInt(issued, 36);
  if (age < minSeconds * 1000) return "too_fast";
  if (age > FORM_TOKEN_LIFETIME_MS) return "expired";
  return "ok";
}
