// The counts stored beside what they count, so read paths never count: threads.comment_count
// is the number of the thread's approved comments, comments.likes the number of the
// comment's likes. Each statement here is batched with the change it follows (a D1 batch is
// one transaction), so a count is never seen out of step. A count is set from its rows
// rather than moved by +1/-1 from an earlier read: it stays right when two changes to one
// comment race. test/worker/import-plans.test.ts and query-plans.test.ts check the plans.

/**
 * The rule, written once: the approved comments of the thread whose id is `thread` (an SQL
 * expression). `+c.status` keeps SQLite on the thread's index rather than the status index,
 * which spans every site.
 */
const approvedComments = (thread: string) => `(SELECT count(*) FROM comments c WHERE c.thread_id = ${thread} AND +c.status = 'approved')`;

/** After an owner's or a reader's change to one comment of the thread. */
export function recountThread(db: D1Database, threadId: number): D1PreparedStatement {
  return db.prepare(`UPDATE threads SET comment_count = ${approvedComments("?1")} WHERE id = ?1`).bind(threadId);
}

/** After an import wrote comments into these pages of the site. */
export function recountPages(db: D1Database, site: string, pages: string[]): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE threads SET comment_count = ${approvedComments("threads.id")}
       WHERE site_key = ?1 AND page IN (SELECT value FROM json_each(?2))`,
    )
    .bind(site, JSON.stringify(pages));
}

/** After a move handed comments to these threads of the site (`+site_key`: the ids are known, keep to the primary key). */
export function recountThreadIds(db: D1Database, site: string, threadIds: number[]): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE threads SET comment_count = ${approvedComments("threads.id")}
       WHERE +site_key = ?1 AND id IN (SELECT value FROM json_each(?2))`,
    )
    .bind(site, JSON.stringify(threadIds));
}

/**
 * A new comment published on the thread named by site and page (created earlier in the
 * same batch). Adding is safe here, unlike for a change: the row is new, so no earlier read
 * can be stale, and it spares counting the thread on every post.
 */
export function addToCount(db: D1Database, site: string, page: string, delta: number): D1PreparedStatement {
  return db.prepare("UPDATE threads SET comment_count = comment_count + ?3 WHERE site_key = ?1 AND page = ?2").bind(site, page, delta);
}

/** After a like was recorded (or ignored as a repeat); answers the comment's count: its like rows plus the count an import brought (migrations/0008). */
export function recountLikes(db: D1Database, commentId: string): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE comments SET likes = imported_likes + (SELECT count(*) FROM likes WHERE comment_id = ?1) WHERE id = ?1 RETURNING likes",
    )
    .bind(commentId);
}
