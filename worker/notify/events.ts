// What happens to comments, as the queue carries it (issue 11). A route that changes a comment
// says so with `emit`, after its write: the request never waits for a mail or a webhook. The
// consumer (queue.ts) turns each event into deliveries (fanout.ts), one queue message each.

import type { CommentStatus } from "../api-types.ts";
import type { CommentRow } from "../db/comments.ts";

export type CommentEventType = "comment.created" | "comment.published" | "comment.deleted";

export interface CommentEvent {
  /** Random: with the recipient it names each delivery, so a retried event queues nothing twice. */
  id: string;
  type: CommentEventType;
  site: string;
  commentId: string;
  /** Who caused it: the owner is never mailed about their own comments and actions. */
  by: "reader" | "owner";
  /** The worker's own origin, for the links in mails (under `wrangler dev`, the dev server's). */
  origin: string;
  /** ISO 8601. */
  at: string;
  /** Why the rules decided what they did (lib/moderation.ts), for a reader's comment.created. */
  reason?: string;
  /** The comment as it was, for comment.deleted: the row is gone or a placeholder by then. */
  snapshot?: DeletedComment;
}

/** What a deletion event remembers of the comment it removed: public fields only. */
export interface DeletedComment {
  page: string;
  status: CommentStatus;
  authorName: string | null;
  createdAt: string;
}

export function deletedSnapshot(comment: CommentRow & { page: string }): DeletedComment {
  return { page: comment.page, status: comment.status, authorName: comment.author_name, createdAt: comment.created_at };
}

export type QueueMessage = { kind: "event"; event: CommentEvent } | { kind: "delivery"; id: string };

type EventInput = Omit<CommentEvent, "id" | "at" | "origin">;

/**
 * Queues events after the write that caused them, without making the answer wait. A queue that
 * refuses the message loses a notification, never the comment: the comment is already stored.
 */
export function emit(
  ctx: { env: Env; executionCtx: { waitUntil(promise: Promise<unknown>): void }; req: { url: string } },
  ...events: EventInput[]
): void {
  const origin = new URL(ctx.req.url).origin;
  const at = new Date().toISOString();
  const messages = events.map((event) => ({ body: { kind: "event", event: { ...event, id: crypto.randomUUID(), at, origin } } as const }));
  ctx.executionCtx.waitUntil(
    ctx.env.EVENTS.sendBatch(messages).catch((error: unknown) => console.error(`[bascule] queue refused ${events.length} event(s)`, error)),
  );
}
