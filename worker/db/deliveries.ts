// The delivery log (migrations/0011): one row for every mail and webhook, written when it is
// queued and updated by each attempt. Owner routes read it; no public route ever does.

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
