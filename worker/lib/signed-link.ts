// Signed links in mails (issue 11): the link is the credential, for one thing only. A token
// names its purpose and its subject (a comment for /moderate, a subscriber for
// /subscription) and when it expires, signed with a key derived from HASH_SALT. Nothing is
// stored: a forged, altered or expired token is refused by the signature and the time.

const encoder = new TextEncoder();

export type LinkPurpose = "moderate" | "subscription";

export interface LinkClaims {
  purpose: LinkPurpose;
  /** What the link acts on: a comment id or a subscriber id (URL-safe, no dot). */
  subject: string;
  /** Unix milliseconds. */
  expiresAt: number;
  /** An optional second id: the subscription a "this thread" unsubscribe names. */
  detail?: string;
}

async function hmac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(`signed-link:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(text))));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
}

const signedText = (claims: LinkClaims) =>
  [claims.purpose, claims.subject, claims.detail ?? "", claims.expiresAt.toString(36)].join("\u0000");

export async function signLink(secret: string, claims: LinkClaims): Promise<string> {
  return [claims.subject, claims.detail ?? "", claims.expiresAt.toString(36), await hmac(secret, signedText(claims))].join(".");
}

export type LinkVerdict = { ok: true; claims: LinkClaims } | { ok: false; reason: "forged" | "expired" };

export async function checkLink(secret: string, purpose: LinkPurpose, token: string, now: number): Promise<LinkVerdict> {
  const [subject, detail, expires, signature, extra] = token.split(".");
  if (!subject || detail === undefined || !expires || !signature || extra !== undefined) return { ok: false, reason: "forged" };
  const claims: LinkClaims = { purpose, subject, expiresAt: Number.parseInt(expires, 36), ...(detail ? { detail } : {}) };
  if (!(await timingSafeEqualText(signature, await hmac(secret, signedText(claims))))) return { ok: false, reason: "forged" };
  if (!(claims.expiresAt > now)) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

async function timingSafeEqualText(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([a, b].map((text) => crypto.subtle.digest("SHA-256", encoder.encode(text))));
  return crypto.subtle.timingSafeEqual(left as ArrayBuffer, right as ArrayBuffer);
}
