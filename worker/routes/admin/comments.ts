import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AdminComment, AdminCommentsResponse } from "../../api-types.ts";
import type { AppEnv } from "../../app-env.ts";
import { auditStatement } from "../../db/audit.ts";
import {
  findCommentInSite,
  listByEmailHash,
  listForOwner,
  removalStatements,
  setPinned,
  setStatus,
  toAdminComment,
  updateBody,
  type CommentInSite,
  type CommentRow,
} from "../../db/comments.ts";
import { siteOfComment } from "../../db/sites.ts";
import { recountThread } from "../../db/recount.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { siteByKey } from "../../http/lookups.ts";
import { normaliseEmail, ownerEmailHashes, saltedHash } from "../../lib/hash.ts";
import { renderMarkdown } from "../../lib/markdown.ts";
import { cursorParam, siteKey, text, validate } from "../../http/validate.ts";
import { BODY_BYTES, BODY_MAX, CURSOR_MAX, EMAIL_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, SEARCH_MAX } from "../../lib/fields.ts";
import { jsonOnly, limitBody } from "../../http/json-only.ts";

const statusWord = z.enum(["pending", "approved", "spam", "deleted"], { error: "status must be pending, approved, spam or deleted." });

const queueQuery = z.object({
  site: siteKey,
  status: statusWord.optional(),
  q: z.string().trim().max(SEARCH_MAX).optional(),
  cursor: z.string().max(CURSOR_MAX).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
});

const change = z
  .strictObject({
    status: z.enum(["pending", "approved", "spam"], { error: "status must be pending, approved or spam." }).optional(),
    body: text("body", BODY_MAX, true).optional(),
    pinned: z.boolean({ error: "pinned must be true or false." }).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { error: "Send status, body or pinned.", params: { code: "empty" } });

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
    const site = await siteByKey(c.env.DB, query.site);
    const cursor = cursorParam(query.cursor);
    const { shown, nextCursor } = await listForOwner(c.env.DB, { ...query, cursor });
    const owners = await ownerEmailHashes(c.env.HASH_SALT, site.settings.ownerEmails);
    return c.json<AdminCommentsResponse>({ comments: shown.map((row) => toAdminComment(row, owners)), nextCursor });
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
    const db = c.env.DB;
    const after: CommentInSite = { ...before };
    const writes: D1PreparedStatement[] = [];
    if (input.status !== undefined && input.status !== before.status) {
      after.status = input.status;
      writes.push(setStatus(db, before.id, input.status), recountThread(db, before.thread_id));
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
    await db.batch(writes);
    return c.json<{ comment: AdminComment }>({ comment: await adminView(c, after) });
  })
  // Delete for good; a comment with replies stays as a placeholder so they keep their place.
  .delete("/comments/:id", async (c) => {
    const comment = await ownerComment(c, c.req.param("id"));
    await c.env.DB.batch([...(await removalStatements(c.env.DB, comment)), audit(c, "comment.delete", comment, "deleted")]);
    return c.body(null, 204);
  })
  // A reader's erasure request: export every comment written with the e-mail, then erase them.
  .post("/erase", jsonOnly, limitBody(BODY_BYTES.small), validate("json", erasure), async (c) => {
    const { site: key, email } = c.req.valid("json");
    const site = await siteByKey(c.env.DB, key);
    const { results } = await listByEmailHash(c.env.DB, site.key, await saltedHash(c.env.HASH_SALT, normaliseEmail(email)));
    const owners = await ownerEmailHashes(c.env.HASH_SALT, site.settings.ownerEmails);
    const exported = results.map((row) => toAdminComment(row, owners));
    // Deepest first, one at a time: each removal sees the replies that are left.
    for (const row of results) {
      const comment = { ...row, site_key: site.key };
      await c.env.DB.batch([...(await removalStatements(c.env.DB, comment)), audit(c, "comment.erase", comment, "deleted")]);
    }
    return c.json({ erased: exported.length, comments: exported });
  });

async function ownerComment(c: Context<AppEnv>, id: string): Promise<CommentInSite> {
  const comment = await findCommentInSite(c.env.DB, id);
  if (comment === null) throw notFound.comment();
  return comment;
}

async function adminView(c: Context<AppEnv>, comment: CommentInSite): Promise<AdminComment> {
  const site = siteOfComment(comment);
  const owners = await ownerEmailHashes(c.env.HASH_SALT, site.settings.ownerEmails);
  return toAdminComment(comment, owners);
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
