// Dropping old IP hashes (issue 10, item 13). A salted IP hash is a pseudonym: whoever holds
// the salt can reverse an IPv4 one with 2³² hashes. Comments and likes keep theirs for the
// site's `ipRetentionDays`, then the cron sets them to NULL; bans keep theirs. Each statement
// changes at most `batch` rows and one run makes at most `steps` statements, through the
// partial indexes of migration 0010 (only the hashes still kept): a backlog is worked off
// over the next runs, never in one unbounded statement.

export const RETENTION_BATCH = 1000;
export const RETENTION_STEPS = 40;

export interface RetentionRun {
  comments: number;
  likes: number;
  /** False when the step budget ran out before every site was done. */
  done: boolean;
}

const DROP_FROM_COMMENTS = `UPDATE comments SET ip_hash = NULL WHERE rowid IN (
  SELECT comments.rowid FROM comments INDEXED BY comments_ip_kept JOIN threads ON threads.id = comments.thread_id
  WHERE comments.ip_hash IS NOT NULL AND comments.created_at < ? AND threads.site_key = ? LIMIT ?)`;

const DROP_FROM_LIKES = `UPDATE likes SET ip_hash = NULL WHERE rowid IN (
  SELECT likes.rowid FROM likes INDEXED BY likes_ip_kept
    JOIN comments ON comments.id = likes.comment_id JOIN threads ON threads.id = comments.thread_id
  WHERE likes.ip_hash IS NOT NULL AND likes.created_at < ? AND threads.site_key = ? LIMIT ?)`;

/** Drops the IP hashes older than each site's retention, as of `now`. */
export async function dropExpiredIpHashes(
  db: D1Database,
  sites: readonly { key: string; retentionDays: number }[],
  now: number,
  { batch = RETENTION_BATCH, steps = RETENTION_STEPS } = {},
): Promise<RetentionRun> {
  const run: RetentionRun = { comments: 0, likes: 0, done: true };
  let left = steps;
  for (const site of sites) {
    const cutoff = new Date(now - site.retentionDays * 86_400_000).toISOString();
    for (const [sql, table] of [
      [DROP_FROM_COMMENTS, "comments"],
      [DROP_FROM_LIKES, "likes"],
    ] as const) {
      let changed = batch;
      while (changed === batch) {
        if (left === 0) return { ...run, done: false };
        left -= 1;
        ({ changes: changed } = (await db.prepare(sql).bind(cutoff, site.key, batch).run()).meta);
        run[table] += changed;
      }
    }
  }
  return run;
}
