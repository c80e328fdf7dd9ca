import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";

// D1 read replication (PLATFORM.md §9). A read route opens a session: with no bookmark its
// first query may go to the nearest replica; with the bookmark of an earlier answer it reads
// a replica at least as recent as that answer, so a writer who sends back the bookmark of their
// write reads it. Locally every session runs on the primary, and nothing checks bookmarks.

/** Request and answer header: the D1 bookmark of the answer, to send back with the next read. */
export const BOOKMARK_HEADER = "x-d1-bookmark";

/** What D1 bookmarks look like (`00000085-0000024c-00004c6d-8e61…`); anything else is ignored, never passed to D1. */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32,64}$/i;

/** The request's bookmark, if it looks like one. */
export function requestBookmark(c: Context<AppEnv>): string | null {
  const bookmark = c.req.header(BOOKMARK_HEADER)?.trim();
  return bookmark !== undefined && BOOKMARK.test(bookmark) ? bookmark : null;
}

export function openReadSession(c: Context<AppEnv>): D1DatabaseSession {
  return c.env.DB.withSession(requestBookmark(c) ?? "first-unconstrained");
}

/** Answers the session's bookmark; a read served without D1 hands back the one it was sent, if any. */
export function answerBookmark(c: Context<AppEnv>, session: D1DatabaseSession | null): void {
  const bookmark = session?.getBookmark() ?? requestBookmark(c);
  if (bookmark) c.header(BOOKMARK_HEADER, bookmark);
}

/**
 * Writes run in a session on the primary, and answer its bookmark: sent back with the next
 * read, it makes that read see the write even on a replica. The routes take `c.env.DB`, so the
 * session stands in for it for this request only (a copy of env; the isolate's stays as it is).
 * A session has the database's `prepare` and `batch`, all that write paths use.
 */
export const writeSession = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
  const session = c.env.DB.withSession("first-primary");
  c.env = { ...c.env, DB: session as unknown as D1Database };
  await next();
  const bookmark = session.getBookmark();
  if (bookmark) c.header(BOOKMARK_HEADER, bookmark);
});
