import type { PublicComment } from "../worker/api-types.ts";

// The API sends a thread flat, in display order: each top-level comment followed by its
// replies, depth first. The widget keeps that flat list as its state (pages append,
// new comments slot in) and derives the nested tree for rendering.

export interface CommentNode {
  comment: PublicComment;
  replies: CommentNode[];
  /** Below the display depth only: the comment it answers, for "in reply to NAME". */
  parent?: PublicComment;
}

/**
 * Nests a display-ordered list by parentId; a reply whose parent is missing becomes top-level.
 * Below `depth` levels replies stop nesting: each joins the list its parent is in, in the
 * list's order (issue 10, item 1), so rendering never goes deeper than `depth` + 1 lists,
 * however long a reply chain.
 */
export function buildTree(comments: readonly PublicComment[], depth = Infinity): CommentNode[] {
  const roots: CommentNode[] = [];
  // Each comment's level, the list its replies go into, and the comment.
  const places = new Map<string | null, [number, CommentNode[], PublicComment?]>();
  for (const comment of comments) {
    const replies: CommentNode[] = [];
    const [level, into, parent] = places.get(comment.parentId) ?? [-1, roots];
    places.set(comment.id, [level + 1, level < depth ? replies : into, comment]);
    // Only a flat reply needs to say whom it answers.
    into.push({ comment, replies, parent: level < depth ? undefined : parent });
  }
  return roots;
}

/**
 * A new top-level comment goes last (first when `first`, for the newest-first sort); a
 * reply goes right after its parent's subtree, as the server puts it (oldest first).
 */
export function insertComment(list: readonly PublicComment[], comment: PublicComment, first?: boolean): PublicComment[] {
  const at = list.findIndex((other) => other.id === comment.parentId);
  const parent = list[at];
  if (parent === undefined) return first ? [comment, ...list] : [...list, comment];
  let end = at + 1;
  // The parent's subtree is the run of deeper comments right after it.
  while ((list[end]?.depth ?? -1) > parent.depth) end++;
  return [...list.slice(0, end), comment, ...list.slice(end)];
}

/**
 * Appends the next page, skipping comments already shown: the reader's own new comment may
 * come back on a later page, and stays where it was put when it was posted.
 */
export function appendPage(list: readonly PublicComment[], page: readonly PublicComment[]): PublicComment[] {
  const seen = new Set(list.map((comment) => comment.id));
  return [...list, ...page.filter((comment) => !seen.has(comment.id))];
}

/** Changes one comment; the list is new, as state must be. */
export function updateComment(list: readonly PublicComment[], id: string, changes: Partial<PublicComment>): PublicComment[] {
  return list.map((comment) => (comment.id === id ? { ...comment, ...changes } : comment));
}

/**
 * The server's rule for a deleted comment (API.md): with replies it stays as a placeholder
 * so they keep their place; a leaf goes, and so does every placeholder left without replies.
 */
export function removeComment(list: readonly PublicComment[], id: string): PublicComment[] {
  const comment = list.find((other) => other.id === id);
  if (!comment) return [...list];
  if (list.some((other) => other.parentId === id)) return updateComment(list, id, { deleted: true, author: null, html: "" });
  const rest = list.filter((other) => other !== comment);
  const parent = rest.find((other) => other.id === comment.parentId);
  return parent?.deleted ? removeComment(rest, parent.id) : rest;
}
