import type { ThreadInfo } from "../api-types.ts";

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

export function selectThread(db: D1Database, site: string, page: string): D1PreparedStatement {
  return db.prepare("SELECT * FROM threads WHERE site_key = ? AND page = ?").bind(site, page);
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

/** Keeps threads.comment_count equal to the thread's approved comments; batch it with the change. */
export function addToCount(db: D1Database, site: string, page: string, delta: number): D1PreparedStatement {
  return db
    .prepare("UPDATE threads SET comment_count = comment_count + ?3 WHERE site_key = ?1 AND page = ?2")
    .bind(site, page, delta);
}

/** Published counts of many pages: one index lookup a page, never the comments table. */
export function selectCounts(db: D1Database, site: string, pages: string[]): D1PreparedStatement {
  return db
    .prepare(
      `SELECT page, comment_count FROM threads
       WHERE site_key = ?1 AND page IN (SELECT value FROM json_each(?2))`,
    )
    .bind(site, JSON.stringify(pages));
}

/** `closed` comes from the caller, which also knows the site's close-after-days rule. */
export function toThreadInfo(row: ThreadRow | null, page: string, closed: boolean): ThreadInfo {
  if (row === null) return { page, title: null, url: null, count: 0, closed };
  return { page: row.page, title: row.title, url: row.url, count: row.comment_count, closed };
}

export function listThreads(db: D1Database, site: string): Promise<D1Result<ThreadRow>> {
  return db.prepare("SELECT * FROM threads WHERE site_key = ? ORDER BY created_at DESC").bind(site).all<ThreadRow>();
}

export function setClosed(db: D1Database, site: string, page: string, closed: boolean): D1PreparedStatement {
  return db.prepare("UPDATE threads SET closed = ?3 WHERE site_key = ?1 AND page = ?2").bind(site, page, closed ? 1 : 0);
}

/**
 * Sets the thread's count from its comments. Batched after an owner's or a reader's change,
 * it stays right even when two changes to one comment race (a +1/-1 computed from an
 * earlier read would not). `+status` keeps SQLite on the thread's index.
 */
export function recountThread(db: D1Database, threadId: number): D1PreparedStatement {
  return db
    .prepare("UPDATE threads SET comment_count = (SELECT count(*) FROM comments WHERE thread_id = ?1 AND +status = 'approved') WHERE id = ?1")
    .bind(threadId);
}
