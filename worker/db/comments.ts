import type { CommentStatus, PublicComment, SortOrder } from "../api-types.ts";
import { ApiError } from "../lib/errors.ts";

export interface CommentRow {
  id: string;
  thread_id: number;
  parent_id: string | null;
  root_id: string;
  depth: number;
  path: string;
  author_name: string | null;
  author_email: string | null;
  author_website: string | null;
  email_hash: string | null;
  body: string;
  html: string;
  status: CommentStatus;
  created_at: string;
  edited_at: string | null;
  ip_hash: string | null;
  edit_token_hash: string | null;
  likes: number;
  pinned: number;
}

export type NewComment = Omit<CommentRow, "thread_id" | "edited_at" | "likes" | "pinned">;

/** Comments that hold a place in a public thread: published ones and placeholders. */
const VISIBLE = "('approved', 'deleted')";

// Each sort orders the top-level comments; replies always follow their parent, oldest first.
const ROOT_ORDER: Record<SortOrder, { order: string; after: string }> = {
  oldest: { order: "r.created_at, r.id", after: "(r.created_at, r.id) > (?4, ?5)" },
  newest: { order: "r.created_at DESC, r.id DESC", after: "(r.created_at, r.id) < (?4, ?5)" },
  top: {
    order: "r.likes DESC, r.created_at, r.id",
    after: "(r.likes < ?6 OR (r.likes = ?6 AND (r.created_at, r.id) > (?4, ?5)))",
  },
};

export interface PageCursor {
  createdAt: string;
  id: string;
  likes: number;
}

/**
 * One page of a thread in display order: `limit + 1` top-level comments (the extra one
 * tells whether another page follows), each followed by its whole visible subtree.
 */
export function selectThreadPage(
  db: D1Database,
  query: { site: string; page: string; sort: SortOrder; limit: number; cursor: PageCursor | null },
): D1PreparedStatement {
  const { order, after } = ROOT_ORDER[query.sort];
  const sql = `
    WITH roots AS (
      SELECT r.id, r.created_at, r.likes, row_number() OVER (ORDER BY ${order}) AS position
      FROM comments r
      WHERE r.thread_id = (SELECT id FROM threads WHERE site_key = ?1 AND page = ?2)
        AND r.depth = 0 AND r.status IN ${VISIBLE}
        ${query.cursor ? `AND ${after}` : ""}
      ORDER BY ${order}
      LIMIT ?3
    )
    SELECT c.* FROM roots JOIN comments c ON c.root_id = roots.id
    WHERE c.status IN ${VISIBLE}
    ORDER BY roots.position, c.path`;
  const params: unknown[] = [query.site, query.page, query.limit + 1];
  if (query.cursor) params.push(query.cursor.createdAt, query.cursor.id);
  if (query.cursor && query.sort === "top") params.push(query.cursor.likes);
  return db.prepare(sql).bind(...params);
}

export function encodeCursor(row: CommentRow): string {
  const json = JSON.stringify([row.created_at, row.id, row.likes]);
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

export function decodeCursor(cursor: string): PageCursor {
  try {
    const [createdAt, id, likes] = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/"))) as unknown[];
    if (typeof createdAt === "string" && typeof id === "string" && typeof likes === "number") {
      return { createdAt, id, likes };
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError(400, "invalid_cursor", "The cursor is not one this API gave out.", "cursor");
}

export function selectComment(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare("SELECT * FROM comments WHERE id = ?").bind(id);
}

/** Inserts into the thread named by site and page (created earlier in the same batch). */
export function insertComment(db: D1Database, site: string, page: string, comment: NewComment): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO comments (id, thread_id, parent_id, root_id, depth, path, author_name, author_email,
         author_website, email_hash, body, html, status, created_at, ip_hash, edit_token_hash)
       VALUES (?1, (SELECT id FROM threads WHERE site_key = ?2 AND page = ?3), ?4, ?5, ?6, ?7, ?8, ?9,
         ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)`,
    )
    .bind(
      comment.id,
      site,
      page,
      comment.parent_id,
      comment.root_id,
      comment.depth,
      comment.path,
      comment.author_name,
      comment.author_email,
      comment.author_website,
      comment.email_hash,
      comment.body,
      comment.html,
      comment.status,
      comment.created_at,
      comment.ip_hash,
      comment.edit_token_hash,
    );
}

/** Whether this e-mail already has a published comment on the site (moderation mode `first`). */
export async function hasApprovedComment(db: D1Database, site: string, emailHash: string): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT 1 FROM comments c JOIN threads t ON t.id = c.thread_id
       WHERE c.email_hash = ?2 AND c.status = 'approved' AND t.site_key = ?1 LIMIT 1`,
    )
    .bind(site, emailHash)
    .first();
  return row !== null;
}

export function toPublicComment(row: CommentRow, ownerEmailHashes: ReadonlySet<string>): PublicComment {
  const deleted = row.status === "deleted";
  return {
    id: row.id,
    parentId: row.parent_id,
    depth: row.depth,
    author: deleted ? null : { name: row.author_name, website: row.author_website, avatar: null },
    html: deleted ? "" : row.html,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    likes: row.likes,
    byOwner: !deleted && row.email_hash !== null && ownerEmailHashes.has(row.email_hash),
    deleted,
    status: row.status === "pending" ? "pending" : "approved",
  };
}
