// Sending one delivery: a mail through the configured transport (worker/mail/transport.ts),
// or a signed webhook call. Every attempt writes its outcome to the log: sent; retried later
// with the provider's own error; failed for good (and, when the provider says the address
// itself is bad, suppressed on the site from then on); or held back by the throttle.
import {
  markFailed,
  markGivenUp,
  markRetry,
  markSent,
  markSuppressed,
  settleCarried,
  type DeliveryRow,
  type MailPayload,
  type WebhookPayload,
} from "../db/deliveries.ts";
import { findSuppression, insertSuppression } from "../db/suppressions.ts";
import { normaliseEmail, saltedHash } from "../lib/hash.ts";
import { webhookSignature } from "../lib/webhook-signature.ts";
import { answerStart, chooseTransport, clip } from "../mail/transport.ts";
import { holdBack } from "./throttle.ts";

/** "done" acks the message (sent, failed for good, suppressed, or held back); "retry" asks the queue to bring it back. */
export type Outcome = "done" | "retry";

/** API.md "Webhooks": no answer in 10 s is a failed attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How much of a refusing webhook's answer the log keeps. */
const WEBHOOK_ANSWER_MAX = 300;

export async function deliver(env: Env, delivery: DeliveryRow, _attempt: number): Promise<Outcome> {
  // Held back by the throttle: the hourly cron sends it, gathered with the others.
  if (delivery.gathered_at !== null) return "done";
  return delivery.channel === "webhook" ? callWebhook(env, delivery) : sendMail(env, delivery);
}

/** The dead-letter queue's delivery: every retry failed. */
export async function giveUp(env: Env, id: string): Promise<void> {
  await env.DB.batch([markGivenUp(env.DB, id), settleCarried(env.DB, id, "failed", null)]);
}

async function sendMail(env: Env, delivery: DeliveryRow): Promise<Outcome> {
  const db = env.DB;
  const mail = JSON.parse(delivery.payload) as MailPayload;
  const toHash = delivery.to_hash ?? (await saltedHash(env.HASH_SALT, normaliseEmail(delivery.to_address)));

  const suppression = await findSuppression(db, delivery.site_key, toHash);
  if (suppression !== null) {
    const note = `Not sent: this address is suppressed on this site since ${suppression.created_at.slice(0, 10)} (${suppression.reason})`;
    await db.batch([markSuppressed(db, delivery.id, clip(note)), settleCarried(db, delivery.id, "suppressed", null)]);
    return "done";
  }

  const transport = chooseTransport(env);
  if (!transport.ok) {
    // Fail closed: the log says what to set, and nothing is retried until it is.
    await db.batch([
      markFailed(db, delivery.id, "email", `Not sent: mail is not configured. ${transport.problem}`),
      settleCarried(db, delivery.id, "failed", null),
    ]);
    return "done";
  }

  if (await holdBack(db, delivery, toHash)) return "done";

  const result = await transport.send({
    from: transport.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers ?? {},
  });
  const now = new Date().toISOString();
  if (result.ok) {
    await db.batch([markSent(db, delivery.id, transport.name, now), settleCarried(db, delivery.id, "sent", now)]);
    return "done";
  }
  if (!result.permanent) {
    await markRetry(db, delivery.id, transport.name, result.error).run();
    return "retry";
  }
  const error = result.suppress ? clip(`${result.error} (this address is now suppressed on this site)`) : result.error;
  await db.batch([
    markFailed(db, delivery.id, transport.name, error),
    ...(result.suppress ? [insertSuppression(db, delivery.site_key, toHash, result.error, now)] : []),
    settleCarried(db, delivery.id, "failed", null),
  ]);
  return "done";
}

/** A POST signed at this attempt (API.md "Webhooks"); a 2xx is delivered, anything else is tried again. */
async function callWebhook(env: Env, delivery: DeliveryRow): Promise<Outcome> {
  const db = env.DB;
  const call = JSON.parse(delivery.payload) as WebhookPayload;
  const signature = await webhookSignature(call.secret, Math.floor(Date.now() / 1000), call.body);
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: "POST",
      // The format's own headers (ntfy's Title, Tags, Click) first: ours can't be replaced by them.
      headers: { ...call.headers, "content-type": call.contentType, "bascule-signature": signature, "user-agent": "Bascule-Webhook" },
      body: call.body,
      // A redirect is an answer, not an instruction: the signed body goes only where the owner said.
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer in ${WEBHOOK_TIMEOUT_MS / 1000} s` : String(error);
    await markRetry(db, delivery.id, "webhook", clip(`Webhook: ${reason}`)).run();
    return "retry";
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel();
    await markSent(db, delivery.id, "webhook", new Date().toISOString()).run();
    return "done";
  }
  const answer = clip(await answerStart(response, WEBHOOK_ANSWER_MAX), WEBHOOK_ANSWER_MAX);
  await markRetry(db, delivery.id, "webhook", clip(`Webhook answered HTTP ${response.status}${answer ? `: ${answer}` : ""}`)).run();
  return "retry";
}
