// Reader notifications (API.md "Mail to readers"): who among the readers is told what about
// an event. Double opt-in: an unconfirmed address gets the confirmation mail and nothing
// else; only published comments are ever mailed, never to their own author, never to an
// address that unsubscribed or that a provider refused for good (suppressions). The
// 10-an-hour throttle is applied when a reader.* mail is delivered (deliver.ts), not here.
import type { CommentInSite } from "../db/comments.ts";
import { findDelivery, type NewDelivery } from "../db/deliveries.ts";
import type { Site } from "../db/sites.ts";
import { FAN_OUT_MAX, findFollowingAuthor, findUnconfirmedBy, listRecipients, type Recipient } from "../db/subscriptions.ts";
import { signLink } from "../lib/signed-link.ts";
import { readerWords, type Say } from "../mail/i18n/reader.ts";
import { approvedMail, confirmMail, replyMail, type ThreadLink } from "../mail/reader-mail.ts";
import type { CommentEvent } from "./events.ts";
import { deliveryId, type Planner } from "./fanout.ts";

const DAY_MS = 86_400_000;
/** A confirmation link is good for a month; the links in later mails for a year, so unsubscribing keeps working. */
export const CONFIRM_LINK_DAYS = 30;
export const UNSUBSCRIBE_LINK_DAYS = 365;

export const readerDeliveries: Planner = async (env, { event, site, comment }) => {
  if (comment === null || comment.site_key !== site.key) return [];
  const say = readerWords(site.settings.locale);
  if (event.type === "comment.created") return event.by === "reader" ? confirmation(env, event, site, comment, say) : [];
  // The comment may have been held, marked spam or deleted since the event.
  if (event.type !== "comment.published" || comment.status !== "approved") return [];
  const mails = await replies(env, event, site, comment, say);
  // The owner approved a reader's held comment (their own replies are by_owner).
  if (event.by === "owner" && comment.by_owner === 0) mails.push(...(await approved(env, event, site, comment, say)));
  return mails;
};

/**
 * The confirmation mail, for a comment that subscribed a new (or still unconfirmed) address,
 * held or not: the reader needs to confirm either way. At most one a day per address and
 * site, whoever posts with it: the delivery's id is made from the day, so a second one in the
 * same UTC day is the same delivery, queued once.
 */
async function confirmation(env: Env, event: CommentEvent, site: Site, comment: CommentInSite, say: Say): Promise<NewDelivery[]> {
  if (comment.email_hash === null || comment.status === "spam") return [];
  const subscriber = await findUnconfirmedBy(env.DB, {
    site: site.key,
    emailHash: comment.email_hash,
    id: comment.id,
    threadId: comment.thread_id,
    createdAt: comment.created_at,
  });
  if (subscriber === null) return [];
  const id = await deliveryId(`reader.confirm:${site.key}:${event.at.slice(0, 10)}`, "reader.confirm", subscriber.email);
  if ((await findDelivery(env.DB, id)) !== null) return [];
  const token = await signLink(env.HASH_SALT, {
    purpose: "subscription",
    subject: subscriber.id,
    detail: subscriber.subscription_id,
    expiresAt: Date.parse(event.at) + CONFIRM_LINK_DAYS * DAY_MS,
  });
  const payload = confirmMail(say, subscriber.email, threadLink(comment), `${event.origin}/subscription/${token}`);
  return [{ id, site: site.key, kind: "reader.confirm", channel: "email", to: subscriber.email, toHash: subscriber.email_hash, payload }];
}

/**
 * A published comment, to the confirmed followers of its parent and of its thread: each
 * address once, never its author. At most FAN_OUT_MAX subscriptions are read (the parent's
 * followers first): past them, the others are not mailed about this comment.
 */
async function replies(env: Env, event: CommentEvent, site: Site, comment: CommentInSite, say: Say): Promise<NewDelivery[]> {
  const rows = await listRecipients(env.DB, { threadId: comment.thread_id, parentId: comment.parent_id, authorHash: comment.email_hash });
  if (rows.length >= FAN_OUT_MAX) console.warn(`[bascule] comment ${comment.id}: only the first ${FAN_OUT_MAX} subscriptions are mailed`);
  const byAddress = new Map<string, { recipient: Recipient; toTheirs: boolean }>();
  for (const recipient of rows) {
    const seen = byAddress.get(recipient.email_hash);
    const toTheirs = recipient.comment_id !== null;
    if (seen === undefined || (toTheirs && !seen.toTheirs)) byAddress.set(recipient.email_hash, { recipient, toTheirs });
  }
  const name = comment.author_name ?? say(comment.by_owner === 1 ? "name.owner" : "name.anonymous");
  const thread = threadLink(comment);
  return Promise.all(
    [...byAddress.values()].map(async ({ recipient, toTheirs }) => {
      const unsubscribe = await unsubscribeUrl(env, event, recipient);
      const payload = replyMail(say, recipient.email, thread, { name, html: comment.html, source: comment.body, toTheirs }, unsubscribe);
      return mail(site, "reader.reply", await deliveryId(event.id, "reader.reply", recipient.email), recipient, payload);
    }),
  );
}

/** "Your comment is published", to its author if they asked for notifications and confirmed: once per comment, ever. */
async function approved(env: Env, event: CommentEvent, site: Site, comment: CommentInSite, say: Say): Promise<NewDelivery[]> {
  if (comment.email_hash === null) return [];
  const author = await findFollowingAuthor(env.DB, {
    site: site.key,
    emailHash: comment.email_hash,
    id: comment.id,
    threadId: comment.thread_id,
  });
  if (author === null) return [];
  const id = await deliveryId(`reader.approved:${comment.id}`, "reader.approved", author.email);
  if ((await findDelivery(env.DB, id)) !== null) return [];
  const payload = approvedMail(say, author.email, threadLink(comment), await unsubscribeUrl(env, event, author));
  return [mail(site, "reader.approved", id, author, payload)];
}

function mail(site: Site, kind: string, id: string, to: Recipient, payload: NewDelivery["payload"]): NewDelivery {
  return { id, site: site.key, kind, channel: "email", to: to.email, toHash: to.email_hash, payload };
}

/** The one-click URL (List-Unsubscribe); without its query, the page that offers "this thread" or "everything". */
async function unsubscribeUrl(env: Env, event: CommentEvent, recipient: Recipient): Promise<string> {
  const token = await signLink(env.HASH_SALT, {
    purpose: "subscription",
    subject: recipient.subscriber_id,
    detail: recipient.subscription_id,
    expiresAt: Date.parse(event.at) + UNSUBSCRIBE_LINK_DAYS * DAY_MS,
  });
  return `${event.origin}/subscription/${token}?action=unsubscribe`;
}

/** The thread's title (else its page key), and the comment's place on the page when the thread has a URL. */
function threadLink(comment: CommentInSite): ThreadLink {
  const url = comment.url === null ? null : `${comment.url.split("#")[0]}#comment-${comment.id}`;
  return { title: comment.title ?? comment.page, url };
}
