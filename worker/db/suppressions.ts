// Addresses a mail provider refused for good on a site (migrations/0011): a hard bounce, a
// complaint, an address that doesn't exist. Nothing is mailed to them again from that site.

export interface SuppressionRow {
  site_key: string;
  email_hash: string;
  reason: string;
  created_at: string;
}

/** The first refusal is the one kept: it is the provider's reason for all that followed. A deleted site gets none. */
export function insertSuppression(db: D1Database, site: string, emailHash: string, reason: string, at: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO suppressions (site_key, email_hash, reason, created_at)
       SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM sites WHERE key = ?1)`,
    )
    .bind(site, emailHash, reason, at);
}

export function findSuppression(db: D1Database, site: string, emailHash: string): Promise<SuppressionRow | null> {
  return db.prepare("SELECT * FROM suppressions WHERE site_key = ? AND email_hash = ?").bind(site, emailHash).first<SuppressionRow>();
}
