import type { PublicComment } from "../worker/api-types.ts";

// The API sends a thread flat, in display order: each top-level comment followed by its
// replies, depth first. The widget keeps that flat list as its state (pages append,
// new comments slot in) and derives the nested tree for rendering.

export interface CommentNode {
  comment: PublicComment;
  replies: CommentNode[];
}

/** Nests a display-ordered list by parentId; a reply whose parent is missing becomes top-level. */
export function buildTree(comments: readonly PublicComment[]): CommentNode[] {
  const roots: CommentNode[] = [];
  const nodes = new Map<string, CommentNode>();
  for (const comment of comments) {
    const node: CommentNode = { comment, replies: [] };
    nodes.set(comment.id, node);
    const parent = comment.parentId === null ? undefined : nodes.get(comment.parentId);
    (parent?.replies ?? roots).push(node);
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
