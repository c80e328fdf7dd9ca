import { ApiError } from "../lib/errors.ts";
import { parseStoredSettings, type SiteSettings } from "../lib/settings.ts";

export interface SiteRow {
  key: string;
  origins: string;
  settings: string;
  created_at: string;
}

export interface Site {
  key: string;
  origins: string[];
  settings: SiteSettings;
}

export function selectSite(db: D1Database, key: string): D1PreparedStatement {
  return db.prepare("SELECT key, origins, settings, created_at FROM sites WHERE key = ?").bind(key);
}

/** The site read from D1, or API.md's 404 naming it. */
export function requireSite(row: SiteRow | null | undefined, key: string): Site {
  if (!row) throw new ApiError(404, "site_not_found", `There is no site "${key}".`, "site");
  return toSite(row);
}

export async function findSite(db: D1Database, key: string): Promise<Site> {
  return requireSite(await selectSite(db, key).first<SiteRow>(), key);
}

/** The site columns a comment lookup joins in (findCommentInSite). */
export function siteOfComment(comment: { site_key: string; origins: string; settings: string }): Site {
  return toSite({ key: comment.site_key, origins: comment.origins, settings: comment.settings, created_at: "" });
}

export function toSite(row: SiteRow): Site {
  return { key: row.key, origins: JSON.parse(row.origins) as string[], settings: parseStoredSettings(row.settings) };
}

export function listSites(db: D1Database): Promise<D1Result<SiteRow>> {
  return db.prepare("SELECT key, origins, settings, created_at FROM sites ORDER BY key").all<SiteRow>();
}

/**
 * A site as written to D1. Settings may hold only some fields (a Bascule export's site
 * brings what it had): parseStoredSettings gives the rest their defaults on read.
 */
export interface SiteToStore {
  key: string;
  origins: readonly string[];
  settings: Readonly<Record<string, unknown>>;
}

export function insertSite(db: D1Database, site: SiteToStore, createdAt: string): D1PreparedStatement {
  return db
    .prepare("INSERT INTO sites (key, origins, settings, created_at) VALUES (?, ?, ?, ?)")
    .bind(site.key, JSON.stringify(site.origins), JSON.stringify(site.settings), createdAt);
}

export function updateSite(db: D1Database, site: SiteToStore): D1PreparedStatement {
  return db
    .prepare("UPDATE sites SET origins = ?2, settings = ?3 WHERE key = ?1")
    .bind(site.key, JSON.stringify(site.origins), JSON.stringify(site.settings));
}
