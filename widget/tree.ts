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

/** A new top-level comment goes last; a reply goes right after its parent's subtree. */
export function insertComment(list: readonly PublicComment[], comment: PublicComment): PublicComment[] {
  const at = list.findIndex((other) => other.id === comment.parentId);
  const parent = list[at];
  if (parent === undefined) return [...list, comment];
  let end = at + 1;
  // The parent's subtree is the run of deeper comments right after it.
  while ((list[end]?.depth ?? -1) > parent.depth) end++;
  return [...list.slice(0, end), comment, ...list.slice(end)];
}

/** Appends the next page, skipping comments already shown (e.g. one the reader just posted). */
export function appendPage(list: readonly PublicComment[], page: readonly PublicComment[]): PublicComment[] {
  const seen = new Set(list.map((comment) => comment.id));
  return [...list, ...page.filter((comment) => !seen.has(comment.id))];
}
