// Everything the widget remembers lives in localStorage (never cookies). Storage may be
// missing or throw (Safari private mode, blocked third-party storage, quota): every
// access is wrapped, and the widget works without it.
//
//   bascule:author  the name, e-mail and website last posted with, to pre-fill the form
//   bascule:tokens  comment id → Held, for the comments this reader posted
//   bascule:reader  a random id, so that one like per reader holds without cookies
//   bascule:liked   ids of the comments this reader liked
//   bascule:sort    the order the reader chose

export interface AuthorFields {
  name: string;
  email: string;
  website: string;
}

/** What the reader keeps of a comment they posted: its edit token, and the text they typed. */
export interface Held {
  token: string;
  /** Edit and delete are offered until then (`editableUntil`). */
  until: string;
  /** The Markdown source, to edit from: the public API only returns HTML. */
  body?: string;
}

export type Tokens = Record<string, Held>;

const TOKENS_KEY = "bascule:tokens";
/**
 * Tokens outlive their edit window: the thread read sends them (`Bascule-Tokens`) so the
 * reader keeps seeing their own comment while it is held for moderation. They are saved
 * by embed-extra.js (widget/extra/tokens.ts), which posts, edits and deletes.
 */
const KEEP_MS = 30 * 86400_000;

export function read<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "null") as T | null;
  } catch {
    return null;
  }
}

export function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to do: the reader simply types their name again next time.
  }
}

export function readAuthor(): AuthorFields {
  const saved = read<Partial<AuthorFields>>("bascule:author");
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return { name: text(saved?.name), email: text(saved?.email), website: text(saved?.website) };
}

/**
 * The tokens held. Those older than 30 days, and whatever else is stored there (an older
 * format, a hand edit), are dropped from storage on the way.
 */
export function readTokens(now = Date.now()): Tokens {
  const tokens: Tokens = {};
  const stored = Object.entries(read<Tokens>(TOKENS_KEY) ?? {});
  for (const [id, held] of stored) {
    if (typeof held?.token === "string" && Date.parse(held.until) + KEEP_MS > now) tokens[id] = held;
  }
  if (Object.keys(tokens).length < stored.length) write(TOKENS_KEY, tokens);
  return tokens;
}

/** Edit and delete are offered while the window is open; the server checks again. */
export function editable(held: Held | undefined, now = Date.now()): held is Held {
  return Date.parse(held?.until ?? "") > now;
}
