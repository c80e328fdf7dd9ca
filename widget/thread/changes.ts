// The changes of the thread's list that follow a reader's action, as functions of the state
// (given to ThreadPort.setState()). Only embed-extra.js uses these: they are bundled there and
// cost embed.js nothing. What embed.js does itself (a page read, a sort, what is open) is in
// widget/app.tsx; the list operations underneath are in widget/tree.ts.

import type { PublicComment, ThreadResponse } from "../../worker/api-types.ts";
import { appendPage, insertComment, removeComment, updateComment } from "../tree.ts";
import type { ThreadState } from "./contract.ts";

/** The reader's new comment (shown to them even while it awaits moderation); only a published one is counted. */
export function posted(s: ThreadState, comment: PublicComment, published: boolean, notice: string): Partial<ThreadState> {
  return {
    comments: insertComment(s.comments, comment, s.sort === "newest"),
    thread: s.thread && published ? { ...s.thread, count: s.thread.count + 1 } : s.thread,
    open: null,
    notice,
  };
}

/** The server's HTML of an edit replaces the comment's; the edit form closes. */
export function edited(s: ThreadState, id: string, changes: Pick<PublicComment, "html" | "editedAt">): Partial<ThreadState> {
  return { comments: updateComment(s.comments, id, changes), open: null };
}

/** The server's rule, applied here (widget/tree.ts): a placeholder if it has replies, else gone. */
export function deleted(s: ThreadState, id: string, notice: string): Partial<ThreadState> & Pick<ThreadState, "comments"> {
  const published = s.comments.some((comment) => comment.id === id && comment.status === "approved");
  return {
    comments: removeComment(s.comments, id),
    thread: s.thread && { ...s.thread, count: s.thread.count - Number(published) },
    open: null,
    notice,
  };
}

/** A like the server counted: pressed (the newest 1000 are remembered), with the server's count. */
export function likedOne(s: ThreadState, id: string, likes: number): Pick<ThreadState, "liked" | "comments"> {
  return { liked: [id, ...s.liked].slice(0, 1000), comments: updateComment(s.comments, id, { likes }) };
}

/**
 * The next replies of top-level comment `id` (a `parentId` read) go after those shown, and the
 * comment offers what is left, if anything. A reply already there (the reader's own) stays put.
 */
export function moreRepliesShown(
  s: ThreadState,
  id: string,
  data: Pick<ThreadResponse, "comments" | "nextCursor">,
): Pick<ThreadState, "comments"> {
  const at = s.comments.findIndex((comment) => comment.id === id);
  let end = at + 1;
  while ((s.comments[end]?.depth ?? 0) > 0) end++;
  const subtree = s.comments.slice(at, end);
  const root = subtree[0]!;
  const more = root.moreReplies;
  const added = appendPage(subtree, data.comments).slice(subtree.length);
  const moreReplies = more && data.nextCursor ? { count: Math.max(more.count - added.length, 1), cursor: data.nextCursor } : undefined;
  return { comments: [...s.comments.slice(0, at), { ...root, moreReplies }, ...subtree.slice(1), ...added, ...s.comments.slice(end)] };
}
