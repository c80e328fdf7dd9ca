import type { CommentRow } from "../comments.ts";
import type { LikeRow } from "../likes.ts";
import type { ThreadRow } from "../threads.ts";
import { allRows, readBatch, typed } from "../batch.ts";
import { chunks } from "./rows.ts";

// The SQL of an export (issue 6): every thread of the site, then their comments and
// likes, a group of threads per query, reached from the JSON list of ids (rows.ts).

export function listSiteThreads(db: D1Database, site: string): Promise<ThreadRow[]> {
  return allRows(typed<ThreadRow>(db.prepare("SELECT * FROM threads WHERE site_key = ? ORDER BY page").bind(site)));
}

/** Comments and likes of these threads, a group of threads per query. */
export async function listThreadContents(db: D1Database, threadIds: number[]): Promise<{ comments: CommentRow[]; likes: LikeRow[] }> {
  const comments: CommentRow[] = [];
  const likes: LikeRow[] = [];
  for (const part of chunks(threadIds, 100)) {
    const ids = JSON.stringify(part);
    const [commentRows, likeRows] = await readBatch(db, [
      typed<CommentRow>(db.prepare("SELECT c.* FROM json_each(?1) AS j CROSS JOIN comments c ON c.thread_id = j.value").bind(ids)),
      typed<LikeRow>(
        db
          .prepare(
            `SELECT l.comment_id, l.reader_hash, l.ip_hash, l.created_at FROM json_each(?1) AS j
             CROSS JOIN comments c ON c.thread_id = j.value CROSS JOIN likes l ON l.comment_id = c.id
             ORDER BY l.comment_id, l.created_at, l.reader_hash, l.ip_hash`,
          )
          .bind(ids),
      ),
    ]);
    comments.push(...commentRows);
    likes.push(...likeRows);
  }
  return { comments, likes };
}
