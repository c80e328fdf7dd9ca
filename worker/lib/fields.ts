// Every limit a field of the API has, in one place: the worker's validation, the importers,
// the widget and the admin page import them from here, so they cannot drift apart. Pure
// constants: no Hono, no D1, no DOM (the widget bundles what it uses of this file).
// docs/api.md states the same limits for people.

/**
 * A site key. migrations/0001_create_tables.sql repeats this rule as the CHECK on
 * sites.key (`GLOB '[a-z0-9-]*' AND length(key) BETWEEN 1 AND 40`); migrations are
 * immutable, so a change here needs a new migration too.
 */
export const SITE_KEY_MAX = 40;
export const SITE_KEY_PATTERN = /^[a-z0-9-]{1,40}$/;

/** A page key, a thread's URL and an author's website, in characters. */
export const PAGE_MAX = 2000;
export const URL_MAX = 2000;
export const WEBSITE_MAX = 2000;

/** A thread title and an author name, in characters (after cleaning). */
export const TITLE_MAX = 300;
export const NAME_MAX = 80;

/** The longest e-mail address (RFC 5321's path limit). */
export const EMAIL_MAX = 254;

/** The longest comment body, in characters, wherever it comes from. */
export const BODY_MAX = 10_000;

/** A comment id as this API gives them out (nanoid), or as a reply's parentId names one. */
export const COMMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Top-level comments a page of a thread holds: at most, and when the reader asks nothing. */
export const PAGE_LIMIT_MAX = 200;
export const PAGE_LIMIT_DEFAULT = 50;

/** A paging cursor as given back, in characters. */
export const CURSOR_MAX = 500;

/** The most pages GET /counts counts in one request. */
export const COUNTS_PAGES_MAX = 100;

/** The owner's search text, in characters. */
export const SEARCH_MAX = 200;

/** The bot-trap fields of a new comment, in characters. */
export const FORM_TOKEN_MAX = 200;
export const HOMEPAGE_MAX = 2000;
export const TURNSTILE_TOKEN_MAX = 4096;

/** The widget's random reader id (a like's `reader`) and a reader's edit token. */
export const READER_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const EDIT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The largest request body each kind of route reads, in bytes: checked before the body is
 * parsed (worker/http/json-only.ts), so an oversized request costs nothing.
 */
export const BODY_BYTES = {
  like: 1024,
  /** Closing a thread, a ban, an erasure. */
  small: 4096,
  /** Moving or rewriting threads: a few page keys. */
  threads: 16 * 1024,
  /** A new comment, an edit, a preview: BODY_MAX characters of up to 4 bytes, and the fields around them. */
  comment: 64 * 1024,
  /** A site's settings, with its word lists. */
  site: 256 * 1024,
} as const;
