// What the owner's daily digest reads (notify/owner.ts): the comments of a window, for many sites
// at once. Each query scans the comments_status index over the window only, so a run reads the
// comments of one day, whatever the sites hold; the list is cut per site in SQL.
import { allRows, typed } from "./batch.ts";

export interface DigestCount {
  site_key: string;
  status: "pending" | "approved" | "spam";
  n: number;
}

/** How many readers' comments of the window each site has, by status (the owner's own replies are not counted). */
export function countByStatus(db: D1Database, sites: readonly string[], since: string, until: string): Promise<DigestCount[]> {
  return allRows(
    typed<DigestCount>(
      db
        .prepare(
          `SELECT t.site_key, c.status, count(*) AS n
           FROM comments c JOIN threads t ON t.id = c.thread_id
           WHERE c.status IN ('pending', 'approved', 'spam') AND c.created_at > ?1 AND c.created_at <= ?2 AND c.by_owner = 0
             AND t.site_key IN (SELECT value FROM json_each(?3))
           GROUP BY t.site_key, c.status`,
        )
        .bind(since, until, JSON.stringify(sites)),
    ),
  );
}

export interface WaitingRow {
  id: string;
  site_key: string;
  author_name: string | null;
  body: string;
  created_at: string;
  page: string;
  title: string | null;
}

/** The held comments of the window, oldest first, at most `perSite` for each site. */
export function listWaiting(
  db: D1Database,
  sites: readonly string[],
  since: string,
  until: string,
  perSite: number,
): Promise<WaitingRow[]> {
  return allRows(
    typed<WaitingRow>(
      db
        .prepare(
          `SELECT id, site_key, author_name, body, created_at, page, title FROM (
             SELECT c.id, t.site_key, c.author_name, c.body, c.created_at, t.page, t.title,
               row_number() OVER (PARTITION BY t.site_key ORDER BY c.created_at, c.id) AS rank
             FROM comments c JOIN threads t ON t.id = c.thread_id
             WHERE c.status = 'pending' AND c.created_at > ?1 AND c.created_at <= ?2
               AND t.site_key IN (SELECT value FROM json_each(?3))
           ) WHERE rank <= ?4 ORDER BY site_key, rank`,
        )
        .bind(since, until, JSON.stringify(sites), perSite),
    ),
  );
}

/** Which of these deliveries are in the log already: a digest run twice in a day queues nothing twice. */
export async function loggedDeliveryIds(db: D1Database, ids: readonly string[]): Promise<Set<string>> {
  const rows = await allRows(
    typed<{ id: string }>(db.prepare("SELECT id FROM deliveries WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(ids))),
  );
  return new Set(rows.map((row) => row.id));
}
