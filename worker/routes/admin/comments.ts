import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AdminComment, AdminCommentsResponse, OwnerReplyResponse, StaleApproval } from "../../api-types.ts";
import type { AppEnv } from "../../app-env.ts";
import { auditStatement } from "../../db/audit.ts";
import {
  findCommentInSite,
  insertComment,
  listByEmailHash,
  listForOwner,
  markByOwner,
  removalStatements,
  setPinned,
  setStatus,
  setStatusIfVersion,
  toAdminComment,
  updateBody,
  type CommentInSite,
  type CommentRow,
} from "../../db/comments.ts";
import { siteOfComment } from "../../db/sites.ts";
import { recountThread } from "../../db/recount.ts";
import { errorBody, ApiError, notFound } from "../../http/errors.ts";
import { siteByKey } from "../../http/lookups.ts";
import { normaliseEmail, saltedHash } from "../../lib/hash.ts";
import { renderMarkdown } from "../../lib/markdown.ts";
import { cursorParam, optional, siteKey, text, validate } from "../../http/validate.ts";
import { BODY_BYTES, BODY_MAX, CURSOR_MAX, EMAIL_MAX, NAME_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, SEARCH_MAX } from "../../lib/fields.ts";
import { newCommentRow } from "../comments.ts";
import { jsonOnly, limitBody } from "../../http/json-only.ts";
import { deletedSnapshot, emit } from "../../notify/events.ts";

const statusWord = z.enum(["pending", "approved", "spam", "deleted"], { error: "status must be pending, approved, spam or deleted." });

const queueQuery = z.object({
  site: siteKey,
  status: statusWord.optional(),
  q: z.string().trim().max(SEARCH_MAX).optional(),
  cursor: z.string().max(CURSOR_MAX).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
});

/** The version of a comment the owner saw: its `editedAt` (issue 10, item 6). */
const version = z
  .string({ error: "editedAt must be the editedAt the comment was shown with." })
  .max(40, { error: "editedAt is not a time." });

const change = z
  .strictObject({
    status: z.enum(["pending", "approved", "spam"], { error: "status must be pending, approved or spam." }).optional(),
    body: text("body", BODY_MAX, true).optional(),
    pinned: z.boolean({ error: "pinned must be true or false." }).optional(),
    editedAt: optional(version).nullable(),
  })
  .refine((value) => Object.keys(value).length > 0, { error: "Send status, body or pinned.", params: { code: "empty" } });

const reply = z.strictObject({
  body: text("body", BODY_MAX, true),
  name: optional(text("name", NAME_MAX)),
  editedAt: optional(version).nullable(),
});

const erasure = z.object({
  site: siteKey,
  email: z
    .string()
    .trim()
    .max(EMAIL_MAX)
    .pipe(z.email({ error: "email is not a valid e-mail address." })),
});

export const adminComments = new Hono<AppEnv>()
  .get("/comments", validate("query", queueQuery), async (c) => {
    const query = c.req.valid("query");
    await siteByKey(c.env.DB, query.site); // an unknown site is a 404, not an empty queue
    const cursor = cursorParam(query.cursor);
    const { shown, nextCursor } = await listForOwner(c.env.DB, { ...query, cursor });
    return c.json<AdminCommentsResponse>({ comments: shown.map((row) => toAdminComment(row)), nextCursor });
  })
  // Approve, mark spam (or un-spam), edit, pin. Counts and the audit trail change in the same batch.
  .patch("/comments/:id", jsonOnly, limitBody(BODY_BYTES.comment), validate("json", change), async (c) => {
    const before = await ownerComment(c, c.req.param("id"));
    const input = c.req.valid("json");
    if (input.pinned === true && before.depth > 0) {
      throw new ApiError(400, "pinned_reply", "Only top-level comments can be pinned.", "pinned");
    }
    if (before.status === "deleted" && (input.status !== undefined || input.body !== undefined)) {
      throw new ApiError(409, "comment_deleted", "This comment was deleted; only its place in the thread remains.");
    }
    // An approval names the version the owner saw: an edit since is shown to them first.
    const seen = input.editedAt ?? null;
    if (input.status === "approved" && before.status !== "approved" && seen !== before.edited_at) return stale(c, before);
    const db = c.env.DB;
    const after: CommentInSite = { ...before };
    const writes: D1PreparedStatement[] = [];
    if (input.status !== undefined && input.status !== before.status) {
      after.status = input.status;
      // An approval is guarded in SQL too: an edit landing between this read and the write stays unpublished.
      const set =
        input.status === "approved"
          ? setStatusIfVersion(db, before.id, "approved", before.edited_at)
          : setStatus(db, before.id, input.status);
      writes.push(set, recountThread(db, before.thread_id));
    }
    if (input.body !== undefined) {
      Object.assign(after, { body: input.body, html: renderMarkdown(input.body), edited_at: new Date().toISOString() });
      writes.push(updateBody(db, after.id, after.body, after.html, after.edited_at ?? ""));
    }
    if (input.pinned !== undefined) {
      after.pinned = input.pinned ? 1 : 0;
      writes.push(setPinned(db, before.id, input.pinned));
    }
    writes.push(audit(c, "comment.update", before, after.status, input));
    const [first] = await db.batch(writes);
    // An edit landed between the read and the write: the approval did not apply (the guard above, in SQL).
    const approving = after.status === "approved" && before.status !== "approved";
    if (approving && first?.meta.changes === 0) return stale(c, await ownerComment(c, before.id));
    if (approving) emit(c, { type: "comment.published", site: before.site_key, commentId: before.id, by: "owner" });
    return c.json<{ comment: AdminComment }>({ comment: toAdminComment(after) });
  })
  // Delete for good; a comment with replies stays as a placeholder so they keep their place.
  .delete("/comments/:id", async (c) => {
    const comment = await ownerComment(c, c.req.param("id"));
    await c.env.DB.batch([...(await removalStatements(c.env.DB, comment)), audit(c, "comment.delete", comment, "deleted")]);
    emit(c, { type: "comment.deleted", site: comment.site_key, commentId: comment.id, by: "owner", snapshot: deletedSnapshot(comment) });
    return c.body(null, 204);
  })
  .post("/comments/:id/reply", jsonOnly, limitBody(BODY_BYTES.comment), validate("json", reply), async (c) =>
    replyAsOwner(c, await ownerComment(c, c.req.param("id")), c.req.valid("json")),
  )
  // A reader's erasure request: export every comment written with the e-mail, then erase them.
  .post("/erase", jsonOnly, limitBody(BODY_BYTES.small), validate("json", erasure), async (c) => {
    const { site: key, email } = c.req.valid("json");
    const site = await siteByKey(c.env.DB, key);
    const { results } = await listByEmailHash(c.env.DB, site.key, await saltedHash(c.env.HASH_SALT, normaliseEmail(email)));
    const exported = results.map((row) => toAdminComment(row));
    // Deepest first, one at a time: each removal sees the replies that are left.
    for (const row of results) {
      const comment = { ...row, site_key: site.key };
      await c.env.DB.batch([...(await removalStatements(c.env.DB, comment)), audit(c, "comment.erase", comment, "deleted")]);
    }
    return c.json({ erased: exported.length, comments: exported });
  });

/**
 * The owner's reply, published at once with the owner's badge (issue 10, item 7): the admin
 * token is the proof, never an e-mail. Replying to a held comment publishes it, as WordPress
 * does, if it is still the version the owner saw.
 */
async function replyAsOwner(c: Context<AppEnv>, parent: CommentInSite, input: z.infer<typeof reply>) {
  if (parent.status === "deleted" || parent.status === "spam") {
    throw new ApiError(
      409,
      `comment_${parent.status}`,
      `This comment is ${parent.status === "spam" ? "spam" : "deleted"}: reply to another one.`,
    );
  }
  if (parent.status === "pending" && (input.editedAt ?? null) !== parent.edited_at) return stale(c, parent);
  const db = c.env.DB;
  const site = siteOfComment(parent);
  const email = site.settings.ownerEmails[0] ?? null;
  const row = newCommentRow(parent, new Date().toISOString(), {
    author_name: input.name ?? null,
    author_email: email,
    author_website: null,
    email_hash: email === null ? null : await saltedHash(c.env.HASH_SALT, normaliseEmail(email)),
    body: input.body,
    html: renderMarkdown(input.body),
    status: "approved",
    ip_hash: null,
    edit_token_hash: null,
  });
  const writes = [insertComment(db, site.key, parent.page, row), markByOwner(db, row.id)];
  if (parent.status === "pending") {
    writes.push(
      setStatusIfVersion(db, parent.id, "approved", parent.edited_at),
      audit(c, "comment.update", parent, "approved", { status: "approved" }),
    );
  }
  writes.push(recountThread(db, parent.thread_id), audit(c, "comment.reply", { ...parent, ...row }, "approved", { parentId: parent.id }));
  await db.batch(writes);
  const events = [
    { type: "comment.created", site: site.key, commentId: row.id, by: "owner" },
    { type: "comment.published", site: site.key, commentId: row.id, by: "owner" },
  ] as const;
  if (parent.status === "pending") emit(c, { type: "comment.published", site: site.key, commentId: parent.id, by: "owner" }, ...events);
  else emit(c, ...events);
  const comment = { ...parent, ...row, edited_at: null, likes: 0, pinned: 0, source: null, source_id: null, by_owner: 1 };
  return c.json<OwnerReplyResponse>({ comment: toAdminComment(comment), parent: toAdminComment({ ...parent, status: "approved" }) }, 201);
}

/** 409: the comment changed since the owner saw it; here it is as it is now. */
function stale(c: Context<AppEnv>, comment: CommentInSite) {
  const message = "This comment was edited since you saw it. Read it again before you approve it.";
  return c.json<StaleApproval>({ ...errorBody("comment_changed", message, "editedAt"), comment: toAdminComment(comment) }, 409);
}

async function ownerComment(c: Context<AppEnv>, id: string): Promise<CommentInSite> {
  const comment = await findCommentInSite(c.env.DB, id);
  if (comment === null) throw notFound.comment();
  return comment;
}

function audit(c: Context<AppEnv>, action: string, comment: CommentRow & { site_key: string }, after: string, detail?: unknown) {
  return auditStatement(c.env.DB, {
    actor: c.get("adminId"),
    action,
    site: comment.site_key,
    commentId: comment.id,
    before: comment.status,
    after,
    detail,
  });
}
