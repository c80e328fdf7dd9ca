// Sending one delivery: a mail through the configured transport, or a webhook call. To be built.
import type { DeliveryRow } from "../db/deliveries.ts";

/** "done" acks the message (sent, failed for good, or suppressed); "retry" asks the queue to bring it back. */
export type Outcome = "done" | "retry";

export async function deliver(_env: Env, _delivery: DeliveryRow, _attempt: number): Promise<Outcome> {
  return "done";
}

/** The dead-letter queue's delivery: every retry failed. */
export async function giveUp(_env: Env, _id: string): Promise<void> {}
