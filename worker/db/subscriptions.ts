// Readers' subscriptions (migrations/0011, API.md "Mail to readers"): one subscriber per
// address and site, which must confirm (double opt-in) before anything but the confirmation
// mail is sent, and its subscriptions: replies to one comment, or a whole thread.
import { nanoid } from "nanoid";
import { allRows, firstRow, typed, type Query } from "./batch.ts";

/** Subscriptions one address may hold on one site; a comment past them is posted, unsubscribed (quietly). */
export const SUBSCRIPTIONS_PER_SUBSCRIBER_MAX = 200;
/** Subscriptions one event reads (one query); past them, that event mails no one more. */
export const FAN_OUT_MAX = 1000;

export interface SubscriberRow {
  id: string;
  site_key: string;
  email: string;
  email_hash: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  created_at: string;
}

/** `notify: true` subscribes to replies to the new comment; "thread" to every new comment of its thread. */
export type NotifyScope = "comment" | "thread";

export interface NewSubscription {
  site: string;
  page: string;
  email: string;
  emailHash: string;
  /** The new comment, inserted earlier in the same batch. */
  commentId: string;
  scope: NotifyScope;
  createdAt: string;
}

/**
 * The subscription, for the new comment's batch (after the thread and the comment): the
 * subscriber, unconfirmed, if the address is new on the site, then what it subscribes to.
 * Nothing is added for an address that unsubscribed from the whole site, past
 * SUBSCRIPTIONS_PER_SUBSCRIBER_MAX, or for a thread it already follows.
 */
export function subscribeStatements(db: D1Database, input: NewSubscription): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO subscribers (id, site_key, email, email_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (site_key, email_hash) DO NOTHING`,
      )
      .bind(nanoid(), input.site, input.email, input.emailHash, input.createdAt),
    db
      .prepare(
        `INSERT INTO subscriptions (id, subscriber_id, thread_id, comment_id, created_at)
         SELECT ?1, s.id, t.id, ?5, ?6 FROM subscribers s JOIN threads t ON t.site_key = s.site_key AND t.page = ?3
         WHERE s.site_key = ?2 AND s.email_hash = ?4 AND s.unsubscribed_at IS NULL
           AND (SELECT count(*) FROM subscriptions x WHERE x.subscriber_id = s.id) < ${SUBSCRIPTIONS_PER_SUBSCRIBER_MAX}
           AND NOT EXISTS (SELECT 1 FROM subscriptions x WHERE x.subscriber_id = s.id AND x.thread_id = t.id AND x.comment_id IS ?5)`,
      )
      .bind(nanoid(), input.site, input.page, input.emailHash, input.scope === "comment" ? input.commentId : null, input.createdAt),
  ];
}

export function findSubscriber(db: D1Database, id: string): Promise<SubscriberRow | null> {
  return firstRow(typed<SubscriberRow>(db.prepare("SELECT * FROM subscribers WHERE id = ?").bind(id)));
}

/**
 * The unconfirmed subscriber that the comment `commentId` (by `emailHash`) just subscribed, if
 * any: its subscription was written with the comment, so it names the comment or was made at
 * the comment's `createdAt`. Null once confirmed, unsubscribed, or when the comment asked nothing.
 */
export function findUnconfirmedBy(
  db: D1Database,
  comment: { site: string; emailHash: string; id: string; threadId: number; createdAt: string },
): Promise<(SubscriberRow & { subscription_id: string }) | null> {
  return firstRow(
    typed<SubscriberRow & { subscription_id: string }>(
      db
        .prepare(
          `SELECT s.*, x.id AS subscription_id FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id
           WHERE s.site_key = ?1 AND s.email_hash = ?2 AND s.confirmed_at IS NULL AND s.unsubscribed_at IS NULL
             AND x.thread_id = ?4 AND (x.comment_id = ?3 OR (x.comment_id IS NULL AND x.created_at = ?5))
           LIMIT 1`,
        )
        .bind(comment.site, comment.emailHash, comment.id, comment.threadId, comment.createdAt),
    ),
  );
}

/** A confirmed subscriber who may be mailed, with the subscription that brings them. */
export interface Recipient {
  subscriber_id: string;
  email: string;
  email_hash: string;
  subscription_id: string;
  /** The comment whose replies it follows; null for the whole thread. */
  comment_id: string | null;
}

const MAILABLE = `s.confirmed_at IS NOT NULL AND s.unsubscribed_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM suppressions p WHERE p.site_key = s.site_key AND p.email_hash = s.email_hash)`;

/**
 * Who is told about a new published comment of thread `threadId`: the followers of its parent
 * first, then those of the thread, at most FAN_OUT_MAX subscriptions read in all (each branch
 * reads its index only that far), never `authorHash` itself. One address may come twice (both
 * ways): the planner mails it once.
 */
export function selectRecipients(
  db: D1Database,
  query: { threadId: number; parentId: string | null; authorHash: string | null },
): Query<Recipient> {
  const branch = (where: string) =>
    `SELECT * FROM (SELECT x.id, x.subscriber_id, x.comment_id FROM subscriptions x WHERE ${where} LIMIT ${FAN_OUT_MAX})`;
  return typed(
    db
      .prepare(
        `WITH picked AS (${branch("x.thread_id = ?1 AND x.comment_id = ?2")} UNION ALL ${branch("x.thread_id = ?1 AND x.comment_id IS NULL")} LIMIT ${FAN_OUT_MAX})
         SELECT p.subscriber_id, s.email, s.email_hash, p.id AS subscription_id, p.comment_id
         FROM picked p JOIN subscribers s ON s.id = p.subscriber_id
         WHERE s.email_hash IS NOT ?3 AND ${MAILABLE}`,
      )
      .bind(query.threadId, query.parentId, query.authorHash),
  );
}

/** The author of a comment, if they follow it (or its thread) and may be mailed. */
export function findFollowingAuthor(
  db: D1Database,
  comment: { site: string; emailHash: string; id: string; threadId: number },
): Promise<Recipient | null> {
  return firstRow(
    typed<Recipient>(
      db
        .prepare(
          `SELECT s.id AS subscriber_id, s.email, s.email_hash, x.id AS subscription_id, x.comment_id
           FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id
           WHERE s.site_key = ?1 AND s.email_hash = ?2 AND x.thread_id = ?4 AND (x.comment_id = ?3 OR x.comment_id IS NULL) AND ${MAILABLE}
           LIMIT 1`,
        )
        .bind(comment.site, comment.emailHash, comment.id, comment.threadId),
    ),
  );
}

/** The thread a subscription is on, if it is still the subscriber's. */
export function findSubscriptionThread(
  db: D1Database,
  subscriberId: string,
  subscriptionId: string,
): Promise<{ thread_id: number; page: string; title: string | null } | null> {
  return firstRow(
    typed<{ thread_id: number; page: string; title: string | null }>(
      db
        .prepare(
          `SELECT x.thread_id, t.page, t.title FROM subscriptions x JOIN threads t ON t.id = x.thread_id
           WHERE x.id = ?2 AND x.subscriber_id = ?1`,
        )
        .bind(subscriberId, subscriptionId),
    ),
  );
}

/** Confirms once: a second confirmation keeps the first time. Not for an address that left the site. */
export function confirmSubscriber(db: D1Database, id: string, now: string): D1PreparedStatement {
  return db
    .prepare("UPDATE subscribers SET confirmed_at = ?2 WHERE id = ?1 AND confirmed_at IS NULL AND unsubscribed_at IS NULL")
    .bind(id, now);
}

/** "This thread": every subscription of the subscriber on that thread. */
export function unsubscribeThread(db: D1Database, subscriberId: string, threadId: number): D1PreparedStatement {
  return db.prepare("DELETE FROM subscriptions WHERE subscriber_id = ?1 AND thread_id = ?2").bind(subscriberId, threadId);
}

/** "Everything on this site": nothing more is sent, and the subscriptions go. */
export function unsubscribeSite(db: D1Database, subscriberId: string, now: string): D1PreparedStatement[] {
  return [
    db.prepare("UPDATE subscribers SET unsubscribed_at = coalesce(unsubscribed_at, ?2) WHERE id = ?1").bind(subscriberId, now),
    db.prepare("DELETE FROM subscriptions WHERE subscriber_id = ?1").bind(subscriberId),
  ];
}

/** Erasure by e-mail: counts the subscriptions, then the subscriber goes (its subscriptions cascade), any suppression, and the address's deliveries. */
export function eraseSubscriberStatements(db: D1Database, site: string, emailHash: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `SELECT count(*) AS subscriptions FROM subscriptions
         WHERE subscriber_id IN (SELECT id FROM subscribers WHERE site_key = ?1 AND email_hash = ?2)`,
      )
      .bind(site, emailHash),
    db.prepare("DELETE FROM subscribers WHERE site_key = ?1 AND email_hash = ?2").bind(site, emailHash),
    db.prepare("DELETE FROM suppressions WHERE site_key = ?1 AND email_hash = ?2").bind(site, emailHash),
    // The delivery log keeps the address in clear: its lines for this address go with it.
    db.prepare("DELETE FROM deliveries WHERE site_key = ?1 AND to_hash = ?2").bind(site, emailHash),
  ];
}

export async function listRecipients(db: D1Database, query: Parameters<typeof selectRecipients>[1]): Promise<Recipient[]> {
  return allRows(selectRecipients(db, query));
}
