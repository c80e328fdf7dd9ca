// Deleting a site and everything it holds (issue 10, item 12): its threads, their comments and
// those comments' likes, its bans and its audit rows, its delivery log, subscribers and
// suppressions (issue 11; subscriptions go with their threads and subscribers), then the site itself. A big site can't be
// deleted in one statement (ON DELETE CASCADE would touch every row at once), so the work goes
// in steps of at most `batch` rows, children before parents, and one call does at most `steps`
// of them: a request's cost stays bounded, and the owner repeats the request until it is done.
// A table added later that holds a site's data must be added here too.

/** Rows one statement deletes at most. */
export const SITE_DELETE_BATCH = 1000;
/** Steps one call takes at most: each is up to four statements, so a call stays under the 50 D1 queries a request may make on the free plan. */
export const SITE_DELETE_STEPS = 10;

export interface SiteDeletion {
  /** True once the site row itself is gone. */
  done: boolean;
  deleted: {
    threads: number;
    comments: number;
    likes: number;
    bans: number;
    audit: number;
    deliveries: number;
    subscribers: number;
    suppressions: number;
  };
}

type Step = (db: D1Database, key: string, batch: number, deleted: SiteDeletion["deleted"]) => Promise<"more" | "next">;

/** The next thread of the site: its likes, then its comments deepest first (a reply before its parent), then the thread row. */
const threadStep: Step = async (db, key, batch, deleted) => {
  const thread = await db.prepare("SELECT id FROM threads WHERE site_key = ? LIMIT 1").bind(key).first<{ id: number }>();
  if (thread === null) return "next";
  const likes = await run(
    db.prepare(
      `DELETE FROM likes WHERE rowid IN (
         SELECT likes.rowid FROM comments JOIN likes ON likes.comment_id = comments.id WHERE comments.thread_id = ? LIMIT ?)`,
    ),
    thread.id,
    batch,
  );
  deleted.likes += likes;
  // Comments go only once their likes are gone, so the cascade from a comment to its likes is empty.
  if (likes === batch) return "more";
  const comments = await runCounted(
    db.prepare("DELETE FROM comments WHERE id IN (SELECT id FROM comments WHERE thread_id = ? ORDER BY depth DESC LIMIT ?) RETURNING 1"),
    thread.id,
    batch,
  );
  deleted.comments += comments;
  if (comments === batch) return "more";
  deleted.threads += await runCounted(db.prepare("DELETE FROM threads WHERE id = ? AND site_key = ? RETURNING 1"), thread.id, key);
  return "more";
};

const bansStep: Step = async (db, key, batch, deleted) => {
  const bans = await run(db.prepare("DELETE FROM bans WHERE rowid IN (SELECT rowid FROM bans WHERE site_key = ? LIMIT ?)"), key, batch);
  deleted.bans += bans;
  return bans === batch ? "more" : "next";
};

const auditStep: Step = async (db, key, batch, deleted) => {
  const audit = await run(db.prepare("DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE site_key = ? LIMIT ?)"), key, batch);
  deleted.audit += audit;
  return audit === batch ? "more" : "next";
};

/** The rows of one site-keyed table, `batch` at a time (by rowid, so any table works). */
function siteRowsStep(table: string, counter: "deliveries" | "subscribers" | "suppressions"): Step {
  return async (db, key, batch, deleted) => {
    const rows = await run(
      db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE site_key = ? LIMIT ?)`),
      key,
      batch,
    );
    deleted[counter] += rows;
    return rows === batch ? "more" : "next";
  };
}

// After the threads: a subscriber's subscriptions are gone with them, so its cascade is empty.
const deliveriesStep = siteRowsStep("deliveries", "deliveries");
const subscribersStep = siteRowsStep("subscribers", "subscribers");
const suppressionsStep = siteRowsStep("suppressions", "suppressions");

async function run(statement: D1PreparedStatement, ...values: (string | number)[]): Promise<number> {
  const { meta } = await statement.bind(...values).run();
  return meta.changes;
}

/**
 * The rows a `… RETURNING 1` statement deleted itself. For tables with triggers (comments and
 * threads bump the read versions, migrations/0015_add_read_versions.sql), D1's meta.changes
 * also counts the rows the triggers wrote.
 */
async function runCounted(statement: D1PreparedStatement, ...values: (string | number)[]): Promise<number> {
  const { results } = await statement.bind(...values).all();
  return results.length;
}

/** Deletes up to `steps` batches of the site's data; `done` once the site row is gone too. */
export async function deleteSiteData(
  db: D1Database,
  key: string,
  { batch = SITE_DELETE_BATCH, steps = SITE_DELETE_STEPS } = {},
): Promise<SiteDeletion> {
  const deleted = { threads: 0, comments: 0, likes: 0, bans: 0, audit: 0, deliveries: 0, subscribers: 0, suppressions: 0 };
  const stages = [threadStep, bansStep, auditStep, deliveriesStep, subscribersStep, suppressionsStep];
  let stage = 0;
  // A stage that finds nothing left hands over without using a step, so every call gets to the end.
  for (let step = 0; step < steps; ) {
    const current = stages[stage];
    if (current === undefined) {
      // Last, and only when nothing is left: a thread created meanwhile waits for the next call.
      const site = await run(
        db.prepare("DELETE FROM sites WHERE key = ? AND NOT EXISTS (SELECT 1 FROM threads WHERE site_key = ?)"),
        key,
        key,
      );
      return { done: site === 1, deleted };
    }
    if ((await current(db, key, batch, deleted)) === "next") stage += 1;
    else step += 1;
  }
  return { done: false, deleted };
}
