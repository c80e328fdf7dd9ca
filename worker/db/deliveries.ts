// The delivery log (migrations/0011, 0012): one row for every mail and webhook, written when it
// is queued and updated by each attempt. Owner routes read it; no public route ever does.
import type { AdminDelivery } from "../api-types.ts";
import { allRows, typed } from "./batch.ts";
import { cutPage, fetchCount, type Page, type PageCursor } from "./paging.ts";

export type DeliveryChannel = "email" | "resend" | "postmark" | "mailgun" | "webhook";
export type DeliveryStatus = "queued" | "sent" | "failed" | "suppressed";

/** A mail as it will be sent: built when queued, so every attempt sends the same. */
export interface MailPayload {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe (RFC 8058). */
  headers?: Record<string, string>;
}

/** A webhook call: signed at each attempt, with the time of that attempt. */
export interface WebhookPayload {
  url: string;
  secret: string;
  contentType: string;
  body: string;
  /** Extra headers of the format (ntfy's Title, Tags, Click), all ASCII (RFC 2047 words where needed). */
  headers?: Record<string, string>;
}

export interface NewDelivery {
  id: string;
  site: string;
  /** What it is: owner.comment, owner.digest, reader.confirm, reader.reply, reader.approved, test, webhook. */
  kind: string;
  channel: "email" | "webhook";
  to: string;
  /** Salted hash of an e-mail recipient (throttle, suppression); null for a webhook. */
  toHash: string | null;
  payload: MailPayload | WebhookPayload;
}

export interface DeliveryRow {
  id: string;
  site_key: string;
  kind: string;
  channel: DeliveryChannel;
  to_address: string;
  to_hash: string | null;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** When the throttle held it back for the hourly gathered mail (migrations/0012). */
  gathered_at: string | null;
  /** The reader.gathered delivery that carries it. */
  gathered_into: string | null;
}

/** Queues a delivery once: the same id again (a retried event) changes nothing. */
export function insertDelivery(db: D1Database, delivery: NewDelivery, createdAt: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO deliveries (id, site_key, kind, channel, to_address, to_hash, payload, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?)`,
    )
    .bind(
      delivery.id,
      delivery.site,
      delivery.kind,
      delivery.channel,
      delivery.to,
      delivery.toHash,
      JSON.stringify(delivery.payload),
      createdAt,
    );
}

export function findDelivery(db: D1Database, id: string): Promise<DeliveryRow | null> {
  return db.prepare("SELECT * FROM deliveries WHERE id = ?").bind(id).first<DeliveryRow>();
}

export function findDeliveries(db: D1Database, ids: string[]): Promise<DeliveryRow[]> {
  return allRows(
    typed<DeliveryRow>(db.prepare("SELECT * FROM deliveries WHERE id IN (SELECT value FROM json_each(?))").bind(JSON.stringify(ids))),
  );
}

// Each attempt's outcome. Only a queued row changes: a late retry of a row already settled
// (sent, or marked failed by the dead-letter queue) leaves it as it is.

export function markSent(db: D1Database, id: string, channel: DeliveryChannel, sentAt: string): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE deliveries SET status = 'sent', sent_at = ?2, channel = ?3, attempts = attempts + 1 WHERE id = ?1 AND status = 'queued'",
    )
    .bind(id, sentAt, channel);
}

/** A failure that a later attempt may fix: the row stays queued, with the error. */
export function markRetry(db: D1Database, id: string, channel: DeliveryChannel, error: string): D1PreparedStatement {
  return db
    .prepare("UPDATE deliveries SET channel = ?2, last_error = ?3, attempts = attempts + 1 WHERE id = ?1 AND status = 'queued'")
    .bind(id, channel, error);
}

export function markFailed(db: D1Database, id: string, channel: DeliveryChannel, error: string): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE deliveries SET status = 'failed', channel = ?2, last_error = ?3, attempts = attempts + 1 WHERE id = ?1 AND status = 'queued'",
    )
    .bind(id, channel, error);
}

/** Not sent at all: the address is suppressed on this site. */
export function markSuppressed(db: D1Database, id: string, note: string): D1PreparedStatement {
  return db.prepare("UPDATE deliveries SET status = 'suppressed', last_error = ?2 WHERE id = ?1 AND status = 'queued'").bind(id, note);
}

/** Held back by the throttle: still queued, waiting for the hourly gathered mail. */
export function markGathered(db: D1Database, id: string, note: string, at: string): D1PreparedStatement {
  return db
    .prepare("UPDATE deliveries SET gathered_at = ?3, last_error = ?2 WHERE id = ?1 AND status = 'queued' AND gathered_at IS NULL")
    .bind(id, note, at);
}

/** The dead-letter queue's verdict: every retry failed. The last provider error stays, with the count. */
export function markGivenUp(db: D1Database, id: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE deliveries SET status = 'failed',
         last_error = coalesce(last_error || '; ', '') || 'gave up after ' || attempts || (CASE attempts WHEN 1 THEN ' attempt' ELSE ' attempts' END)
       WHERE id = ?1 AND status = 'queued'`,
    )
    .bind(id);
}

/** Mail of one recipient that was sent since `since` (created since `createdSince`, which bounds the rows read). */
export async function countSentSince(
  db: D1Database,
  toHash: string,
  kindPrefix: string,
  { since, createdSince, cap }: { since: string; createdSince: string; cap: number },
): Promise<number> {
  const row = await db
    .prepare(
      `SELECT count(*) AS n FROM (
         SELECT 1 FROM deliveries
         WHERE to_hash = ?1 AND created_at >= ?2 AND status = 'sent' AND sent_at >= ?3 AND substr(kind, 1, length(?4)) = ?4
         LIMIT ?5)`,
    )
    .bind(toHash, createdSince, since, kindPrefix, cap)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

// The throttle's gathering (worker/notify/throttle.ts).

/** Recipients with mail held back by the throttle, oldest first, at most `limit` of them. */
export function listWaitingRecipients(db: D1Database, limit: number): Promise<Array<{ site_key: string; to_hash: string }>> {
  return allRows(
    typed<{ site_key: string; to_hash: string }>(
      db
        .prepare(
          `SELECT site_key, to_hash FROM deliveries
           WHERE gathered_at IS NOT NULL AND gathered_into IS NULL AND status = 'queued'
           GROUP BY site_key, to_hash ORDER BY min(gathered_at) LIMIT ?`,
        )
        .bind(limit),
    ),
  );
}

/** One recipient's held-back mail, oldest first. */
export function listWaiting(db: D1Database, site: string, toHash: string, limit: number): Promise<DeliveryRow[]> {
  return allRows(
    typed<DeliveryRow>(
      db
        .prepare(
          `SELECT * FROM deliveries
           WHERE site_key = ?1 AND to_hash = ?2 AND gathered_at IS NOT NULL AND gathered_into IS NULL AND status = 'queued'
           ORDER BY created_at, id LIMIT ?3`,
        )
        .bind(site, toHash, limit),
    ),
  );
}

/** The held-back deliveries now travel in the gathered mail `into`. */
export function carryInto(db: D1Database, ids: string[], into: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE deliveries SET gathered_into = ?2, last_error = 'gathered into delivery ' || ?2
       WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'queued' AND gathered_into IS NULL`,
    )
    .bind(JSON.stringify(ids), into);
}

/** A gathered mail's outcome becomes that of every delivery it carries. */
export function settleCarried(db: D1Database, into: string, status: DeliveryStatus, sentAt: string | null): D1PreparedStatement {
  const note = status === "sent" ? "sent in gathered delivery " : `${status}: see gathered delivery `;
  return db
    .prepare(
      `UPDATE deliveries SET status = ?2, sent_at = ?3, last_error = ?4 || ?1
       WHERE gathered_into = ?1 AND status = 'queued'`,
    )
    .bind(into, status, sentAt, note);
}

// The owner's log (GET /api/v1/admin/deliveries), newest first.

/** A log row, without its payload: the log never answers what was sent, nor a webhook's secret. */
export type DeliveryLogRow = Omit<DeliveryRow, "payload"> & { likes: number };

const LOG_COLUMNS =
  "id, site_key, kind, channel, to_address, to_hash, status, attempts, last_error, created_at, sent_at, gathered_at, gathered_into, 0 AS likes";

export async function listDeliveries(
  db: D1Database,
  query: { site: string; cursor: PageCursor | null; limit: number },
): Promise<Page<DeliveryLogRow>> {
  const after = query.cursor === null ? "" : "AND (created_at, id) < (?3, ?4)";
  const params: unknown[] = [query.site, fetchCount(query.limit)];
  if (query.cursor !== null) params.push(query.cursor.createdAt, query.cursor.id);
  const rows = await allRows(
    typed<DeliveryLogRow>(
      db
        .prepare(`SELECT ${LOG_COLUMNS} FROM deliveries WHERE site_key = ?1 ${after} ORDER BY created_at DESC, id DESC LIMIT ?2`)
        .bind(...params),
    ),
  );
  return cutPage(rows, query.limit);
}

export function toAdminDelivery(row: Omit<DeliveryRow, "payload">): AdminDelivery {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    to: row.channel === "webhook" ? maskedUrl(row.to_address) : row.to_address,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/**
 * A webhook's address as the log shows it: its origin and the last characters of its path.
 * Slack, Discord and ntfy URLs carry their secret in the path, and the log never shows one.
 */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname;
    return path.length <= 1 ? parsed.origin : `${parsed.origin}/…${path.slice(-4)}`;
  } catch {
    return "(invalid URL)";
  }
}
