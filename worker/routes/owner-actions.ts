// What the owner does to a comment, written once for both places it is done from: the admin
// API (routes/admin/comments.ts, with the admin token) and the one-click moderation page
// (routes/moderate.ts, with a signed link from a mail, issue 11). Each action is audited under
// the actor given and emits the events it causes, after its write. The answers (JSON or a page)
// are the callers'.
import type { Context } from "hono";
import type { CommentStatus, StaleApproval } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { auditStatement } from "../db/audit.ts";
import {
  findCommentInSite,
  insertComment,
  markByOwner,
  removalStatements,
  setStatus,
  setStatusIfVersion,
  toAdminComment,
  type CommentInSite,
  type CommentRow,
} from "../db/comments.ts";
import { recountThread } from "../db/recount.ts";
import { siteOfComment } from "../db/sites.ts";
import { ApiError, errorBody, notFound } from "../http/errors.ts";
import { normaliseEmail, saltedHash } from "../lib/hash.ts";
import { renderMarkdown } from "../lib/markdown.ts";
import { deletedSnapshot, emit } from "../notify/events.ts";
import { newCommentRow } from "./comments.ts";

/** The audit rows' actor for what a moderation link does (the admin routes name their token by a short hash). */
export const MODERATION_LINK_ACTOR = "moderation-link";

export async function ownerComment(db: D1Database, id: string): Promise<CommentInSite> {
  const comment = await findCommentInSite(db, id);
  if (comment === null) throw notFound.comment();
  return comment;
}

export function ownerAudit(
  c: Context<AppEnv>,
  actor: string,
  action: string,
  comment: CommentRow & { site_key: string },
  after: string,
  detail?: unknown,
): D1PreparedStatement {
  return auditStatement(c.env.DB, { actor, action, site: comment.site_key, commentId: comment.id, before: comment.status, after, detail });
}

/**
 * An approval names the version the owner saw (its `editedAt`, issue 10, item 6): a comment
 * edited since is shown to the owner again before it can be published.
 */
export function isStaleApproval(before: CommentRow, status: CommentStatus, seen: string | null): boolean {
  return status === "approved" && before.status !== "approved" && seen !== before.edited_at;
}

/**
 * Moves a comment to `status`, recounting its thread. An approval is guarded in SQL too: an
 * edit landing between the owner's read and this write leaves the comment unpublished, and the
 * first statement then changes no row.
 */
export function statusStatements(db: D1Database, before: CommentRow, status: CommentStatus): D1PreparedStatement[] {
  const set = status === "approved" ? setStatusIfVersion(db, before.id, "approved", before.edited_at) : setStatus(db, before.id, status);
  return [set, recountThread(db, before.thread_id)];
}

export function emitPublished(c: Context<AppEnv>, comment: CommentInSite): void {
  emit(c, { type: "comment.published", site: comment.site_key, commentId: comment.id, by: "owner" });
}

export function refuseDeleted(comment: CommentRow): void {
  if (comment.status === "deleted") {
    throw new ApiError(409, "comment_deleted", "This comment was deleted; only its place in the thread remains.");
  }
}

/** Done, or refused because the comment changed since the owner saw it (`current` is how it is now). */
export type OwnerOutcome<T> = ({ ok: true } & T) | { ok: false; current: CommentInSite };

/** Approve, hold again or mark spam: one status change, as the moderation page makes it. */
export async function setStatusAsOwner(
  c: Context<AppEnv>,
  actor: string,
  before: CommentInSite,
  status: "approved" | "pending" | "spam",
  seen: string | null,
): Promise<OwnerOutcome<{ comment: CommentInSite }>> {
  refuseDeleted(before);
  if (status === before.status) return { ok: true, comment: before };
  if (isStaleApproval(before, status, seen)) return { ok: false, current: before };
  const [set] = await c.env.DB.batch([
    ...statusStatements(c.env.DB, before, status),
    ownerAudit(c, actor, "comment.update", before, status, { status }),
  ]);
  if (status === "approved" && set?.meta.changes === 0) return { ok: false, current: await ownerComment(c.env.DB, before.id) };
  const after = { ...before, status };
  if (status === "approved") emitPublished(c, after);
  return { ok: true, comment: after };
}

/** Deletes for good; a comment with replies stays as a placeholder so they keep their place. */
export async function deleteAsOwner(c: Context<AppEnv>, actor: string, comment: CommentInSite): Promise<void> {
  await c.env.DB.batch([...(await removalStatements(c.env.DB, comment)), ownerAudit(c, actor, "comment.delete", comment, "deleted")]);
  emit(c, { type: "comment.deleted", site: comment.site_key, commentId: comment.id, by: "owner", snapshot: deletedSnapshot(comment) });
}

export interface OwnerReplyInput {
  body: string;
  /** The name shown on the reply; none: "Anonymous" with the owner's badge. */
  name?: string | undefined;
  /** The version of a held parent the owner saw: the reply publishes it. */
  editedAt?: string | null | undefined;
}

/**
 * The owner's reply, published at once with the owner's badge (issue 10, item 7): the admin
 * token or the signed link is the proof, never an e-mail. Replying to a held comment publishes
 * it, as WordPress does, if it is still the version the owner saw.
 */
export async function replyAsOwner(
  c: Context<AppEnv>,
  actor: string,
  parent: CommentInSite,
  input: OwnerReplyInput,
): Promise<OwnerOutcome<{ reply: CommentInSite; parent: CommentInSite }>> {
  if (parent.status === "deleted" || parent.status === "spam") {
    throw new ApiError(
      409,
      `comment_${parent.status}`,
      `This comment is ${parent.status === "spam" ? "spam" : "deleted"}: reply to another one.`,
    );
  }
  if (parent.status === "pending" && (input.editedAt ?? null) !== parent.edited_at) return { ok: false, current: parent };
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
      ownerAudit(c, actor, "comment.update", parent, "approved", { status: "approved" }),
    );
  }
  writes.push(
    recountThread(db, parent.thread_id),
    ownerAudit(c, actor, "comment.reply", { ...parent, ...row }, "approved", { parentId: parent.id }),
  );
  await db.batch(writes);
  const events = [
    { type: "comment.created", site: site.key, commentId: row.id, by: "owner" },
    { type: "comment.published", site: site.key, commentId: row.id, by: "owner" },
  ] as const;
  if (parent.status === "pending") emit(c, { type: "comment.published", site: site.key, commentId: parent.id, by: "owner" }, ...events);
  else emit(c, ...events);
  const reply: CommentInSite = { ...parent, ...row, edited_at: null, likes: 0, pinned: 0, source: null, source_id: null, by_owner: 1 };
  return { ok: true, reply, parent: { ...parent, status: "approved" } };
}

/** 409: the comment changed since the owner saw it; here it is as it is now (the JSON answer). */
export function staleAnswer(c: Context<AppEnv>, comment: CommentInSite) {
  const message = "This comment was edited since you saw it. Read it again before you approve it.";
  return c.json<StaleApproval>({ ...errorBody("comment_changed", message, "editedAt"), comment: toAdminComment(comment) }, 409);
}
