import { auditStatement, type AuditEntry } from "../audit.ts";
import { allRows, typed } from "../batch.ts";
import { recountThreadIds } from "../recount.ts";
import type { ThreadAt, ThreadMove } from "../../lib/import/moves.ts";

// The SQL of moving threads to other page keys (issue 6): lib/import/moves.ts plans the
// renames and merges, this writes them in one batch with the recount and the audit row.
// Where the thread ids are known, `+site_key` keeps the planner on the primary key rather
// than the (site_key, page) index (test/worker/import-plans.test.ts).

export function findThreadsByPages(db: D1Database, site: string, pages: string[]): Promise<ThreadAt[]> {
  return allRows(
    typed<ThreadAt>(
      db
        .prepare(
          `SELECT t.id, t.page, t.url, t.created_at FROM json_each(?2) AS j
           CROSS JOIN threads t ON t.site_key = ?1 AND t.page = j.value`,
        )
        .bind(site, JSON.stringify(pages)),
    ),
  );
}

/** Threads whose page starts with the prefix: a range on the (site_key, page) index. */
export function findThreadsByPrefix(db: D1Database, site: string, prefix: string): Promise<ThreadAt[]> {
  return allRows(
    typed<ThreadAt>(
      db
        .prepare(
          `SELECT id, page, url, created_at FROM threads
           WHERE site_key = ?1 AND page >= ?2 AND page < ?2 || char(1114111) AND substr(page, 1, length(?2)) = ?2
           ORDER BY page`,
        )
        .bind(site, prefix),
    ),
  );
}

/**
 * One batch for a set of moves. Threads that take a new key are first parked on a key no
 * page can have (page keys are trimmed; this one starts with a space), so that two threads
 * may trade keys; merged threads hand their comments over and go.
 *
 * Comment paths need no change: a path orders a reply inside its top-level comment's
 * subtree (root_id) and embeds its creation time, and top-level comments are ordered by
 * created_at, so a merged thread reads in date order as it is.
 */
export function moveStatements(db: D1Database, site: string, move: ThreadMove, audit: AuditEntry): D1PreparedStatement[] {
  const renames = JSON.stringify(move.renames.map((rename) => [rename.id, rename.page, rename.url]));
  const merges = JSON.stringify(move.merges.map((merge) => [merge.from, merge.into]));
  return [
    db
      .prepare(`UPDATE threads SET page = ' moving:' || id WHERE +site_key = ?1 AND id IN (SELECT value->>0 FROM json_each(?2))`)
      .bind(site, renames),
    db
      .prepare(
        `UPDATE comments SET thread_id = (SELECT j.value->>1 FROM json_each(?1) AS j WHERE j.value->>0 = comments.thread_id)
         WHERE thread_id IN (SELECT value->>0 FROM json_each(?1))`,
      )
      .bind(merges),
    db.prepare("DELETE FROM threads WHERE +site_key = ?1 AND id IN (SELECT value->>0 FROM json_each(?2))").bind(site, merges),
    db
      .prepare(
        `UPDATE threads SET
           page = (SELECT j.value->>1 FROM json_each(?2) AS j WHERE j.value->>0 = threads.id),
           url = (SELECT j.value->>2 FROM json_each(?2) AS j WHERE j.value->>0 = threads.id)
         WHERE +site_key = ?1 AND id IN (SELECT value->>0 FROM json_each(?2))`,
      )
      .bind(site, renames),
    recountThreadIds(db, site, move.targets),
    auditStatement(db, audit),
  ];
}
