import { typed, type Query } from "./batch.ts";

// The comments each form token has carried (lib/form-token.ts, migrations/0009).

/**
 * Counts one more comment for the nonce, if it has carried fewer than `max`: a row with
 * the new count, or none when the token is used up. One statement, so two posts at once
 * can't both take the last use.
 */
export function claimFormUse(db: D1Database, nonce: string, max: number, expiresAt: string): Query<{ uses: number }> {
  return typed(
    db
      .prepare(
        `INSERT INTO form_uses (nonce, uses, expires_at) VALUES (?1, 1, ?3)
         ON CONFLICT (nonce) DO UPDATE SET uses = uses + 1, expires_at = excluded.expires_at WHERE uses < ?2
         RETURNING uses`,
      )
      .bind(nonce, max, expiresAt),
  );
}

/** A few expired rows go with each claim, so the table stays as small as the tokens in use. */
export function dropExpiredFormUses(db: D1Database, now: string): D1PreparedStatement {
  return db.prepare("DELETE FROM form_uses WHERE nonce IN (SELECT nonce FROM form_uses WHERE expires_at < ?1 LIMIT 10)").bind(now);
}
