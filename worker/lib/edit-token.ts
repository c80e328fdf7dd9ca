import { ApiError } from "./errors.ts";
import { sha256Hex } from "./hash.ts";

// A reader edits or deletes their own comment with the token its creation returned:
// the token must be the one whose hash the comment holds, and the edit window open.

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

export async function requireEditToken(
  authorization: string | undefined,
  comment: { edit_token_hash: string | null; created_at: string },
  windowMinutes: number,
  now = Date.now(),
): Promise<void> {
  const token = bearerToken(authorization);
  if (token === null) throw new ApiError(401, "token_required", "Send the comment's edit token as a Bearer token.");
  const given = new TextEncoder().encode(await sha256Hex(token));
  const stored = new TextEncoder().encode(comment.edit_token_hash ?? "");
  if (given.byteLength !== stored.byteLength || !crypto.subtle.timingSafeEqual(given, stored)) {
    throw new ApiError(401, "token_invalid", "This edit token is not the one for this comment.");
  }
  if (now > Date.parse(comment.created_at) + windowMinutes * 60_000) {
    throw new ApiError(403, "edit_window_over", `Comments can be changed for ${windowMinutes} minutes after posting.`);
  }
}

/** Where a reader sends the edit tokens they hold (space-separated) when reading a thread. */
export const OWN_TOKENS_HEADER = "Bascule-Tokens";

/** The hashes of the edit tokens a reader sent, to show them their own held comments. */
export async function tokenHashes(header: string | undefined): Promise<string[]> {
  const tokens = (header ?? "").split(/[\s,]+/).filter((token) => /^[A-Za-z0-9_-]{16,64}$/.test(token));
  return Promise.all(tokens.slice(0, 50).map(sha256Hex));
}
