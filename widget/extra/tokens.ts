import { MAX_READER_TOKENS } from "../../worker/lib/reader-tokens.ts";
import { readTokens, write, type Held } from "../storage.ts";

// The thread read sends every token held (`Bascule-Tokens`), of which the worker reads the
// first MAX_READER_TOKENS: keeping more would send tokens it never reads.

/** Keeps (or, without `held`, forgets) a comment's token; the newest 50 are kept, none older than 30 days. */
export function saveToken(id: string, held?: Held, now = Date.now()): void {
  const { [id]: _, ...others } = readTokens(now);
  const entries = Object.entries(held ? { ...others, [id]: held } : others);
  write("bascule:tokens", Object.fromEntries(entries.sort((a, b) => b[1].until.localeCompare(a[1].until)).slice(0, MAX_READER_TOKENS)));
}
