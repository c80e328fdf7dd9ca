import type { ThreadInfo } from "../api-types.ts";
import { typed, type D1Reader, type Query } from "./batch.ts";

export interface ThreadRow {
  id: number;
  site_key: string;
  page: string;
  url: string | null;
  title: string | null;
  created_at: string;
  closed: number;
  comment_count: number;
  /** Where an imported thread came from (migrations/0004); null for one begun here. */
  source: string | null;
  source_id: string | null;
}

export function selectThread(db: D1Reader, site: string, page: string): Query<ThreadRow> {
  return typed(db.prepare("SELECT * FROM threads WHERE site_key = ? AND page = ?").bind(site, page));
}

/** Creates the thread on its first comment; the first url and title given are kept. */
export function upsertThread(
  db: D1Database,
  thread: { site: string; page: string; url: string | null; title: string | null; now: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO threads (site_key, page, url, title, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (site_key, page) DO UPDATE SET
         url = coalesce(threads.url, excluded.url), title = coalesce(threads.title, excluded.title)`,
    )
    .bind(thread.site, thread.page, thread.url, thread.title, thread.now);
}

export type PageCount = Pick<ThreadRow, "page" | "comment_count">;

/** Published counts of many pages: one index lookup a page, never the comments table. */
export function selectCounts(db: D1Reader, site: string, pages: string[]): Query<PageCount> {
  return typed(
    db
      .prepare(
        `SELECT page, comment_count FROM threads
         WHERE site_key = ?1 AND page IN (SELECT value FROM json_each(?2))`,
      )
      .bind(site, JSON.stringify(pages)),
  );
}

/** `closed` comes from the caller, which also knows the site's close-after-days rule; `feed` is the thread feed's URL (lib/atom.ts feedUrl). */
export function toThreadInfo(row: ThreadRow | null, page: string, closed: boolean, feed: string): ThreadInfo {
  if (row === null) return { page, title: null, url: null, count: 0, closed, feed };
  return { page: row.page, title: row.title, url: row.url, count: row.comment_count, closed, feed };
}

export function listThreads(db: D1Database, site: string): Promise<D1Result<ThreadRow>> {
  return db.prepare("SELECT * FROM threads WHERE site_key = ? ORDER BY created_at DESC").bind(site).all<ThreadRow>();
}

export function setClosed(db: D1Database, site: string, page: string, closed: boolean): D1PreparedStatement {
  return db.prepare("UPDATE threads SET closed = ?3 WHERE site_key = ?1 AND page = ?2").bind(site, page, closed ? 1 : 0);
}

/** The owner's correction of a thread's title and URL (issue 10, item 8); a field left undefined stays. */
export function setThreadMeta(
  db: D1Database,
  thread: { site: string; page: string; title?: string | null; url?: string | null },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE threads SET title = CASE WHEN ?3 THEN ?4 ELSE title END, url = CASE WHEN ?5 THEN ?6 ELSE url END
       WHERE site_key = ?1 AND page = ?2`,
    )
    .bind(
      thread.site,
      thread.page,
      thread.title !== undefined ? 1 : 0,
      thread.title ?? null,
      thread.url !== undefined ? 1 : 0,
      thread.url ?? null,
    );
}
