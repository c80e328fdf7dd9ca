import type { FormCheck } from "./form-token.ts";

// The bot defences on a new comment, decided from what the route checked. A failed
// Turnstile check and an expired form are refused: a person can pass them on a second try.
// The other traps (the honeypot field, a missing, forged or too-fast form token) are named,
// and the comment is stored as spam and answered like a held one, so robots learn nothing.

export interface BotFacts {
  /** Whether the Turnstile answer verified; null when the site or the worker doesn't use Turnstile. */
  turnstile: boolean | null;
  form: FormCheck;
  /** The hidden field that only robots fill in was filled in. */
  honeypot: boolean;
}

export type BotVerdict = { refuse: "turnstile_failed" | "form_expired" } | { refuse: null; trap: string | null };

export function botVerdict(facts: BotFacts): BotVerdict {
  if (facts.turnstile === false) return { refuse: "turnstile_failed" };
  if (facts.form === "expired") return { refuse: "form_expired" };
  return { refuse: null, trap: facts.honeypot ? "honeypot" : facts.form === "ok" ? null : `form token ${facts.form}` };
}
