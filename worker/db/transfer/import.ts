import type { CommentRow } from "../comments.ts";
import type { LikeRow } from "../likes.ts";
import { recountPages } from "../recount.ts";
import type { ThreadRow } from "../threads.ts";
import type { ExistingComment, ExistingThread, ImportPlan, NewCommentRow, PlannedThread } from "../../lib/import/plan.ts";
import { chunks, jsonChunks } from "./rows.ts";

// The SQL of an import (issue 6): what the site already holds, then the plan written
// (lib/import/plan.ts decides it). Rows travel as JSON (rows.ts).
//
// Atomicity: a D1 batch is one transaction. Every thread's rows (thread, comments, likes,
// recount) go in one batch, never split across two, so a failed batch leaves the thread
// as it was. Several small threads share a batch; a huge thread gets a batch of its own
// with as many insert statements as its size needs (a 20 MB thread: about 80).

export const BATCH_BYTES = 1024 * 1024;
const LOOKUP_KEYS = 500;

// What an import's lookups read of the rows the site already holds.
type ThreadKeys = Pick<ThreadRow, "id" | "page" | "source" | "source_id">;
type CommentKeys = Pick<CommentRow, "id" | "thread_id" | "path" | "root_id" | "depth" | "source" | "source_id"> & Pick<ThreadRow, "page">;

// ---------------------------------------------------------------------------------------
// Import: what the site already holds

/** The site's threads that have one of these pages or source keys. */
export async function findThreads(db: D1Database, site: string, pages: string[], sources: string[]): Promise<ExistingThread[]> {
  const found: ExistingThread[] = [];
  for (const part of chunks(pages, LOOKUP_KEYS)) {
    const { results } = await db
      .prepare(
        `SELECT t.id, t.page, t.source, t.source_id FROM json_each(?2) AS j
         CROSS JOIN threads t ON t.site_key = ?1 AND t.page = j.value`,
      )
      .bind(site, JSON.stringify(part))
      .all<ThreadKeys>();
    for (const row of results) found.push(toExistingThread(row));
  }
  for (const part of chunks(sources.map(splitKey), LOOKUP_KEYS)) {
    const { results } = await db
      .prepare(
        `SELECT t.id, t.page, t.source, t.source_id FROM json_each(?2) AS j
         CROSS JOIN threads t ON t.site_key = ?1 AND t.source = j.value->>0 AND t.source_id = j.value->>1`,
      )
      .bind(site, JSON.stringify(part))
      .all<ThreadKeys>();
    for (const row of results) found.push(toExistingThread(row));
  }
  return found;
}

/**
 * The site's comments with one of these source keys. A `bascule:<id>` key also finds the
 * site's own comment with that id: importing a site's export into itself creates nothing.
 */
export async function findComments(db: D1Database, site: string, keys: string[]): Promise<ExistingComment[]> {
  const found: ExistingComment[] = [];
  for (const part of chunks(keys.map(splitKey), LOOKUP_KEYS)) {
    const { results } = await db
      .prepare(
        `SELECT c.id, c.thread_id, c.path, c.root_id, c.depth, c.source, c.source_id, t.page FROM json_each(?2) AS j
         CROSS JOIN comments c ON c.source = j.value->>0 AND c.source_id = j.value->>1
         CROSS JOIN threads t ON t.id = c.thread_id AND t.site_key = ?1`,
      )
      .bind(site, JSON.stringify(part))
      .all<CommentKeys>();
    for (const row of results) found.push(toExistingComment(row, `${row.source}:${row.source_id}`));
  }
  const native = keys.filter((key) => key.startsWith("bascule:")).map((key) => key.slice("bascule:".length));
  for (const part of chunks(native, LOOKUP_KEYS)) {
    const { results } = await db
      .prepare(
        `SELECT c.id, c.thread_id, c.path, c.root_id, c.depth, c.source, c.source_id, t.page FROM json_each(?2) AS j
         CROSS JOIN comments c ON c.id = j.value AND c.source IS NULL
         CROSS JOIN threads t ON t.id = c.thread_id AND t.site_key = ?1`,
      )
      .bind(site, JSON.stringify(part))
      .all<CommentKeys>();
    for (const row of results) found.push(toExistingComment(row, `bascule:${row.id}`));
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// Import: writing the plan

const COMMENT_COLUMNS = [
  "id",
  "parent_id",
  "root_id",
  "depth",
  "path",
  "author_name",
  "author_email",
  "author_website",
  "email_hash",
  "body",
  "html",
  "status",
  "created_at",
  "edited_at",
  "ip_hash",
  "likes",
  "imported_likes",
  "pinned",
  "source",
  "source_id",
] as const satisfies readonly (keyof NewCommentRow)[];

const LIKE_COLUMNS = ["comment_id", "reader_hash", "ip_hash", "created_at"] as const satisfies readonly (keyof LikeRow)[];

/** The plan as batches, each one D1 transaction holding whole threads. */
export function importBatches(db: D1Database, site: string, plan: ImportPlan): D1PreparedStatement[][] {
  return groupThreads(plan.threads).map((threads) => threadStatements(db, site, threads));
}

/** Whole threads, packed in order into groups of about BATCH_BYTES; a bigger thread is a group alone. */
export function groupThreads(threads: readonly PlannedThread[]): PlannedThread[][] {
  const groups: PlannedThread[][] = [];
  let group: PlannedThread[] = [];
  let size = 0;
  for (const thread of threads) {
    const threadSize = thread.comments.reduce((total, row) => total + approximateSize(row), 0);
    if (group.length > 0 && size + threadSize > BATCH_BYTES) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(thread);
    size += threadSize;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

function threadStatements(db: D1Database, site: string, threads: PlannedThread[]): D1PreparedStatement[] {
  const statements = [
    // A thread that exists keeps its own url, title and closed flag; it learns its source if it had none.
    db
      .prepare(
        `INSERT INTO threads (site_key, page, url, title, created_at, closed, source, source_id)
         SELECT ?1, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6
         FROM json_each(?2) AS j WHERE true
         ON CONFLICT (site_key, page) DO UPDATE SET
           url = coalesce(threads.url, excluded.url),
           title = coalesce(threads.title, excluded.title),
           source_id = CASE WHEN threads.source IS NULL THEN excluded.source_id ELSE threads.source_id END,
           source = coalesce(threads.source, excluded.source)`,
      )
      .bind(
        site,
        JSON.stringify(
          threads.map((thread) => [
            thread.page,
            thread.url,
            thread.title,
            thread.createdAt,
            thread.closed ? 1 : 0,
            thread.source,
            thread.sourceId,
          ]),
        ),
      ),
  ];
  const rows = threads.flatMap((thread) => thread.comments.map((row) => [thread.page, ...COMMENT_COLUMNS.map((column) => row[column])]));
  for (const part of jsonChunks(rows)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO comments (thread_id, ${COMMENT_COLUMNS.join(", ")})
           SELECT (SELECT id FROM threads WHERE site_key = ?1 AND page = j.value->>0), ${COMMENT_COLUMNS.map((_, index) => `j.value->>${index + 1}`).join(", ")}
           FROM json_each(?2) AS j`,
        )
        .bind(site, part),
    );
  }
  const likes = threads.flatMap((thread) => thread.likes.map((like) => LIKE_COLUMNS.map((column) => like[column])));
  for (const part of jsonChunks(likes)) {
    statements.push(
      db
        .prepare(
          `INSERT OR IGNORE INTO likes (${LIKE_COLUMNS.join(", ")})
           SELECT ${LIKE_COLUMNS.map((_, index) => `j.value->>${index}`).join(", ")} FROM json_each(?1) AS j`,
        )
        .bind(part),
    );
  }
  statements.push(
    recountPages(
      db,
      site,
      threads.map((thread) => thread.page),
    ),
  );
  return statements;
}

// ---------------------------------------------------------------------------------------

function toExistingThread(row: ThreadKeys): ExistingThread {
  return { id: row.id, page: row.page, source: row.source === null ? null : `${row.source}:${row.source_id}` };
}

function toExistingComment(row: CommentKeys, key: string): ExistingComment {
  return { id: row.id, key, threadId: row.thread_id, page: row.page, path: row.path, rootId: row.root_id, depth: row.depth };
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return [key.slice(0, colon), key.slice(colon + 1)];
}

function approximateSize(row: NewCommentRow): number {
  return 400 + row.body.length + row.html.length + row.path.length;
}
