import { firstRow, typed, type D1Reader, type Query } from "./batch.ts";

// The versions that cached reads are keyed by (worker/http/read-cache.ts). Triggers of
// migrations/0015_add_read_versions.sql keep them; nothing here writes them.

/** What a thread read's cache key needs: one row by primary key, one by the UNIQUE (site_key, page) index. */
export interface ThreadVersionsRow {
  site_version: number;
  origins: string;
  thread_id: number | null;
  thread_version: number | null;
}

export function selectThreadVersions(db: D1Reader, site: string, page: string): Query<ThreadVersionsRow> {
  return typed(
    db
      .prepare(
        `SELECT s.version AS site_version, s.origins, t.id AS thread_id, t.version AS thread_version
         FROM sites s LEFT JOIN threads t ON t.site_key = s.key AND t.page = ?2
         WHERE s.key = ?1`,
      )
      .bind(site, page),
  );
}

/** Null when there is no such site: the route then answers its 404, which is never cached. */
export function findThreadVersions(db: D1Reader, site: string, page: string): Promise<ThreadVersionsRow | null> {
  return firstRow(selectThreadVersions(db, site, page));
}

/** What the counts' cache key needs: one row by primary key. */
export interface SiteVersionsRow {
  site_version: number;
  count_version: number;
  origins: string;
}

export function findSiteVersions(db: D1Reader, site: string): Promise<SiteVersionsRow | null> {
  return firstRow(
    typed<SiteVersionsRow>(db.prepare("SELECT version AS site_version, count_version, origins FROM sites WHERE key = ?").bind(site)),
  );
}
