import type { CommentRow } from "../../db/comments.ts";
import type { LikeRow } from "../../db/likes.ts";
import type { SiteRow } from "../../db/sites.ts";
import type { ThreadRow } from "../../db/threads.ts";
import { BASCULE_FORMAT_VERSION, type BasculeComment, type BasculeExport, type BasculeLike, type BasculeThread } from "./bascule-format.ts";

// Builds Bascule's own export from the site's rows. Everything is ordered by what the
// data says (page keys, times, source keys), never by internal ids, so a site imported
// elsewhere exports to the same file.

/** A comment's identity outside this database: its source key, or `bascule:<id>` for one written here. */
function portableKey(row: Pick<CommentRow, "id" | "source" | "source_id">): string {
  return row.source === null ? `bascule:${row.id}` : `${row.source}:${row.source_id}`;
}

export function buildBasculeExport(
  site: SiteRow,
  threads: readonly ThreadRow[],
  comments: readonly CommentRow[],
  likes: readonly LikeRow[],
  exportedAt: string,
): BasculeExport {
  const likesByComment = new Map<string, BasculeLike[]>();
  for (const like of likes) {
    const list = likesByComment.get(like.comment_id) ?? [];
    list.push({ readerHash: like.reader_hash, ipHash: like.ip_hash, createdAt: like.created_at });
    likesByComment.set(like.comment_id, list);
  }
  const byThread = new Map<number, CommentRow[]>();
  for (const comment of comments) {
    const list = byThread.get(comment.thread_id);
    if (list) list.push(comment);
    else byThread.set(comment.thread_id, [comment]);
  }

  return {
    format: "bascule",
    version: BASCULE_FORMAT_VERSION,
    exportedAt,
    site: {
      key: site.key,
      origins: JSON.parse(site.origins) as string[],
      settings: JSON.parse(site.settings) as Record<string, unknown>,
      createdAt: site.created_at,
    },
    threads: [...threads]
      .sort((a, b) => compare(a.page, b.page))
      .map((thread) => toThread(thread, byThread.get(thread.id) ?? [], likesByComment)),
  };
}

function toThread(thread: ThreadRow, rows: readonly CommentRow[], likes: Map<string, BasculeLike[]>): BasculeThread {
  const keyOf = new Map(rows.map((row) => [row.id, portableKey(row)]));
  return {
    page: thread.page,
    url: thread.url,
    title: thread.title,
    createdAt: thread.created_at,
    closed: thread.closed === 1,
    count: thread.comment_count,
    source: thread.source === null ? null : `${thread.source}:${thread.source_id}`,
    comments: displayOrder(rows, keyOf).map((row) => toComment(row, keyOf, likes)),
  };
}

function toComment(row: CommentRow, keyOf: Map<string, string>, likes: Map<string, BasculeLike[]>): BasculeComment {
  const records = (likes.get(row.id) ?? []).sort(
    (a, b) =>
      compare(a.createdAt, b.createdAt) || compare(a.readerHash ?? "", b.readerHash ?? "") || compare(a.ipHash ?? "", b.ipHash ?? ""),
  );
  return {
    id: keyOf.get(row.id) ?? portableKey(row),
    parent: row.parent_id === null ? null : (keyOf.get(row.parent_id) ?? `bascule:${row.parent_id}`),
    author: row.status === "deleted" ? null : { name: row.author_name, email: row.author_email, website: row.author_website },
    body: row.body,
    html: row.html,
    status: row.status,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    likes: row.likes,
    likeRecords: records,
    pinned: row.pinned === 1,
    ipHash: row.ip_hash,
  };
}

/** Top-level comments oldest first, each followed by its replies (oldest first, depth first). */
function displayOrder(rows: readonly CommentRow[], keyOf: ReadonlyMap<string, string>): CommentRow[] {
  const children = new Map<string | null, CommentRow[]>();
  for (const row of rows) {
    const parent = row.parent_id !== null && keyOf.has(row.parent_id) ? row.parent_id : null;
    const list = children.get(parent);
    if (list) list.push(row);
    else children.set(parent, [row]);
  }
  const order = (a: CommentRow, b: CommentRow) =>
    compare(a.created_at, b.created_at) || compare(keyOf.get(a.id) ?? "", keyOf.get(b.id) ?? "");
  const out: CommentRow[] = [];
  const stack = [...(children.get(null) ?? [])].sort(order).reverse();
  while (stack.length > 0) {
    const row = stack.pop() as CommentRow;
    out.push(row);
    stack.push(...[...(children.get(row.id) ?? [])].sort(order).reverse());
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
