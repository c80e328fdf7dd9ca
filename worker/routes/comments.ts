import { Hono, type Context } from "hono";
import { nanoid } from "nanoid";
import { z } from "zod";
import type { NewCommentResponse, PublicComment } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { selectBanned } from "../db/bans.ts";
import {
  findCommentInSite,
  insertComment,
  removalStatements,
  selectComment,
  selectKnownAuthor,
  selectRecentByWriter,
  setStatus,
  toPublicComment,
  updateBody,
  type CommentInSite,
  type CommentRow,
} from "../db/comments.ts";
import { requireSite, selectSite, siteOfComment, type Site, type SiteRow } from "../db/sites.ts";
import { constraintFailed } from "../db/constraints.ts";
import { addToCount, recountThread, selectThread, upsertThread, type ThreadRow } from "../db/threads.ts";
import { akismetVerdict } from "../lib/akismet.ts";
import { requireEditToken } from "../lib/edit-token.ts";
import { checkFormToken } from "../lib/form-token.ts";
import { DUPLICATE_WINDOW_MS, limitPerHour, limitPerMinute } from "../lib/limits.ts";
import { turnstilePasses } from "../lib/turnstile.ts";
import { ApiError } from "../lib/errors.ts";
import { ipNetwork, newToken, normaliseEmail, ownerEmailHashes, saltedHash, sha256Hex } from "../lib/hash.ts";
import { renderMarkdown } from "../lib/markdown.ts";
import { countLinks, initialStatus, isThreadClosed } from "../lib/moderation.ts";
import { normalisePageKey } from "../lib/page-key.ts";
import { childPath } from "../lib/thread-order.ts";
import { httpUrl, optional, pageKey, siteKey, text, validate } from "../lib/validate.ts";
import { BODY_MAX } from "../lib/text.ts";
import { requireSiteOrigin } from "../middleware/cors.ts";
import { jsonOnly, limitBody } from "../middleware/json-only.ts";

const newComment = z.object({
  site: siteKey,
  page: pageKey,
  url: optional(httpUrl("url", 2000)),
  title: optional(text("title", 300)),
  parentId: optional(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "parentId is not a comment id." })),
  author: z
    .object({
      name: optional(text("name", 80)),
      email: optional(
        z
          .string({ error: "email must be text." })
          .trim()
          .max(254, { error: "email must be at most 254 characters." })
          .pipe(z.email({ error: "email is not a valid e-mail address." })),
      ),
      website: optional(httpUrl("website", 2000)),
    })
    .default({}),
  body: text("body", BODY_MAX, true),
  notify: z.boolean({ error: "notify must be true or false." }).optional(),
  formToken: z.string({ error: "formToken must be text." }).max(200, { error: "formToken is not one this API gave out." }).optional(),
  homepage: z.string({ error: "homepage must be text." }).max(2000, { error: "homepage is too long." }).optional(),
  turnstileToken: z.string({ error: "turnstileToken must be text." }).max(4096, { error: "turnstileToken is too long." }).optional(),
});

const editBody = z.object({ body: text("body", BODY_MAX, true) });

export const comments = new Hono<AppEnv>();

comments.post("/comments", jsonOnly, limitBody(64 * 1024), validate("json", newComment), async (c) => {
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
  const row: CommentRow = {
    id,
    thread_id: 0, // set by the insert from the thread's key
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
    edited_at: null,
    ip_hash: writer.ipHash,
    edit_token_hash: await sha256Hex(editToken),
    likes: 0,
    pinned: 0,
    source: null,
    source_id: null,
  };

  const writes = [
    upsertThread(c.env.DB, { site: site.key, page, url: input.url ?? null, title: input.title ?? null, now: createdAt }),
    insertComment(c.env.DB, site.key, page, row),
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
    { comment: toPublicComment(row, ownerHashes), editToken, editableUntil },
    status === "approved" ? 201 : 202,
  );
});

// A reader's own comment: the edit token must match and the window be open.
comments.patch("/comments/:id", jsonOnly, limitBody(64 * 1024), validate("json", editBody), async (c) => {
  const { comment, site } = await commentFromSite(c, c.req.param("id"));
  await requireEditToken(c.req.header("authorization"), comment, site.settings.editWindowMinutes);
  const { body } = c.req.valid("json");
  const html = renderMarkdown(body);
  const editedAt = new Date().toISOString();
  // A published comment edited into spam or into too many links is held again, like a new one.
  const verdict = initialStatus({
    settings: { ...site.settings, moderation: "none" },
    knownAuthor: true,
    banned: false,
    ownerEmail: false,
    texts: [body],
    links: countLinks(html),
  });
  const status = comment.status === "approved" ? verdict.status : comment.status;
  const writes = [updateBody(c.env.DB, comment.id, body, html, editedAt)];
  if (status !== comment.status) writes.push(setStatus(c.env.DB, comment.id, status), recountThread(c.env.DB, comment.thread_id));
  await c.env.DB.batch(writes);
  const edited: CommentRow = { ...comment, body, html, edited_at: editedAt, status };
  return c.json<{ comment: PublicComment }>({ comment: toPublicComment(edited, await owners(c, site)) });
});

comments.delete("/comments/:id", async (c) => {
  const { comment, site } = await commentFromSite(c, c.req.param("id"));
  await requireEditToken(c.req.header("authorization"), comment, site.settings.editWindowMinutes);
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
  const [siteResult, threadResult, bannedResult, knownResult, parentResult, recentResult] = await db.batch([
    selectSite(db, input.site),
    selectThread(db, input.site, page),
    selectBanned(db, input.site, writer),
    selectKnownAuthor(db, input.site, writer.emailHash),
    selectComment(db, input.parentId ?? ""),
    selectRecentByWriter(db, input.site, writer.ipHash, new Date(now - 3_600_000).toISOString()),
  ]);
  const site = requireSite(siteResult?.results[0] as SiteRow | undefined, input.site);
  requireSiteOrigin(c, site);
  const thread = (threadResult?.results as ThreadRow[] | undefined)?.[0];
  if (isThreadClosed(thread, site.settings, now)) throw new ApiError(403, "thread_closed", "Comments are closed on this page.");
  return {
    site,
    parent: parentOf(parentResult?.results as CommentRow[] | undefined, input.parentId, thread),
    banned: (bannedResult?.results.length ?? 0) > 0,
    knownAuthor: (knownResult?.results.length ?? 0) > 0,
    recent: (recentResult?.results ?? []) as RecentComment[],
  };
}

interface RecentComment {
  created_at: string;
  body: string;
  page: string;
}

/** The writer's rate limits (per minute through the binding, per hour from D1), then the duplicate rule. */
async function limitWriter(c: Context<AppEnv>, key: string, recent: RecentComment[], comment: { page: string; body: string }, now: number) {
  await limitPerMinute(c.env.COMMENT_LIMIT, key, "comments", now);
  limitPerHour(recent, now);
  const sameAgain = recent.some(
    (earlier) => earlier.page === comment.page && earlier.body === comment.body && now - Date.parse(earlier.created_at) < DUPLICATE_WINDOW_MS,
  );
  if (sameAgain) throw new ApiError(409, "duplicate_comment", "You already posted this comment here.", "body");
}

/**
 * The bot defences. A failed Turnstile check and an expired form are refused; the other
 * traps (the honeypot field, a missing, forged or too-fast form token) are named here and
 * make the comment spam, which is answered like a held comment so robots learn nothing.
 */
async function botTrap(c: Context<AppEnv>, input: NewCommentInput, site: Site, ip: string | undefined, now: number): Promise<string | null> {
  if (site.settings.turnstileSiteKey && c.env.TURNSTILE_SECRET && !(await turnstilePasses(c.env.TURNSTILE_SECRET, input.turnstileToken, ip))) {
    throw new ApiError(403, "turnstile_failed", "The anti-robot check failed. Please try it again.", "turnstileToken");
  }
  const form = await checkFormToken(c.env.HASH_SALT, input.formToken, site.key, site.settings.minSubmitSeconds, now);
  if (form === "expired") throw new ApiError(400, "form_expired", "This form is too old. Reload the page and send it again.", "formToken");
  return input.homepage ? "honeypot" : form === "ok" ? null : `form token ${form}`;
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

/** The comment named in the path, if it is public or held, and its site, whose pages alone may change it. */
export async function commentFromSite(c: Context<AppEnv>, id: string): Promise<{ comment: CommentInSite; site: Site }> {
  const comment = await findCommentInSite(c.env.DB, id);
  // Spam stays reachable for its author's token: answering 404 would tell a spammer.
  if (comment === null || comment.status === "deleted") {
    throw new ApiError(404, "comment_not_found", "There is no such comment.");
  }
  const site = siteOfComment(comment);
  requireSiteOrigin(c, site);
  return { comment, site };
}

function owners(c: Context<AppEnv>, site: Site): Promise<Set<string>> {
  return ownerEmailHashes(c.env.HASH_SALT, site.settings.ownerEmails);
}

function parentNotFound(): ApiError {
  return new ApiError(400, "parent_id_not_found", "The comment you reply to does not exist.", "parentId");
}

/** A reply's parent must be a published comment of the same thread. */
function parentOf(rows: CommentRow[] | undefined, parentId: string | undefined, thread: ThreadRow | undefined) {
  if (parentId === undefined) return null;
  const parent = rows?.[0];
  if (parent === undefined || parent.status !== "approved") throw parentNotFound();
  if (parent.thread_id !== thread?.id) {
    throw new ApiError(400, "parent_id_other_thread", "The comment you reply to is on another page.", "parentId");
  }
  return parent;
}
