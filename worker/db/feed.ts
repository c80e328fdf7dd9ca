// What the Atom feeds read (worker/routes/feed.ts): the latest published comments of a site or
// of one thread, newest first, each with its thread. One query each, from the partial indexes of
// migrations/0014, so a feed reads about as many rows as it shows, whatever the site holds.
import type { CommentRow } from "./comments.ts";
import { typed, type Query } from "./batch.ts";

export const FEED_ENTRIES_MAX = 50;

export type FeedRow = Pick<CommentRow, "id" | "author_name" | "author_website" | "html" | "created_at" | "edited_at"> & {
  page: string;
  url: string | null;
  title: string | null;
};

const COLUMNS = "c.id, c.author_name, c.author_website, c.html, c.created_at, c.edited_at, t.page, t.url, t.title";

/** The site's latest published comments, all threads together. */
export function selectSiteFeed(db: D1Database, site: string): Query<FeedRow> {
  return typed(
    db
      .prepare(
        `SELECT ${COLUMNS} FROM comments c INDEXED BY comments_site_published JOIN threads t ON t.id = c.thread_id
         WHERE c.site_key = ?1 AND c.status = 'approved'
         ORDER BY c.created_at DESC, c.id DESC LIMIT ${FEED_ENTRIES_MAX}`,
      )
      .bind(site),
  );
}

/** One thread's latest published comments (none when the page has no thread yet). */
export function selectThreadFeed(db: D1Database, site: string, page: string): Query<FeedRow> {
  return typed(
    db
      .prepare(
        `SELECT ${COLUMNS} FROM comments c INDEXED BY comments_thread_published JOIN threads t ON t.id = c.thread_id
         WHERE c.thread_id = (SELECT id FROM threads WHERE site_key = ?1 AND page = ?2) AND c.status = 'approved'
         ORDER BY c.created_at DESC, c.id DESC LIMIT ${FEED_ENTRIES_MAX}`,
      )
      .bind(site, page),
  );
}
