import { parseStoredSettings, type SiteSettings } from "../lib/settings.ts";
import { firstRow, typed, type D1Reader, type Query } from "./batch.ts";

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

export function selectSite(db: D1Reader, key: string): Query<SiteRow> {
  return typed(db.prepare("SELECT key, origins, settings, created_at FROM sites WHERE key = ?").bind(key));
}

/** The site, or null when there is none (worker/http/lookups.ts answers the 404). */
export async function findSite(db: D1Database, key: string): Promise<Site | null> {
  const row = await firstRow(selectSite(db, key));
  return row === null ? null : toSite(row);
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
