import type { AdminComment, CommentStatus, PublicComment, SortOrder } from "../api-types.ts";
import { allRows, typed, type D1Reader, type Query } from "./batch.ts";
import { cutPage, fetchCount, MORE_REPLIES_COUNT_MAX, PAGE_COMMENTS_MAX, type Page, type PageCursor } from "./paging.ts";
import { recountThread } from "./recount.ts";

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
  /** Where an imported comment came from (migrations/0004); null for one written here. */
  source: string | null;
  source_id: string | null;
  /** 1 only for a comment the owner wrote through an owner route (migrations/0009). */
  by_owner: number;
}

/** What a reader's new comment sets; the rest takes the column defaults. */
export type NewComment = Omit<CommentRow, "thread_id" | "edited_at" | "likes" | "pinned" | "source" | "source_id" | "by_owner">;

// Comments that hold a place in a public thread: published ones, placeholders, and the
// reader's own held comments (those whose edit-token hash the reader proved, in ?4). Spam
// is shown to its author as held, so a spammer can't tell the difference.
const VISIBLE = (alias: string, tokens = "?4") =>
  `(${alias}.status IN ('approved', 'deleted') OR (${alias}.status IN ('pending', 'spam') AND ${alias}.edit_token_hash IN (SELECT value FROM json_each(${tokens}))))`;

// Each sort orders the top-level comments; replies always follow their parent, oldest first.
const ROOT_ORDER: Record<SortOrder, { order: string; after: string }> = {
  oldest: { order: "r.created_at, r.id", after: "(r.created_at, r.id) > (?5, ?6)" },
  newest: { order: "r.created_at DESC, r.id DESC", after: "(r.created_at, r.id) < (?5, ?6)" },
  top: {
    order: "r.likes DESC, r.created_at, r.id",
    after: "(r.likes < ?7 OR (r.likes = ?7 AND (r.created_at, r.id) > (?5, ?6)))",
  },
};

export interface PageQuery {
  site: string;
  page: string;
  sort: SortOrder;
  limit: number;
  cursor: PageCursor | null;
  /** Edit-token hashes the reader proved: their held comments are shown to them. */
  ownTokenHashes: string[];
}

/**
 * One page of a thread in display order: the first page starts with the pinned top-level
 * comments, then `fetchCount(limit)` others (paging.ts: boundThreadPage cuts the page from
 * them), each top-level comment followed by its visible replies.
 *
 * Bounded whatever the thread holds (issue 10, item 2): all the top-level comments come
 * first, then PAGE_COMMENTS_MAX + 1 replies at most, in display order, and each subtree
 * is read from its index only up to its (PAGE_COMMENTS_MAX + 1)th visible reply. Only ids and
 * paths are sorted; the rows themselves are read last, for what was picked.
 */
export function selectThreadPage(db: D1Reader, query: PageQuery): Query<CommentRow> {
  const { order, after } = ROOT_ORDER[query.sort];
  const thread = "r.thread_id = (SELECT id FROM threads WHERE site_key = ?1 AND page = ?2) AND r.depth = 0";
  const columns = "r.id, r.pinned, r.created_at, r.likes";
  const pinned = `SELECT ${columns} FROM comments r WHERE ${thread} AND r.pinned = 1 AND ${VISIBLE("r")} UNION ALL`;
  const rootOrder = (alias: string) => `${alias}.pinned DESC, ${order.replaceAll("r.", `${alias}.`)}`;
  const sql = `
    WITH roots AS (${query.cursor ? "" : pinned}
      SELECT * FROM (
        SELECT ${columns} FROM comments r
        WHERE ${thread} AND r.pinned = 0 AND ${VISIBLE("r")} ${query.cursor ? `AND ${after}` : ""}
        ORDER BY ${order}
        LIMIT ?3
      )
    ),
    bounded AS (
      SELECT roots.*, coalesce(
        (SELECT k.path FROM comments k WHERE k.root_id = roots.id AND k.depth > 0 AND ${VISIBLE("k")}
         ORDER BY k.path LIMIT 1 OFFSET ${PAGE_COMMENTS_MAX}),
        char(1114111)) AS last_path
      FROM roots
    ),
    picked AS (
      SELECT c.id AS comment_id, c.depth, c.path, b.pinned, b.created_at, b.likes, b.id FROM bounded b
      JOIN comments c ON c.root_id = b.id AND c.path <= b.last_path
      WHERE ${VISIBLE("c")}
      ORDER BY c.depth > 0, ${rootOrder("b")}, c.path
      LIMIT (SELECT count(*) FROM roots) + ${PAGE_COMMENTS_MAX + 1}
    )
    SELECT c.* FROM picked p JOIN comments c ON c.id = p.comment_id
    ORDER BY ${rootOrder("p")}, p.path`;
  const params: unknown[] = [query.site, query.page, fetchCount(query.limit), JSON.stringify(query.ownTokenHashes)];
  if (query.cursor) params.push(query.cursor.createdAt, query.cursor.id);
  if (query.cursor && query.sort === "top") params.push(query.cursor.likes);
  return typed(db.prepare(sql).bind(...params));
}

/** The visible top-level comment `id` of the thread, whose replies GET /threads?parentId= pages through. */
export function selectThreadRoot(
  db: D1Reader,
  query: { site: string; page: string; id: string; ownTokenHashes: string[] },
): Query<CommentRow> {
  return typed(
    db
      .prepare(
        `SELECT r.* FROM comments r
         WHERE r.id = ?3 AND r.depth = 0 AND r.thread_id = (SELECT id FROM threads WHERE site_key = ?1 AND page = ?2) AND ${VISIBLE("r")}`,
      )
      .bind(query.site, query.page, query.id, JSON.stringify(query.ownTokenHashes)),
  );
}

/** The visible replies of top-level comment `rootId` after the path `after`, in display order: one more than a page shows. */
export function selectReplies(db: D1Reader, query: { rootId: string; after: string; ownTokenHashes: string[] }): Query<CommentRow> {
  return typed(
    db
      .prepare(
        `SELECT c.* FROM comments c WHERE c.root_id = ?1 AND c.path > ?2 AND c.depth > 0 AND ${VISIBLE("c", "?3")}
         ORDER BY c.path LIMIT ${PAGE_COMMENTS_MAX + 1}`,
      )
      .bind(query.rootId, query.after, JSON.stringify(query.ownTokenHashes)),
  );
}

/**
 * How many visible replies each of these top-level comments has after the path given with
 * it: its "show N more replies". Each count reads at most MORE_REPLIES_COUNT_MAX index
 * entries of its subtree, so it stops there.
 */
export function selectMoreReplyCounts(
  db: D1Reader,
  cuts: readonly { rootId: string; after: string }[],
  ownTokenHashes: string[],
): Query<{ root_id: string; count: number }> {
  return typed(
    db
      .prepare(
        `SELECT j.value ->> '$[0]' AS root_id, (
           SELECT count(*) FROM comments c
           WHERE c.rowid IN (
             SELECT k.rowid FROM comments k WHERE k.root_id = j.value ->> '$[0]' AND k.path > j.value ->> '$[1]'
             ORDER BY k.path LIMIT ${MORE_REPLIES_COUNT_MAX}
           ) AND c.depth > 0 AND ${VISIBLE("c", "?2")}
         ) AS count
         FROM json_each(?1) j`,
      )
      .bind(JSON.stringify(cuts.map((cut) => [cut.rootId, cut.after])), JSON.stringify(ownTokenHashes)),
  );
}

export function selectComment(db: D1Database, id: string): Query<CommentRow> {
  return typed(db.prepare("SELECT * FROM comments WHERE id = ?").bind(id));
}

export interface CommentInSite extends OwnerCommentRow {
  site_key: string;
  origins: string;
  settings: string;
}

/** A comment with its thread's page and its site's row, for routes that name only the comment. */
export function findCommentInSite(db: D1Database, id: string): Promise<CommentInSite | null> {
  return db
    .prepare(
      `SELECT c.*, t.site_key, t.page, t.title, t.url, s.origins, s.settings
       FROM comments c JOIN threads t ON t.id = c.thread_id JOIN sites s ON s.key = t.site_key
       WHERE c.id = ?`,
    )
    .bind(id)
    .first<CommentInSite>();
}

export function updateBody(db: D1Database, id: string, body: string, html: string, editedAt: string): D1PreparedStatement {
  return db.prepare("UPDATE comments SET body = ?2, html = ?3, edited_at = ?4 WHERE id = ?1").bind(id, body, html, editedAt);
}

/**
 * What removing a comment takes, as statements for one batch: a comment with replies
 * becomes a placeholder (its author and text erased) so the replies keep their place;
 * a leaf goes, and so does every placeholder above it left without replies. The thread
 * is recounted in the same batch.
 *
 * Every check is made by the statements themselves, in the batch (one transaction), never
 * from an earlier read: a reply that arrives meanwhile turns a removal into a placeholder,
 * never an orphan, and when two readers delete the last two replies of a placeholder at once,
 * the second batch sees the first one's deletion and takes the placeholder with it (issue 10,
 * item 14). The placeholders above are found by walking up parent_id, so no path is read.
 */
export async function removalStatements(db: D1Database, comment: CommentRow): Promise<D1PreparedStatement[]> {
  return [
    blankIfReplied(db, comment.id),
    db.prepare("DELETE FROM comments WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM comments k WHERE k.parent_id = ?1)").bind(comment.id),
    // The parent if it is a placeholder now left without replies, then each placeholder above
    // whose only reply is the one below it. One statement: foreign keys are checked at its end.
    db
      .prepare(
        `WITH RECURSIVE emptied (id, parent_id) AS (
           SELECT p.id, p.parent_id FROM comments p
           WHERE p.id = ?1 AND p.status = 'deleted' AND NOT EXISTS (SELECT 1 FROM comments k WHERE k.parent_id = p.id)
           UNION ALL
           SELECT p.id, p.parent_id FROM emptied e JOIN comments p ON p.id = e.parent_id
           WHERE p.status = 'deleted' AND (SELECT count(*) FROM comments k WHERE k.parent_id = p.id) = 1
         )
         DELETE FROM comments WHERE id IN (SELECT id FROM emptied)`,
      )
      .bind(comment.parent_id),
    recountThread(db, comment.thread_id),
  ];
}

/** The placeholder a comment with replies leaves: nothing of its author or text remains. */
function blankIfReplied(db: D1Database, id: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE comments SET status = 'deleted', author_name = NULL, author_email = NULL, author_website = NULL,
         email_hash = NULL, ip_hash = NULL, edit_token_hash = NULL, body = '', html = ''
       WHERE id = ?1 AND EXISTS (SELECT 1 FROM comments k WHERE k.parent_id = ?1)`,
    )
    .bind(id);
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

/** The columns a public comment is made from: a stored row, or a new comment with its first values. */
export type PublicCommentFields = Pick<
  CommentRow,
  "id" | "parent_id" | "depth" | "author_name" | "author_website" | "by_owner" | "html" | "status" | "created_at" | "edited_at" | "likes"
>;

export function toPublicComment(row: PublicCommentFields): PublicComment {
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
    // Stored by the owner's routes, never derived from an e-mail anyone can type (issue 10, item 7).
    byOwner: !deleted && row.by_owner === 1,
    deleted,
    // Spam is reported to its author as held, so spammers learn nothing.
    status: row.status === "pending" || row.status === "spam" ? "pending" : "approved",
  };
}

export interface OwnerCommentRow extends CommentRow {
  page: string;
  title: string | null;
  url: string | null;
}

/** A page of the owner's queue and search, newest first. Search reads every comment of the site: owner-only, never a public read path. */
export async function listForOwner(
  db: D1Database,
  query: { site: string; status?: CommentStatus; q?: string; cursor: PageCursor | null; limit: number },
): Promise<Page<OwnerCommentRow>> {
  const where = ["t.site_key = ?1"];
  const params: unknown[] = [query.site, fetchCount(query.limit)];
  const param = (value: unknown) => `?${params.push(value)}`;
  if (query.status) where.push(`c.status = ${param(query.status)}`);
  if (query.q) {
    const like = param(`%${query.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    where.push(`(c.body LIKE ${like} ESCAPE '\\' OR c.author_name LIKE ${like} ESCAPE '\\' OR c.author_email LIKE ${like} ESCAPE '\\')`);
  }
  if (query.cursor) where.push(`(c.created_at, c.id) < (${param(query.cursor.createdAt)}, ${param(query.cursor.id)})`);
  const rows = await allRows<OwnerCommentRow>(
    typed(
      db
        .prepare(
          `SELECT c.*, t.page, t.title, t.url FROM comments c JOIN threads t ON t.id = c.thread_id
           WHERE ${where.join(" AND ")} ORDER BY c.created_at DESC, c.id DESC LIMIT ?2`,
        )
        .bind(...params),
    ),
  );
  return cutPage(rows, query.limit);
}

export function setStatus(db: D1Database, id: string, status: CommentStatus): D1PreparedStatement {
  return db.prepare("UPDATE comments SET status = ?2 WHERE id = ?1").bind(id, status);
}

export function setPinned(db: D1Database, id: string, pinned: boolean): D1PreparedStatement {
  return db.prepare("UPDATE comments SET pinned = ?2 WHERE id = ?1").bind(id, pinned ? 1 : 0);
}

/** Every comment written with this e-mail on the site, deepest first (so erasing never orphans a reply). */
export function listByEmailHash(db: D1Database, site: string, emailHash: string): Promise<D1Result<OwnerCommentRow>> {
  return db
    .prepare(
      `SELECT c.*, t.page, t.title, t.url FROM comments c JOIN threads t ON t.id = c.thread_id
       WHERE c.email_hash = ?2 AND t.site_key = ?1 ORDER BY c.depth DESC, c.created_at`,
    )
    .bind(site, emailHash)
    .all<OwnerCommentRow>();
}

export function toAdminComment(row: OwnerCommentRow): AdminComment {
  return {
    ...toPublicComment(row),
    status: row.status,
    body: row.body,
    email: row.author_email,
    ipHash: row.ip_hash,
    pinned: row.pinned === 1,
    thread: { page: row.page, title: row.title, url: row.url },
  };
}

export type RecentComment = Pick<CommentRow, "created_at" | "body"> & { page: string };

/** The writer's comments on the site since `since`, oldest first: the hourly limit and the duplicate rule read them. */
export function selectRecentByWriter(db: D1Database, site: string, ipHash: string | null, since: string): Query<RecentComment> {
  return typed(
    db
      .prepare(
        `SELECT c.created_at, c.body, t.page FROM comments c JOIN threads t ON t.id = c.thread_id
         WHERE c.ip_hash = ?2 AND c.created_at > ?3 AND t.site_key = ?1 ORDER BY c.created_at LIMIT 100`,
      )
      .bind(site, ipHash ?? "", since),
  );
}

// Issue 10 (items 5–7), added at the end of the file.

/**
 * A row if one of the edit tokens the writer sent (their hashes, `tokenHashes`) is that of
 * an approved comment written with this e-mail on the site: proof, unlike the e-mail alone,
 * that the writer is a known author (moderation mode `first`).
 */
export function selectProvenAuthor(
  db: D1Database,
  site: string,
  emailHash: string | null,
  tokenHashes: readonly string[],
): Query<{ known: 1 }> {
  return typed(
    db
      .prepare(
        `SELECT 1 AS known FROM comments c JOIN threads t ON t.id = c.thread_id
         WHERE c.edit_token_hash IN (SELECT value FROM json_each(?3)) AND c.email_hash = ?2
           AND c.status = 'approved' AND t.site_key = ?1 LIMIT 1`,
      )
      .bind(site, emailHash ?? "", JSON.stringify(tokenHashes)),
  );
}

/** Sets the status only if the comment is still the version the owner saw (its edited_at). */
export function setStatusIfVersion(db: D1Database, id: string, status: CommentStatus, editedAt: string | null): D1PreparedStatement {
  return db.prepare("UPDATE comments SET status = ?2 WHERE id = ?1 AND edited_at IS ?3").bind(id, status, editedAt);
}

/** Marks a comment inserted earlier in the same batch as the owner's own (owner routes only). */
export function markByOwner(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare("UPDATE comments SET by_owner = 1 WHERE id = ?1").bind(id);
}
