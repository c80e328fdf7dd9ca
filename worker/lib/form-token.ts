// The signed, expiring form token behind the "too fast" bot trap. The thread read hands
// one out when the form appears; a comment sent sooner than the site's minimum after it,
// or without a valid one, is stored as spam. The client can't forge the time: it is
// signed with a key derived from the worker's HASH_SALT secret.
//
// A token is bound to the page it was read for (the page key is signed, not carried), and
// carries at most FORM_USES_MAX comments (issue 10, item 10). Counting needs state: a
// counter signed into the token can't stop an old copy being replayed, so each token has a
// random nonce and D1 counts the comments per nonce (db/form-uses.ts). Each POST answers a
// fresh token with the same nonce and a new time, for the next comment from that form: the
// count goes on, and an old copy replayed counts against the same row.

const encoder = new TextEncoder();
export const FORM_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Comments one form token (and the fresh ones each POST answers for it) can carry. */
export const FORM_USES_MAX = 5;

async function hmac(secret: string, payload: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(`form-token:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(payload));
  return base64url(new Uint8Array(signature));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
}

export interface FormClaims {
  site: string;
  /** The normalised page key: signed, not carried, so the token is good for this page only. */
  page: string;
  issuedAt: number;
  /** Names the count of comments; a new one when left out (a thread read). */
  nonce?: string;
}

/** The signed text: NUL can't be in a site or page key, so no two claims sign the same text. */
const signed = (site: string, page: string, nonce: string, issued: string) => `${site}\u0000${page}\u0000${nonce}\u0000${issued}`;

export async function signFormToken(secret: string, claims: FormClaims): Promise<string> {
  const nonce = claims.nonce ?? base64url(crypto.getRandomValues(new Uint8Array(12)));
  const issued = claims.issuedAt.toString(36);
  return `${claims.site}.${nonce}.${issued}.${await hmac(secret, signed(claims.site, claims.page, nonce, issued))}`;
}

export type FormCheck = "ok" | "missing" | "forged" | "too_fast" | "expired" | "used_up";

/** The check, and the nonce of a genuine token that is still good (whose use the caller counts). */
export interface FormVerdict {
  check: FormCheck;
  nonce: string | null;
}

export async function checkFormToken(
  secret: string,
  token: string | undefined,
  where: { site: string; page: string },
  minSeconds: number,
  now = Date.now(),
): Promise<FormVerdict> {
  if (!token) return { check: "missing", nonce: null };
  const [site, nonce, issued, signature, extra] = token.split(".");
  if (site !== where.site || nonce === undefined || issued === undefined || signature === undefined || extra !== undefined) {
    return { check: "forged", nonce: null };
  }
  const a = encoder.encode(signature);
  const b = encoder.encode(await hmac(secret, signed(site, where.page, nonce, issued)));
  if (a.byteLength !== b.byteLength || !crypto.subtle.timingSafeEqual(a, b)) return { check: "forged", nonce: null };
  const age = now - parseInt(issued, 36);
  if (age > FORM_TOKEN_LIFETIME_MS) return { check: "expired", nonce: null };
  return { check: age < minSeconds * 1000 ? "too_fast" : "ok", nonce };
}
