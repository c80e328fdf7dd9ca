import { Hono, type Context } from "hono";
import { nanoid } from "nanoid";
import { z } from "zod";
import type { NewCommentResponse, PublicComment } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { auditStatement } from "../db/audit.ts";
import { selectBanned } from "../db/bans.ts";
import {
  insertComment,
  removalStatements,
  selectComment,
  selectProvenAuthor,
  selectRecentByWriter,
  setStatus,
  toPublicComment,
  updateBody,
  type CommentRow,
  type NewComment,
  type RecentComment,
} from "../db/comments.ts";
import { firstRow, readBatch } from "../db/batch.ts";
import { claimFormUse, dropExpiredFormUses } from "../db/form-uses.ts";
import { selectSite, type Site } from "../db/sites.ts";
import { constraintFailed } from "../db/constraints.ts";
import { addToCount, recountThread } from "../db/recount.ts";
import { selectThread, upsertThread, type ThreadRow } from "../db/threads.ts";
import { subscribeStatements } from "../db/subscriptions.ts";
import { akismetVerdict } from "../lib/akismet.ts";
import { botVerdict } from "../lib/bot-traps.ts";
import { checkFormToken, FORM_TOKEN_LIFETIME_MS, FORM_USES_MAX, signFormToken } from "../lib/form-token.ts";
import { tokenHashes } from "../lib/edit-token.ts";
import { READER_TOKENS_HEADER } from "../lib/reader-tokens.ts";
import { isUrlOnOrigins } from "../lib/origins.ts";
import { COMMENTS_PER_HOUR, isDuplicate, limitPerHour, limitPerMinute } from "../lib/limits.ts";
import { newToken, normaliseEmail, saltedHash, sha256Hex } from "../lib/hash.ts";
import { renderMarkdown } from "../lib/markdown.ts";
import { countLinks, editedStatus, initialStatus, isThreadClosed, type AuthorProof } from "../lib/moderation.ts";
import { cleanPageKey } from "../lib/text.ts";
import { childPath } from "../lib/thread-order.ts";
import { emit, deletedSnapshot } from "../notify/events.ts";
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
import { turnstileFor, writerKey } from "../http/writer.ts";
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
  notify: z
    .custom<boolean | "thread">((value) => typeof value === "boolean" || value === "thread", {
      error: 'notify must be true, false or "thread".',
      params: { code: "invalid_type" },
    })
    .optional(),
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
  const page = cleanPageKey(input.page);
  const writer = await writerOf(c, input);
  // Ticked "notify me" without an address: say so at the e-mail field rather than drop the wish.
  if (input.notify && writer.email === null) {
    throw new ApiError(400, "email_required", "Give your e-mail to be notified of replies.", "author.email");
  }

  const { site, parent, banned, knownAuthor, recent } = await readForPost(c, input, page, writer, now);
  await limitWriter(c, `${site.key}:${writer.ipHash}`, recent, { page, body: input.body }, now);
  const { trap, nonce } = await botTrap(c, input, site, page, writer.ip, now);
  const html = renderMarkdown(input.body);

  const { status, reason } = initialStatus({
    settings: site.settings,
    knownAuthor,
    banned,
    texts: [input.body, writer.name ?? "", writer.email ?? "", input.author.website ?? ""],
    links: countLinks(html),
    trap,
    akismet: c.env.AKISMET_KEY && trap === null ? await askAkismet(c, c.env.AKISMET_KEY, site, input, writer) : null,
  });

  const createdAt = new Date(now).toISOString();
  const editToken = newToken();
  const comment = newCommentRow(parent, createdAt, {
    author_name: writer.name,
    author_email: writer.email,
    author_website: input.author.website ?? null,
    email_hash: writer.emailHash,
    body: input.body,
    html,
    status,
    ip_hash: writer.ipHash,
    edit_token_hash: await sha256Hex(editToken),
  });

  // Spam names no thread, and a URL off the site's origins is not kept (issue 10, item 8).
  const meta = status === "spam" ? { url: null, title: null } : { url: siteUrl(input.url, site), title: input.title ?? null };
  const writes = [
    upsertThread(c.env.DB, { site: site.key, page, ...meta, now: createdAt }),
    insertComment(c.env.DB, site.key, page, comment),
  ];
  if (status === "approved") writes.push(addToCount(c.env.DB, site.key, page, 1));
  // Spam never subscribes anyone; the address confirms before anything else is sent (notify/readers.ts).
  if (input.notify && writer.email !== null && writer.emailHash !== null && status !== "spam") {
    const scope = input.notify === "thread" ? "thread" : "comment";
    writes.push(
      ...subscribeStatements(c.env.DB, {
        site: site.key,
        page,
        email: writer.email,
        emailHash: writer.emailHash,
        commentId: comment.id,
        scope,
        createdAt,
      }),
    );
  }
  try {
    await c.env.DB.batch(writes);
  } catch (error) {
    // The parent was removed between the checks and this write.
    if (constraintFailed(error, "FOREIGN KEY")) throw parentNotFound();
    throw error;
  }

  const event = { site: site.key, commentId: comment.id, by: "reader" } as const;
  if (status === "approved") emit(c, { ...event, type: "comment.created", reason }, { ...event, type: "comment.published" });
  else emit(c, { ...event, type: "comment.created", reason });

  const editableUntil = new Date(now + site.settings.editWindowMinutes * 60_000).toISOString();
  // The next comment from this form: the same count of uses goes on (lib/form-token.ts).
  const formToken = await signFormToken(c.env.HASH_SALT, { site: site.key, page, issuedAt: now, nonce: nonce ?? undefined });
  return c.json<NewCommentResponse>(
    // Never edited, not liked yet, not the owner's: the columns the insert leaves to their defaults.
    { comment: toPublicComment({ ...comment, edited_at: null, likes: 0, by_owner: 0 }), editToken, editableUntil, formToken },
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
  const writer = { emailHash: comment.email_hash, ipHash: comment.ip_hash, name: comment.author_name };
  const banned = (await firstRow(selectBanned(c.env.DB, site.key, writer))) !== null;
  // The rules of a new comment in the site's mode: in `all` an edit is held again (issue 10, item 6).
  const { status } = editedStatus({
    settings: site.settings,
    // commentFromSite answers 404 for a deleted one.
    status: comment.status === "deleted" ? "spam" : comment.status,
    banned,
    texts: [body, comment.author_name ?? "", comment.author_email ?? "", comment.author_website ?? ""],
    links: countLinks(html),
  });
  const writes = [updateBody(c.env.DB, comment.id, body, html, editedAt)];
  if (status !== comment.status) writes.push(setStatus(c.env.DB, comment.id, status), recountThread(c.env.DB, comment.thread_id));
  await c.env.DB.batch(writes);
  const edited: CommentRow = { ...comment, body, html, edited_at: editedAt, status };
  return c.json<{ comment: PublicComment }>({ comment: toPublicComment(edited) });
});

comments.delete("/comments/:id", async (c) => {
  const { comment, site } = await commentFromSite(c, c.req.param("id"));
  await requireEditToken(c, comment, site);
  // Written to the audit log like the owner's deletions, so a probe deleted at once still shows (issue 10, item 5).
  const audit = auditStatement(c.env.DB, {
    actor: "reader",
    action: "comment.delete",
    site: site.key,
    commentId: comment.id,
    before: comment.status,
    after: "deleted",
    detail: { page: comment.page },
  });
  await c.env.DB.batch([...(await removalStatements(c.env.DB, comment)), audit]);
  emit(c, { type: "comment.deleted", site: site.key, commentId: comment.id, by: "reader", snapshot: deletedSnapshot(comment) });
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
    ipHash: await writerKey(c),
  };
}

/**
 * Everything the checks on a new comment need, in one round trip. Refuses a comment for an
 * unknown site, from another origin, on a closed thread, or replying to a comment it may not.
 */
async function readForPost(c: Context<AppEnv>, input: NewCommentInput, page: string, writer: Writer, now: number) {
  const db = c.env.DB;
  const ownTokens = await tokenHashes(c.req.header(READER_TOKENS_HEADER));
  const [siteRows, threadRows, bannedRows, provenRows, parentRows, recent] = await readBatch(db, [
    selectSite(db, input.site),
    selectThread(db, input.site, page),
    selectBanned(db, input.site, writer),
    selectProvenAuthor(db, input.site, writer.emailHash, ownTokens),
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
    // The seam for e-mail confirmation (the notifications work): a confirmed address answers "confirmed_email".
    knownAuthor: provenRows.length > 0 ? ("edit_token" as AuthorProof) : null,
    recent,
  };
}

/** The page URL a comment gives, if it is on one of the site's origins: a thread links nowhere else. */
function siteUrl(url: string | undefined, site: Site): string | null {
  return url !== undefined && isUrlOnOrigins(url, site.origins) ? url : null;
}

/** A new comment's row, placed under its parent (or at the top); the reader's POST and the owner's reply make one. */
export function newCommentRow(
  parent: CommentRow | null,
  createdAt: string,
  fields: Omit<NewComment, "id" | "parent_id" | "root_id" | "depth" | "path" | "created_at">,
): NewComment {
  const id = nanoid();
  return {
    id,
    parent_id: parent?.id ?? null,
    root_id: parent?.root_id ?? id,
    depth: parent ? parent.depth + 1 : 0,
    path: childPath(parent?.path ?? null, createdAt, id),
    created_at: createdAt,
    ...fields,
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

/**
 * The bot defences (lib/bot-traps.ts): refuses the comment, or names the trap it sprang, if
 * any, with the nonce of a genuine form token, whose use is counted here (lib/form-token.ts).
 */
async function botTrap(
  c: Context<AppEnv>,
  input: NewCommentInput,
  site: Site,
  page: string,
  ip: string | undefined,
  now: number,
): Promise<{ trap: string | null; nonce: string | null }> {
  const turnstile = await turnstileFor(c, site.settings.turnstileSiteKey, input.turnstileToken, ip);
  const { check, nonce } = await checkFormToken(
    c.env.HASH_SALT,
    input.formToken,
    { site: site.key, page },
    site.settings.minSubmitSeconds,
    now,
  );
  if (nonce !== null && !(await claimUse(c.env.DB, nonce, now))) {
    throw new ApiError(
      400,
      "form_used_up",
      `This form has sent its ${FORM_USES_MAX} comments. Reload the page to write more.`,
      "formToken",
    );
  }
  const verdict = botVerdict({ turnstile, form: check, honeypot: Boolean(input.homepage) });
  switch (verdict.refuse) {
    case "turnstile_failed":
      throw new ApiError(403, "turnstile_failed", "The anti-robot check failed. Please try it again.", "turnstileToken");
    case "form_expired":
      throw new ApiError(400, "form_expired", "This form is too old. Reload the page and send it again.", "formToken");
    case null:
      return { trap: verdict.trap, nonce };
  }
}

/** Counts one comment for the form token; false when it has carried its last. */
async function claimUse(db: D1Database, nonce: string, now: number): Promise<boolean> {
  const expiresAt = new Date(now + FORM_TOKEN_LIFETIME_MS).toISOString();
  const [claimed] = await db.batch([
    claimFormUse(db, nonce, FORM_USES_MAX, expiresAt),
    dropExpiredFormUses(db, new Date(now).toISOString()),
  ]);
  return (claimed?.results.length ?? 0) > 0;
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
