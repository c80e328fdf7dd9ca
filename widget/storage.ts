// Everything the widget remembers lives in localStorage (never cookies). Storage may be
// missing or throw (Safari private mode, blocked third-party storage, quota): every
// access is wrapped, and the widget works without it.

export interface AuthorFields {
  name: string;
  email: string;
  website: string;
}

const AUTHOR_KEY = "bascule:author";
const TOKENS_KEY = "bascule:tokens";

type Tokens = Record<string, { token: string; until: string }>;

function read<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text === null ? null : (JSON.parse(text) as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to do: the reader simply types their name again next time.
  }
}

export function readAuthor(): AuthorFields {
  const saved = read<Partial<AuthorFields>>(AUTHOR_KEY);
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return { name: text(saved?.name), email: text(saved?.email), website: text(saved?.website) };
}

export function saveAuthor(author: AuthorFields): void {
  write(AUTHOR_KEY, author);
}

/** Keeps a comment's edit token until its edit window ends; expired ones are dropped on the way. */
export function saveToken(commentId: string, token: string, until: string, now = Date.now()): void {
  const tokens: Tokens = {};
  for (const [id, entry] of Object.entries(read<Tokens>(TOKENS_KEY) ?? {})) {
    // Whatever else is stored there (an older format, a hand edit) must not break posting.
    if (typeof entry?.until === "string" && Date.parse(entry.until) > now) tokens[id] = entry;
  }
  tokens[commentId] = { token, until };
  write(TOKENS_KEY, tokens);
}

export function readTokens(): Tokens {
  return read<Tokens>(TOKENS_KEY) ?? {};
}
