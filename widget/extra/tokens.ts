import { readTokens, write, type Held } from "../storage.ts";

/** The worker reads at most 50 tokens from the `Bascule-Tokens` header (worker/lib/edit-token.ts). */
const MAX_TOKENS = 50;

/** Keeps (or, without `held`, forgets) a comment's token; the newest 50 are kept, none older than 30 days. */
export function saveToken(id: string, held?: Held, now = Date.now()): void {
  const { [id]: _, ...others } = readTokens(now);
  const entries = Object.entries(held ? { ...others, [id]: held } : others);
  write("bascule:tokens", Object.fromEntries(entries.sort((a, b) => b[1].until.localeCompare(a[1].until)).slice(0, MAX_TOKENS)));
}
