// An event becomes deliveries: each planner says who is told what, the deliveries are written
// to the log (once, whatever the retries) and each is queued as a message of its own, so one
// failing address or webhook is retried alone.
import { findCommentInSite, type CommentInSite } from "../db/comments.ts";
import { insertDelivery, type NewDelivery } from "../db/deliveries.ts";
import { findSite, type Site } from "../db/sites.ts";
import { sha256Hex } from "../lib/hash.ts";
import type { CommentEvent, QueueMessage } from "./events.ts";
import { ownerDeliveries } from "./owner.ts";
import { readerDeliveries } from "./readers.ts";
import { webhookDeliveries } from "./webhooks.ts";

/** What every planner is given: the event, its site, and the comment as it is now (null once gone). */
export interface EventFacts {
  event: CommentEvent;
  site: Site;
  comment: CommentInSite | null;
}

export type Planner = (env: Env, facts: EventFacts) => Promise<NewDelivery[]>;

const PLANNERS: Planner[] = [ownerDeliveries, readerDeliveries, webhookDeliveries];

/** A queue message carries at most this many delivery ids in one sendBatch call (the platform's cap). */
const SEND_BATCH_MAX = 100;

export async function fanOut(env: Env, event: CommentEvent): Promise<void> {
  const site = await findSite(env.DB, event.site);
  if (site === null) return; // the site was deleted since
  const comment = await findCommentInSite(env.DB, event.commentId);
  const facts: EventFacts = { event, site, comment };
  const deliveries = (await Promise.all(PLANNERS.map((plan) => plan(env, facts)))).flat();
  await queueDeliveries(env, deliveries);
}

/** Writes deliveries to the log and queues one message each. Also used for mails that no event causes (test mail, digest). */
export async function queueDeliveries(env: Env, deliveries: NewDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  const now = new Date().toISOString();
  await env.DB.batch(deliveries.map((delivery) => insertDelivery(env.DB, delivery, now)));
  for (let start = 0; start < deliveries.length; start += SEND_BATCH_MAX) {
    const slice = deliveries.slice(start, start + SEND_BATCH_MAX);
    await env.EVENTS.sendBatch(slice.map((delivery) => ({ body: { kind: "delivery", id: delivery.id } satisfies QueueMessage })));
  }
}

/** A delivery's id: the same event, kind and recipient always give the same one. */
export async function deliveryId(eventId: string, kind: string, to: string): Promise<string> {
  return (await sha256Hex(`${eventId}\n${kind}\n${to}`)).slice(0, 32);
}
