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

export function toSite(row: SiteRow): Site {
  return { key: row.key, origins: JSON.parse(row.origins) as string[], settings: parseStoredSettings(row.settings) };
}
