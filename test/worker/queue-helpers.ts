import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../worker/index.ts";
import type { QueueMessage } from "../../worker/notify/events.ts";

/** Runs the queue consumer on one batch, with this env, and answers what it acked and retried, with each retry's delay. */
export async function runQueue(
  queueName: string,
  messages: Array<{ id: string; attempts: number; body: QueueMessage }>,
  withEnv: Env = env,
) {
  const batch = createMessageBatch<QueueMessage>(
    queueName,
    messages.map((message) => ({ ...message, timestamp: new Date() })),
  );
  // getQueueResult lists the retried messages but not their delay (vitest-plugin 1.5): record it here.
  const delays: Record<string, number | undefined> = {};
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    message.retry = (options) => {
      delays[message.id] = options?.delaySeconds;
      retry(options);
    };
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, withEnv);
  return { ...(await getQueueResult(batch, ctx)), delays };
}
