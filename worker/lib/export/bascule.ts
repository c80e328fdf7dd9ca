import type { CommentRow } from "../../db/comments.ts";
import type { LikeRow } from "../../db/likes.ts";
import type { SiteRow } from "../../db/sites.ts";
import type { ThreadRow } from "../../db/threads.ts";
import { BASCULE_FORMAT_VERSION, type BasculeComment, type BasculeExport, type BasculeLike, type BasculeThread } from "./bascule-format.ts";

// Bascule's own export, written as it is read (issue 10, item 3): the site's threads come a
// page at a time and each comment's likes a page at a time, so a site of any size exports
// in bounded memory. exportEvents turns those pages into a stream of events (a thread
// starts, a comment starts, some of its likes, …) that both writers, JSON here and WXR
// (wxr.ts), turn into text.
//
// Everything is ordered by what the data says (page keys, times, source keys), never by
// internal ids, so a site imported elsewhere exports to the same file.

export interface ExportPage {
  /** Threads in page order. */
  threads: ThreadRow[];
  /** All the comments of these threads. */
  comments: CommentRow[];
}

/** What an export reads, as worker/db/transfer/export.ts gives it. */
export interface ExportSource {
  site: SiteRow;
  exportedAt: string;
  pages: AsyncIterable<ExportPage>;
  /** The likes of these comments, in the comments' order, each comment's oldest first, in pages. */
  likes(comments: readonly CommentRow[]): AsyncIterable<LikeRow[]>;
}

export type ExportEvent =
  | { kind: "thread"; thread: Omit<BasculeThread, "comments"> }
  | { kind: "comment"; comment: Omit<BasculeComment, "likeRecords"> }
  | { kind: "likes"; records: BasculeLike[] }
  | { kind: "commentEnd" }
  | { kind: "threadEnd" };

export function exportSite(site: SiteRow): BasculeExport["site"] {
  return {
    key: site.key,
    origins: JSON.parse(site.origins) as string[],
    settings: JSON.parse(site.settings) as Record<string, unknown>,
    createdAt: site.created_at,
  };
}

/** Every thread, comment and like of the site, in the export's order. */
export async function* exportEvents(source: ExportSource): AsyncGenerator<ExportEvent> {
  for await (const page of source.pages) {
    const byThread = new Map<number, CommentRow[]>();
    for (const comment of page.comments) {
      const list = byThread.get(comment.thread_id);
      if (list) list.push(comment);
      else byThread.set(comment.thread_id, [comment]);
    }
    const threads = page.threads.map((thread) => {
      const rows = byThread.get(thread.id) ?? [];
      const keyOf = new Map(rows.map((row) => [row.id, portableKey(row)]));
      return { thread, keyOf, ordered: displayOrder(rows, keyOf) };
    });
    const likes = new LikeCursor(source.likes(threads.flatMap((thread) => thread.ordered)));
    for (const { thread, keyOf, ordered } of threads) {
      yield { kind: "thread", thread: toThread(thread) };
      for (const row of ordered) {
        yield { kind: "comment", comment: toComment(row, keyOf) };
        for (let records = await likes.take(row.id); records.length > 0; records = await likes.take(row.id)) {
          yield { kind: "likes", records };
        }
        yield { kind: "commentEnd" };
      }
      yield { kind: "threadEnd" };
    }
  }
}

/** Reads a stream of like pages (in comment order) one comment at a time. */
class LikeCursor {
  private readonly pages: AsyncIterator<LikeRow[]>;
  private page: LikeRow[] = [];
  private index = 0;
  private done = false;

  constructor(pages: AsyncIterable<LikeRow[]>) {
    this.pages = pages[Symbol.asyncIterator]();
  }

  /** The next likes of this comment (at most a page), or none when it has no more. */
  async take(commentId: string): Promise<BasculeLike[]> {
    if (this.index >= this.page.length && !this.done) {
      const next = await this.pages.next();
      this.done = next.done === true;
      this.page = next.done ? [] : next.value;
      this.index = 0;
    }
    const records: BasculeLike[] = [];
    while (this.index < this.page.length && this.page[this.index]?.comment_id === commentId) {
      const like = this.page[this.index] as LikeRow;
      records.push({ readerHash: like.reader_hash, ipHash: like.ip_hash, createdAt: like.created_at });
      this.index += 1;
    }
    return records;
  }
}

/** The Bascule JSON export, in pieces. */
export async function* writeBasculeJson(source: ExportSource): AsyncGenerator<string> {
  const head = { format: "bascule", version: BASCULE_FORMAT_VERSION, exportedAt: source.exportedAt, site: exportSite(source.site) };
  yield `${JSON.stringify(head).slice(0, -1)},"threads":[`;
  let threads = 0;
  let likes = 0;
  let comments = 0;
  let tail = "";
  for await (const event of exportEvents(source)) {
    switch (event.kind) {
      case "thread":
        yield `${threads++ > 0 ? "," : ""}${JSON.stringify(event.thread).slice(0, -1)},"comments":[`;
        comments = 0;
        break;
      case "comment": {
        // Field order as in BasculeComment: likeRecords between likes and pinned.
        const { pinned, ipHash, ...before } = event.comment;
        yield `${comments++ > 0 ? "," : ""}${JSON.stringify(before).slice(0, -1)},"likeRecords":[`;
        tail = `],${JSON.stringify({ pinned, ipHash }).slice(1)}`;
        likes = 0;
        break;
      }
      case "likes":
        yield `${likes > 0 ? "," : ""}${event.records.map((record) => JSON.stringify(record)).join(",")}`;
        likes += event.records.length;
        break;
      case "commentEnd":
        yield tail;
        break;
      case "threadEnd":
        yield "]}";
        break;
    }
  }
  yield "]}";
}

/** A comment's identity outside this database: its source key, or `bascule:<id>` for one written here. */
function portableKey(row: Pick<CommentRow, "id" | "source" | "source_id">): string {
  return row.source === null ? `bascule:${row.id}` : `${row.source}:${row.source_id}`;
}

function toThread(thread: ThreadRow): Omit<BasculeThread, "comments"> {
  return {
    page: thread.page,
    url: thread.url,
    title: thread.title,
    createdAt: thread.created_at,
    closed: thread.closed === 1,
    count: thread.comment_count,
    source: thread.source === null ? null : `${thread.source}:${thread.source_id}`,
  };
}

function toComment(row: CommentRow, keyOf: Map<string, string>): Omit<BasculeComment, "likeRecords"> {
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
  // A stack, not recursion, and no spread of a comment's replies: both are unbounded.
  const stack = (children.get(null) ?? []).slice().sort(order).reverse();
  while (stack.length > 0) {
    const row = stack.pop() as CommentRow;
    out.push(row);
    const replies = (children.get(row.id) ?? []).slice().sort(order);
    for (let index = replies.length - 1; index >= 0; index -= 1) stack.push(replies[index] as CommentRow);
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
