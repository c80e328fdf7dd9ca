export interface AuditEntry {
  actor: string;
  action: string;
  site: string | null;
  commentId?: string | null;
  before?: string | null;
  after?: string | null;
  detail?: unknown;
}

/** An audit row; batch it with the change it records. */
export function auditStatement(db: D1Database, entry: AuditEntry): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit (at, actor, action, site_key, comment_id, before_status, after_status, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      new Date().toISOString(),
      entry.actor,
      entry.action,
      entry.site,
      entry.commentId ?? null,
      entry.before ?? null,
      entry.after ?? null,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
    );
}
