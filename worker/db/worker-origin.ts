// The worker's own origin, as the last event saw it (migrations/0013): the links of mails that
// no request causes (the daily digest) need it.
import { firstRow, typed } from "./batch.ts";

/** Remembers the origin; writes only when it changed, so the usual event costs one read of the index. */
export function rememberOrigin(db: D1Database, origin: string, seenAt: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO worker_origin (id, origin, seen_at) VALUES (1, ?1, ?2)
       ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, seen_at = excluded.seen_at WHERE origin IS NOT excluded.origin`,
    )
    .bind(origin, seenAt);
}

export async function knownOrigin(db: D1Database): Promise<string | null> {
  const row = await firstRow(typed<{ origin: string }>(db.prepare("SELECT origin FROM worker_origin WHERE id = 1")));
  return row?.origin ?? null;
}
