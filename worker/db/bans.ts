import { typed, type Query } from "./batch.ts";

export type BanKind = "email" | "ip" | "name";

export interface BanRow {
  site_key: string;
  kind: BanKind;
  value: string;
  created_at: string;
}

/** Names are banned as written, ignoring case. */
export function banValueForName(name: string): string {
  return name.trim().toLocaleLowerCase();
}

/** One row if any of the writer's e-mail hash, network hash or name is banned on the site. */
export function selectBanned(
  db: D1Database,
  site: string,
  writer: { emailHash: string | null; ipHash: string | null; name: string | null },
): Query<Pick<BanRow, "kind">> {
  return typed(
    db
      .prepare(
        `SELECT kind FROM bans WHERE site_key = ?1 AND (
           (kind = 'email' AND value = ?2) OR (kind = 'ip' AND value = ?3) OR (kind = 'name' AND value = ?4)) LIMIT 1`,
      )
      .bind(site, writer.emailHash ?? "", writer.ipHash ?? "", writer.name === null ? "" : banValueForName(writer.name)),
  );
}

export function listBans(db: D1Database, site: string): Promise<D1Result<BanRow>> {
  return db.prepare("SELECT * FROM bans WHERE site_key = ? ORDER BY created_at DESC").bind(site).all<BanRow>();
}

export function insertBan(db: D1Database, ban: BanRow): D1PreparedStatement {
  return db
    .prepare("INSERT OR IGNORE INTO bans (site_key, kind, value, created_at) VALUES (?, ?, ?, ?)")
    .bind(ban.site_key, ban.kind, ban.value, ban.created_at);
}

export function deleteBan(db: D1Database, site: string, kind: BanKind, value: string): D1PreparedStatement {
  return db.prepare("DELETE FROM bans WHERE site_key = ? AND kind = ? AND value = ?").bind(site, kind, value);
}
