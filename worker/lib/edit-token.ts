import { sha256Hex } from "./hash.ts";
import { MAX_READER_TOKENS } from "./reader-tokens.ts";
import { EDIT_TOKEN_PATTERN } from "./fields.ts";

// A reader edits or deletes their own comment with the token its creation returned:
// the token must be the one whose hash the comment holds, and the edit window open.
// The check returns a verdict; worker/http/lookups.ts turns a refusal into API.md's error.

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

/** Why an edit or deletion is refused, or "ok". */
export type EditCheck = "ok" | "token_required" | "token_invalid" | "edit_window_over";

export async function checkEditToken(
  authorization: string | undefined,
  comment: { edit_token_hash: string | null; created_at: string },
  windowMinutes: number,
  now = Date.now(),
): Promise<EditCheck> {
  const token = bearerToken(authorization);
  if (token === null) return "token_required";
  const given = new TextEncoder().encode(await sha256Hex(token));
  const stored = new TextEncoder().encode(comment.edit_token_hash ?? "");
  if (given.byteLength !== stored.byteLength || !crypto.subtle.timingSafeEqual(given, stored)) return "token_invalid";
  if (now > Date.parse(comment.created_at) + windowMinutes * 60_000) return "edit_window_over";
  return "ok";
}

/** The hashes of the edit tokens a reader sent, to show them their own held comments. */
export async function tokenHashes(header: string | undefined): Promise<string[]> {
  const tokens = (header ?? "").split(/[\s,]+/).filter((token) => EDIT_TOKEN_PATTERN.test(token));
  return Promise.all(tokens.slice(0, MAX_READER_TOKENS).map(sha256Hex));
}
