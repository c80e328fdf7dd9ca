import type { CommentRow } from "../comments.ts";
import type { LikeRow } from "../likes.ts";
import type { ThreadRow } from "../threads.ts";
import type { ExportPage } from "../../lib/export/bascule.ts";
import { allRows, typed } from "../batch.ts";

// The SQL of an export (issues 6 and 10): the site's threads a page at a time with their
// comments, and the likes of those comments a page at a time, so a site of any size (a
// comment with 300,000 likes included) exports in bounded memory. lib/export writes the file
// as the pages come.

/** Threads a page holds; their comments come with them. */
export const EXPORT_THREADS = 100;
/** Like rows one query reads. */
export const EXPORT_LIKES = 2_000;

/** The comments of a page, with the count the likes' pages need. */
type ExportCommentRow = CommentRow & { imported_likes: number };

/** The site's threads in page order, EXPORT_THREADS at a time, each page with all its comments. */
export async function* exportPages(db: D1Database, site: string): AsyncGenerator<ExportPage & { comments: ExportCommentRow[] }> {
  let after = "";
  for (;;) {
    const threads = await allRows(
      typed<ThreadRow>(
        db.prepare("SELECT * FROM threads WHERE site_key = ?1 AND page > ?2 ORDER BY page LIMIT ?3").bind(site, after, EXPORT_THREADS),
      ),
    );
    if (threads.length === 0) return;
    const comments = await allRows(
      typed<ExportCommentRow>(
        threadComments(
          db,
          threads.map((thread) => thread.id),
        ),
      ),
    );
    yield { threads, comments };
    if (threads.length < EXPORT_THREADS) return;
    after = (threads.at(-1) as ThreadRow).page;
  }
}

export function threadComments(db: D1Database, threadIds: number[]): D1PreparedStatement {
  return db.prepare("SELECT c.* FROM json_each(?1) AS j CROSS JOIN comments c ON c.thread_id = j.value").bind(JSON.stringify(threadIds));
}

/**
 * The like rows of these comments, in the comments' order, each comment's by time. Comments
 * whose rows fit share a query of at most EXPORT_LIKES rows; a comment with more has its
 * own, read EXPORT_LIKES at a time from the likes_export index (comment_id, created_at).
 */
export async function* exportLikes(db: D1Database, comments: readonly CommentRow[]): AsyncGenerator<LikeRow[]> {
  let group: string[] = [];
  let rows = 0;
  const flush = async () => {
    const ids = group;
    group = [];
    rows = 0;
    return ids.length === 0 ? [] : await allRows(likesOfComments(db, ids));
  };
  for (const comment of comments as readonly ExportCommentRow[]) {
    // Imported counts have no rows (migrations/0008): only the rest are read.
    const stored = comment.likes - (comment.imported_likes ?? 0);
    if (stored <= 0) continue;
    if (group.length > 0 && rows + stored > EXPORT_LIKES) yield await flush();
    if (stored > EXPORT_LIKES) {
      yield* likesOfComment(db, comment.id);
      continue;
    }
    group.push(comment.id);
    rows += stored;
  }
  if (group.length > 0) yield await flush();
}

function likesOfComments(db: D1Database, ids: string[]) {
  return typed<LikeRow>(
    db
      .prepare(
        `SELECT l.comment_id, l.reader_hash, l.ip_hash, l.created_at FROM json_each(?1) AS j
         CROSS JOIN likes l ON l.comment_id = j.value ORDER BY j.key, l.created_at, l.rowid`,
      )
      .bind(JSON.stringify(ids)),
  );
}

async function* likesOfComment(db: D1Database, commentId: string): AsyncGenerator<LikeRow[]> {
  let after = { createdAt: "", position: 0 };
  for (;;) {
    const page = await allRows(
      typed<LikeRow & { position: number }>(
        db
          .prepare(
            `SELECT rowid AS position, comment_id, reader_hash, ip_hash, created_at FROM likes
             WHERE comment_id = ?1 AND (created_at, rowid) > (?2, ?3) ORDER BY created_at, rowid LIMIT ?4`,
          )
          .bind(commentId, after.createdAt, after.position, EXPORT_LIKES),
      ),
    );
    if (page.length > 0) yield page;
    if (page.length < EXPORT_LIKES) return;
    const last = page.at(-1) as LikeRow & { position: number };
    after = { createdAt: last.created_at, position: last.position };
  }
}
