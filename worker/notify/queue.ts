// The queue consumer (wrangler.toml [[queues.consumers]]): events become deliveries, and each
// delivery is attempted, retried with backoff, and after the last retry lands in the
// dead-letter queue, whose consumer marks it failed in the log.
import { findDelivery } from "../db/deliveries.ts";
import { deliver, giveUp } from "./deliver.ts";
import type { QueueMessage } from "./events.ts";
import { fanOut } from "./fanout.ts";

export const DEAD_LETTER_QUEUE = "bascule-events-dlq";

/** Seconds before attempt `attempts + 1`: 10 s, 40 s, 160 s, … up to an hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(10 * 4 ** (attempts - 1), 3600);
}

export async function queue(batch: MessageBatch<QueueMessage>, env: Env): Promise<void> {
  const dead = batch.queue === DEAD_LETTER_QUEUE;
  for (const message of batch.messages) {
    try {
      if (dead) {
        if (message.body.kind === "delivery") await giveUp(env, message.body.id);
        else console.error(`[bascule] event ${message.body.event.type} for ${message.body.event.commentId} was dropped after its retries`);
        message.ack();
      } else if ((await handle(env, message)) === "done") message.ack();
      else message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    } catch (error) {
      console.error("[bascule] queue message failed", error);
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}

async function handle(env: Env, message: Message<QueueMessage>): Promise<"done" | "retry"> {
  const body = message.body;
  if (body.kind === "event") {
    await fanOut(env, body.event);
    return "done";
  }
  const delivery = await findDelivery(env.DB, body.id);
  if (delivery === null || delivery.status !== "queued") return "done"; // sent already, or the site was deleted
  return deliver(env, delivery, message.attempts);
}
