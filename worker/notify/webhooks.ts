// Signed webhooks (API.md "Webhooks", docs/webhooks.md): each webhook of the site that listens
// to the event gets one delivery, queued and retried like a mail, each attempt in the log. The
// payload is built here, once; deliver.ts signs it at each attempt (lib/webhook-signature.ts).
//
// What is told: every new comment but spam (held ones too, with their status), each
// publication, and each deletion of a comment that wasn't spam. Never an e-mail or an IP hash:
// the comment goes as the public API shows it (toPublicComment), plus its real status.
import { toPublicComment, type CommentInSite } from "../db/comments.ts";
import type { NewDelivery, WebhookPayload } from "../db/deliveries.ts";
import { firstRow } from "../db/batch.ts";
import { selectThread } from "../db/threads.ts";
import type { Webhook } from "../lib/settings.ts";
import type { CommentEvent } from "./events.ts";
import { deliveryId, type EventFacts, type Planner } from "./fanout.ts";
import { webhookBody, type WebhookEvent } from "./webhook-formats.ts";

export const webhookDeliveries: Planner = async (env, facts) => {
  const hooks = facts.site.settings.webhooks.filter((hook) => hook.events.includes(facts.event.type));
  if (hooks.length === 0) return [];
  const told = await eventToTell(env, facts);
  if (told === null) return [];
  return Promise.all(hooks.map((hook) => webhookDelivery(facts.event, hook, told)));
};

interface Told {
  event: WebhookEvent;
  /** The comment's Markdown source, for the chat formats' excerpt. */
  text: string;
  locale: string;
}

/** The event as webhooks are told it, or null when there is nothing to tell. */
async function eventToTell(env: Env, { event, site, comment }: EventFacts): Promise<Told | null> {
  const base = { id: event.id, type: event.type, createdAt: event.at, site: site.key, by: event.by };
  const locale = site.settings.locale;
  if (event.type === "comment.deleted") {
    const snapshot = event.snapshot;
    // Spam was never told as created, so its removal isn't news either.
    if (snapshot === undefined || snapshot.status === "spam") return null;
    // The row is gone, or a placeholder by now: the snapshot says what it was; the thread is still there.
    const thread = comment ?? (await firstRow(selectThread(env.DB, site.key, snapshot.page)));
    return {
      event: {
        ...base,
        thread: { page: snapshot.page, url: thread?.url ?? null, title: thread?.title ?? null },
        comment: {
          id: event.commentId,
          author: snapshot.authorName === null ? null : { name: snapshot.authorName, website: null, avatar: null },
          createdAt: snapshot.createdAt,
          deleted: true,
          status: "deleted",
          previousStatus: snapshot.status,
        },
      },
      text: "",
      locale,
    };
  }
  // Gone since (deleted before the queue ran), spam, or no longer what the event says.
  if (comment === null || comment.status === "spam" || comment.status === "deleted") return null;
  if (event.type === "comment.published" && comment.status !== "approved") return null;
  return {
    event: {
      ...base,
      thread: { page: comment.page, url: comment.url, title: comment.title },
      comment: webhookComment(comment),
      ...(event.type === "comment.created" && event.reason !== undefined ? { reason: event.reason } : {}),
    },
    text: comment.body,
    locale,
  };
}

function webhookComment(comment: CommentInSite): WebhookEvent["comment"] {
  const { status: _public, moreReplies: _none, ...shown } = toPublicComment(comment);
  return { ...shown, status: comment.status };
}

async function webhookDelivery(event: CommentEvent, hook: Webhook, told: Told): Promise<NewDelivery> {
  const body = webhookBody(hook.format, told.event, { text: told.text, origin: event.origin, locale: told.locale });
  const payload: WebhookPayload = { url: hook.url, secret: hook.secret, ...body };
  return {
    id: await deliveryId(event.id, "webhook", hook.url),
    site: event.site,
    kind: "webhook",
    channel: "webhook",
    to: hook.url,
    toHash: null,
    payload,
  };
}
