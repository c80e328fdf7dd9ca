import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AdminComment, AdminCommentsResponse, OwnerReplyResponse } from "../../api-types.ts";
import type { AppEnv } from "../../app-env.ts";
import {
  listByEmailHash,
  listForOwner,
  removalStatements,
  setPinned,
  toAdminComment,
  updateBody,
  type CommentInSite,
  type CommentRow,
} from "../../db/comments.ts";
import { ApiError } from "../../http/errors.ts";
import { siteByKey } from "../../http/lookups.ts";
import { normaliseEmail, saltedHash } from "../../lib/hash.ts";
import { renderMarkdown } from "../../lib/markdown.ts";
import { cursorParam, optional, siteKey, text, validate } from "../../http/validate.ts";
import { BODY_BYTES, BODY_MAX, CURSOR_MAX, EMAIL_MAX, NAME_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, SEARCH_MAX } from "../../lib/fields.ts";
import { jsonOnly, limitBody } from "../../http/json-only.ts";
import { eraseSubscriberStatements } from "../../db/subscriptions.ts";
import {
  deleteAsOwner,
  emitPublished,
  isStaleApproval,
  ownerAudit,
  ownerComment as findOwnerComment,
  replyAsOwner,
  staleAnswer,
  statusStatements,
} from "../owner-actions.ts";

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
    if (input.status !== undefined && isStaleApproval(before, input.status, input.editedAt ?? null)) return staleAnswer(c, before);
    const db = c.env.DB;
    const after: CommentInSite = { ...before };
    const writes: D1PreparedStatement[] = [];
    if (input.status !== undefined && input.status !== before.status) {
      after.status = input.status;
      writes.push(...statusStatements(db, before, input.status));
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
    if (approving && first?.meta.changes === 0) return staleAnswer(c, await ownerComment(c, before.id));
    if (approving) emitPublished(c, before);
    return c.json<{ comment: AdminComment }>({ comment: toAdminComment(after) });
  })
  // Delete for good; a comment with replies stays as a placeholder so they keep their place.
  .delete("/comments/:id", async (c) => {
    await deleteAsOwner(c, c.get("adminId"), await ownerComment(c, c.req.param("id")));
    return c.body(null, 204);
  })
  // The owner's reply (routes/owner-actions.ts, shared with the moderation page).
  .post("/comments/:id/reply", jsonOnly, limitBody(BODY_BYTES.comment), validate("json", reply), async (c) => {
    const done = await replyAsOwner(c, c.get("adminId"), await ownerComment(c, c.req.param("id")), c.req.valid("json"));
    if (!done.ok) return staleAnswer(c, done.current);
    return c.json<OwnerReplyResponse>({ comment: toAdminComment(done.reply), parent: toAdminComment(done.parent) }, 201);
  })
  // A reader's erasure request: export every comment written with the e-mail, then erase them.
  .post("/erase", jsonOnly, limitBody(BODY_BYTES.small), validate("json", erasure), async (c) => {
    const { site: key, email } = c.req.valid("json");
    const site = await siteByKey(c.env.DB, key);
    const emailHash = await saltedHash(c.env.HASH_SALT, normaliseEmail(email));
    const { results } = await listByEmailHash(c.env.DB, site.key, emailHash);
    const exported = results.map((row) => toAdminComment(row));
    // The address's subscriptions go too (counted before the comments take theirs with them), with its
    // suppression and its lines in the delivery log (issue 11).
    const [counted, , , log] = await c.env.DB.batch<{ subscriptions: number }>(eraseSubscriberStatements(c.env.DB, site.key, emailHash));
    // Deepest first, one at a time: each removal sees the replies that are left.
    for (const row of results) {
      const comment = { ...row, site_key: site.key };
      await c.env.DB.batch([...(await removalStatements(c.env.DB, comment)), audit(c, "comment.erase", comment, "deleted")]);
    }
    const subscriptions = counted?.results[0]?.subscriptions ?? 0;
    return c.json({ erased: exported.length, comments: exported, subscriptions, deliveries: log?.meta.changes ?? 0 });
  });

function ownerComment(c: Context<AppEnv>, id: string): Promise<CommentInSite> {
  return findOwnerComment(c.env.DB, id);
}

function audit(c: Context<AppEnv>, action: string, comment: CommentRow & { site_key: string }, after: string, detail?: unknown) {
  return ownerAudit(c, c.get("adminId"), action, comment, after, detail);
}
