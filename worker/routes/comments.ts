import { Hono, type Context } from "hono";
import { nanoid } from "nanoid";
import { z } from "zod";
import type { NewCommentResponse, PublicComment } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { selectBanned } from "../db/bans.ts";
import {
  insertComment,
  removalStatements,
  selectComment,
  selectKnownAuthor,
  selectRecentByWriter,
  setStatus,
  toPublicComment,
  updateBody,
  type CommentRow,
  type NewComment,
  type RecentComment,
} from "../db/comments.ts";
import { readBatch } from "../db/batch.ts";
import { selectSite, type Site } from "../db/sites.ts";
import { constraintFailed } from "../db/constraints.ts";
import { addToCount, recountThread } from "../db/recount.ts";
import { selectThread, upsertThread, type ThreadRow } from "../db/threads.ts";
import { akismetVerdict } from "../lib/akismet.ts";
import { botVerdict } from "../lib/bot-traps.ts";
import { checkFormToken } from "../lib/form-token.ts";
import { COMMENTS_PER_HOUR, isDuplicate, limitPerHour, limitPerMinute } from "../lib/limits.ts";
import { turnstilePasses } from "../lib/turnstile.ts";
import { ipNetwork, newToken, normaliseEmail, ownerEmailHashes, saltedHash, sha256Hex } from "../lib/hash.ts";
import { renderMarkdown } from "../lib/markdown.ts";
import { countLinks, editedStatus, initialStatus, isThreadClosed } from "../lib/moderation.ts";
import { normalisePageKey } from "../lib/page-key.ts";
import { childPath } from "../lib/thread-order.ts";
import {
  BODY_BYTES,
  BODY_MAX,
  COMMENT_ID_PATTERN,
  EMAIL_MAX,
  FORM_TOKEN_MAX,
  HOMEPAGE_MAX,
  NAME_MAX,
  TITLE_MAX,
  TURNSTILE_TOKEN_MAX,
  URL_MAX,
  WEBSITE_MAX,
} from "../lib/fields.ts";
import { requireSiteOrigin } from "../http/cors.ts";
import { ApiError, RateLimited, tooManyPerMinute } from "../http/errors.ts";
import { jsonOnly, limitBody } from "../http/json-only.ts";
import { commentFromSite, requireEditToken, requireSite } from "../http/lookups.ts";
import { httpUrl, optional, pageKey, siteKey, text, validate } from "../http/validate.ts";

/** POST /comments' body; test/worker/contract.test.ts ties it to api-types.ts NewCommentRequest. */
export const newComment = z.object({
  site: siteKey,
  page: pageKey,
  url: optional(httpUrl("url", URL_MAX)),
  title: optional(text("title", TITLE_MAX)),
  parentId: optional(z.string().regex(COMMENT_ID_PATTERN, { error: "parentId is not a comment id." })),
  author: z
    .object({
      name: optional(text("name", NAME_MAX)),
      email: optional(
        z
          .string({ error: "email must be text." })
          .trim()
          .max(EMAIL_MAX, { error: `email must be at most ${EMAIL_MAX} characters.` })
          .pipe(z.email({ error: "email is not a valid e-mail address." })),
      ),
      website: optional(httpUrl("website", WEBSITE_MAX)),
    })
    .default({}),
  body: text("body", BODY_MAX, true),
  notify: z.boolean({ error: "notify must be true or false." }).optional(),
  formToken: z
    .string({ error: "formToken must be text." })
    .max(FORM_TOKEN_MAX, { error: "formToken is not one this API gave out." })
    .optional(),
  homepage: z.string({ error: "homepage must be text." }).max(HOMEPAGE_MAX, { error: "homepage is too long." }).optional(),
  turnstileToken: z
    .string({ error: "turnstileToken must be text." })
    .max(TURNSTILE_TOKEN_MAX, { error: "turnstileToken is too long." })
    .optional(),
});

const editBody = z.object({ body: text("body", BODY_MAX, true) });

export const comments = new Hono<AppEnv>();

// A new comment, in four steps: the edge (the input validated above, the writer hashed), the
// facts (one round trip to D1, the limits and the bot defences, any of which may refuse it),
// the verdict (lib/moderation.ts) and the write (one batch).
comments.post("/comments", jsonOnly, limitBody(BODY_BYTES.comment), validate("json", newComment), async (c) => {
  const input = c.req.valid("json");
  const now = Date.now();
  const page = normalisePageKey(input.page);
  const writer = await writerOf(c, input);

  const { site, parent, banned, knownAuthor, recent } = await readForPost(c, input, page, writer, now);
  if (writer.ipHash !== null) await limitWriter(c, `${site.key}:${writer.ipHash}`, recent, { page, body: input.body }, now);
  const trap = await botTrap(c, input, site, writer.ip, now);
  const html = renderMarkdown(input.body);
  const ownerHashes = await owners(c, site);

  const { status } = initialStatus({
    settings: site.settings,
    knownAuthor,
    banned,
    ownerEmail: writer.emailHash !== null && ownerHashes.has(writer.emailHash),
    texts: [input.body, writer.name ?? "", writer.email ?? "", input.author.website ?? ""],
    links: countLinks(html),
    trap,
    akismet: c.env.AKISMET_KEY && trap === null ? await askAkismet(c, c.env.AKISMET_KEY, site, input, writer) : null,
  });

  const id = nanoid();
  const createdAt = new Date(now).toISOString();
  const editToken = newToken();
  const comment: NewComment = {
    id,
    parent_id: parent?.id ?? null,
    root_id: parent?.root_id ?? id,
    depth: parent ? parent.depth + 1 : 0,
    path: childPath(parent?.path ?? null, createdAt, id),
    author_name: writer.name,
    author_email: writer.email,
    author_website: input.author.website ?? null,
    email_hash: writer.emailHash,
    body: input.body,
    html,
    status,
    created_at: createdAt,
    ip_hash: writer.ipHash,
    edit_token_hash: await sha256Hex(editToken),
  };

  const writes = [
    upsertThread(c.env.DB, { site: site.key, page, url: input.url ?? null, title: input.title ?? null, now: createdAt }),
    insertComment(c.env.DB, site.key, page, comment),
  ];
  if (status === "approved") writes.push(addToCount(c.env.DB, site.key, page, 1));
  try {
    await c.env.DB.batch(writes);
  } catch (error) {
    // The parent was removed between the checks and this write.
    if (constraintFailed(error, "FOREIGN KEY")) throw parentNotFound();
    throw error;
  }

  const editableUntil = new Date(now + site.settings.editWindowMinutes * 60_000).toISOString();
  return c.json<NewCommentResponse>(
    // Never edited and not liked yet: the two columns the insert leaves to their defaults.
    { comment: toPublicComment({ ...comment, edited_at: null, likes: 0 }, ownerHashes), editToken, editableUntil },
    status === "approved" ? 201 : 202,
  );
});

// A reader's own comment: the edit token must match and the window be open.
comments.patch("/comments/:id", jsonOnly, limitBody(BODY_BYTES.comment), validate("json", editBody), async (c) => {
  const { comment, site } = await commentFromSite(c, c.req.param("id"));
  await requireEditToken(c, comment, site);
  const { body } = c.req.valid("json");
  const html = renderMarkdown(body);
  const editedAt = new Date().toISOString();
  // A published comment edited into spam or into too many links is held again, like a new one.
  const status = comment.status === "approved" ? editedStatus(site.settings, body, countLinks(html)).status : comment.status;
  const writes = [updateBody(c.env.DB, comment.id, body, html, editedAt)];
  if (status !== comment.status) writes.push(setStatus(c.env.DB, comment.id, status), recountThread(c.env.DB, comment.thread_id));
  await c.env.DB.batch(writes);
  const edited: CommentRow = { ...comment, body, html, edited_at: editedAt, status };
  return c.json<{ comment: PublicComment }>({ comment: toPublicComment(edited, await owners(c, site)) });
});

comments.delete("/comments/:id", async (c) => {
  const { comment, site } = await commentFromSite(c, c.req.param("id"));
  await requireEditToken(c, comment, site);
  await c.env.DB.batch(await removalStatements(c.env.DB, comment));
  return c.body(null, 204);
});

type NewCommentInput = z.infer<typeof newComment>;

/** The writer as rules and rows know them: e-mail normalised, e-mail and network as salted hashes. */
interface Writer {
  name: string | null;
  email: string | null;
  emailHash: string | null;
  ip: string | undefined;
  ipHash: string | null;
}

async function writerOf(c: Context<AppEnv>, input: NewCommentInput): Promise<Writer> {
  const salt = c.env.HASH_SALT;
  const email = input.author.email === undefined ? null : normaliseEmail(input.author.email);
  const ip = c.req.header("cf-connecting-ip");
  return {
    name: input.author.name ?? null,
    email,
    emailHash: email === null ? null : await saltedHash(salt, email),
    ip,
    ipHash: ip ? await saltedHash(salt, ipNetwork(ip)) : null,
  };
}

/**
 * Everything the checks on a new comment need, in one round trip. Refuses a comment for an
 * unknown site, from another origin, on a closed thread, or replying to a comment it may not.
 */
async function readForPost(c: Context<AppEnv>, input: NewCommentInput, page: string, writer: Writer, now: number) {
  const db = c.env.DB;
  const [siteRows, threadRows, bannedRows, knownRows, parentRows, recent] = await readBatch(db, [
    selectSite(db, input.site),
    selectThread(db, input.site, page),
    selectBanned(db, input.site, writer),
    selectKnownAuthor(db, input.site, writer.emailHash),
    selectComment(db, input.parentId ?? ""),
    selectRecentByWriter(db, input.site, writer.ipHash, new Date(now - 3_600_000).toISOString()),
  ]);
  const site = requireSite(siteRows[0], input.site);
  requireSiteOrigin(c, site);
  const thread = threadRows[0];
  if (isThreadClosed(thread, site.settings, now)) throw new ApiError(403, "thread_closed", "Comments are closed on this page.");
  return {
    site,
    parent: parentOf(parentRows, input.parentId, thread),
    banned: bannedRows.length > 0,
    knownAuthor: knownRows.length > 0,
    recent,
  };
}

/** The writer's rate limits (per minute through the binding, per hour from D1), then the duplicate rule (lib/limits.ts). */
async function limitWriter(c: Context<AppEnv>, key: string, recent: RecentComment[], comment: { page: string; body: string }, now: number) {
  const minute = await limitPerMinute(c.env.COMMENT_LIMIT, key, now);
  if (minute !== null) throw tooManyPerMinute(minute, "comments");
  const hour = limitPerHour(recent, now);
  if (hour !== null) throw new RateLimited(hour, `At most ${COMMENTS_PER_HOUR} comments an hour. Try again later.`);
  if (isDuplicate(recent, comment, now)) throw new ApiError(409, "duplicate_comment", "You already posted this comment here.", "body");
}

/** The bot defences (lib/bot-traps.ts): refuses the comment, or names the trap it sprang, if any. */
async function botTrap(
  c: Context<AppEnv>,
  input: NewCommentInput,
  site: Site,
  ip: string | undefined,
  now: number,
): Promise<string | null> {
  const secret = c.env.TURNSTILE_SECRET;
  const turnstile = site.settings.turnstileSiteKey && secret ? await turnstilePasses(secret, input.turnstileToken, ip) : null;
  const form = await checkFormToken(c.env.HASH_SALT, input.formToken, site.key, site.settings.minSubmitSeconds, now);
  const verdict = botVerdict({ turnstile, form, honeypot: Boolean(input.homepage) });
  switch (verdict.refuse) {
    case "turnstile_failed":
      throw new ApiError(403, "turnstile_failed", "The anti-robot check failed. Please try it again.", "turnstileToken");
    case "form_expired":
      throw new ApiError(400, "form_expired", "This form is too old. Reload the page and send it again.", "formToken");
    case null:
      return verdict.trap;
  }
}

function askAkismet(c: Context<AppEnv>, key: string, site: Site, input: NewCommentInput, writer: Writer) {
  return akismetVerdict(key, {
    blog: site.origins.find((origin) => !origin.endsWith(":*")) ?? site.origins[0] ?? "",
    ip: writer.ip,
    userAgent: c.req.header("user-agent"),
    permalink: input.url,
    author: writer.name,
    email: writer.email,
    website: input.author.website ?? null,
    content: input.body,
  });
}

function owners(c: Context<AppEnv>, site: Site): Promise<Set<string>> {
  return ownerEmailHashes(c.env.HASH_SALT, site.settings.ownerEmails);
}

function parentNotFound(): ApiError {
  return new ApiError(400, "parent_id_not_found", "The comment you reply to does not exist.", "parentId");
}

/** A reply's parent must be a published comment of the same thread. */
function parentOf(rows: CommentRow[], parentId: string | undefined, thread: ThreadRow | undefined) {
  if (parentId === undefined) return null;
  const parent = rows[0];
  if (parent === undefined || parent.status !== "approved") throw parentNotFound();
  if (parent.thread_id !== thread?.id) {
    throw new ApiError(400, "parent_id_other_thread", "The comment you reply to is on another page.", "parentId");
  }
  return parent;
}
