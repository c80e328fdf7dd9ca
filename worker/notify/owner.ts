// The owner's mail about each new comment, and the daily digest (API.md "Mail to the owner").
// A reader's new comment is mailed to every owner address as the site's `notifyOwner` says:
// `all` (published or held), `held` (only those waiting), `digest` (one mail a day, by cron)
// or `none`. Spam is never mailed one by one, only counted in the digest, and the owner is
// never mailed about their own replies.
import type { NewDelivery } from "../db/deliveries.ts";
import { countByStatus, listWaiting, loggedDeliveryIds } from "../db/digest.ts";
import type { Site } from "../db/sites.ts";
import { knownOrigin, rememberOrigin } from "../db/worker-origin.ts";
import { saltProblem } from "../lib/config.ts";
import { normaliseEmail, saltedHash } from "../lib/hash.ts";
import { ownerStrings } from "../mail/i18n/owner.ts";
import { commentMail, digestMail, moderationUrl } from "../mail/owner-mail.ts";
import { deliveryId, queueDeliveries, type Planner } from "./fanout.ts";

export const ownerDeliveries: Planner = async (env, { event, site, comment }) => {
  // The digest's links need this worker's origin, which a cron run can't know: remember it.
  await rememberOrigin(env.DB, event.origin, event.at).run();
  if (event.type !== "comment.created" || event.by !== "reader") return [];
  // The mail describes the comment as it is now: one deleted since gets none, and one the
  // owner already moderated is told as it stands (and in `held`, no longer mailed).
  const status = comment?.status;
  if (comment === null || (status !== "approved" && status !== "pending")) return [];
  const mode = site.settings.notifyOwner;
  if (mode === "digest" || mode === "none" || (mode === "held" && status !== "pending")) return [];
  // Links signed with a missing or short salt could be forged: send none (http/writer.ts refuses writes then too).
  if (saltProblem(env.HASH_SALT) !== null) return [];
  const t = ownerStrings(site.settings.locale);
  const moderateUrl = await moderationUrl(env.HASH_SALT, event.origin, comment.id, Date.now());
  const kind = "owner.comment";
  return Promise.all(
    site.settings.ownerEmails.map(
      async (to): Promise<NewDelivery> => ({
        id: await deliveryId(event.id, kind, to),
        site: site.key,
        kind,
        channel: "email",
        to,
        toHash: await saltedHash(env.HASH_SALT, normaliseEmail(to)),
        payload: commentMail(t, { comment, status, reason: event.reason, origin: event.origin, moderateUrl, to }),
      }),
    ),
  );
};

/** The digest covers the day before the run. */
const DAY_MS = 86_400_000;
/** Sites one run mails at most (each with at most 20 owner addresses): the run's cost is bounded. */
export const DIGEST_SITES_MAX = 200;
/** Held comments one digest lists; it counts the rest and points to /admin. */
export const DIGEST_LISTED_MAX = 25;

export interface DigestRun {
  sites: number;
  mails: number;
  /** Sites past DIGEST_SITES_MAX, not mailed by this run. */
  skipped: number;
}

/**
 * One mail a day to the owners of each site whose `notifyOwner` is `digest`: the held comments
 * of the last 24 hours with their moderation links, how many were published, and how many
 * were counted as spam (never the spam itself). A site with nothing in the day gets no mail.
 * Run twice the same day, it queues nothing twice (the deliveries' ids name the day).
 */
export async function sendDigests(env: Env, allSites: readonly Site[], now: number): Promise<DigestRun> {
  const wanted = allSites.filter((site) => site.settings.notifyOwner === "digest" && site.settings.ownerEmails.length > 0);
  const sites = wanted.slice(0, DIGEST_SITES_MAX);
  const run: DigestRun = { sites: 0, mails: 0, skipped: wanted.length - sites.length };
  if (sites.length === 0 || saltProblem(env.HASH_SALT) !== null) return run;
  // No event was ever seen, so there is no origin to link to, and no comment to tell of either.
  const origin = await knownOrigin(env.DB);
  if (origin === null) return run;
  const until = new Date(now).toISOString();
  const since = new Date(now - DAY_MS).toISOString();
  const keys = sites.map((site) => site.key);
  const [counts, waiting] = await Promise.all([
    countByStatus(env.DB, keys, since, until),
    listWaiting(env.DB, keys, since, until, DIGEST_LISTED_MAX),
  ]);
  const kind = "owner.digest";
  const deliveries: NewDelivery[] = [];
  for (const site of sites) {
    const count = (status: "pending" | "approved" | "spam") =>
      counts.find((row) => row.site_key === site.key && row.status === status)?.n ?? 0;
    const [held, published, spam] = [count("pending"), count("approved"), count("spam")];
    if (held + published + spam === 0) continue;
    const listed = await Promise.all(
      waiting
        .filter((row) => row.site_key === site.key)
        .map(async (row) => ({
          authorName: row.author_name,
          body: row.body,
          createdAt: row.created_at,
          title: row.title,
          page: row.page,
          moderateUrl: await moderationUrl(env.HASH_SALT, origin, row.id, now),
        })),
    );
    const t = ownerStrings(site.settings.locale);
    run.sites += 1;
    for (const to of site.settings.ownerEmails) {
      const facts = { site: site.key, origin, to, waiting: listed, moreWaiting: Math.max(held - listed.length, 0), published, spam };
      deliveries.push({
        id: await deliveryId(`digest:${site.key}:${until.slice(0, 10)}`, kind, to),
        site: site.key,
        kind,
        channel: "email",
        to,
        toHash: await saltedHash(env.HASH_SALT, normaliseEmail(to)),
        payload: digestMail(t, facts),
      });
    }
  }
  const logged =
    deliveries.length === 0
      ? new Set<string>()
      : await loggedDeliveryIds(
          env.DB,
          deliveries.map((delivery) => delivery.id),
        );
  const fresh = deliveries.filter((delivery) => !logged.has(delivery.id));
  await queueDeliveries(env, fresh);
  run.mails = fresh.length;
  return run;
}
