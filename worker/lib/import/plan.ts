import type { CommentRow } from "../../db/comments.ts";
import type { LikeRow } from "../../db/likes.ts";
import { renderMarkdown } from "../markdown.ts";
import { BODY_MAX } from "../fields.ts";
import { cleanText } from "../text.ts";
import { childPath } from "../thread-order.ts";
import { splitSourceKey, type ImportComment, type ImportFile, type ImportProblem, type ImportThread, type SourceKey } from "./model.ts";

// Decides what an import writes, from the parsed file and what the site already holds.
// Pure: the route looks up the existing rows and hashes, the db module writes the plan.
//
// - A file thread goes to the site's thread with the same source, else the same page,
//   else the thread that already holds some of its comments (after a move), else a new one.
// - A comment whose source key the site already holds is left alone (idempotence).
// - New comments get fresh nanoids (the display-order path needs 21-character ids) and are
//   placed parents first; a reply whose parent is missing becomes top-level and is reported.
// - A placeholder (a deleted comment) that nobody replies to is left out, whatever the format,
//   as deleting does in Bascule.
// - Text is cleaned as typed text is (worker/lib/text.ts), and a body longer than a reader may
//   write is cut to BODY_MAX and reported: D1 refuses a string of a few megabytes, and one
//   comment must not fail the whole import.

export interface ExistingThread {
  id: number;
  page: string;
  source: SourceKey | null;
}

export interface ExistingComment {
  id: string;
  key: SourceKey;
  threadId: number;
  page: string;
  path: string;
  rootId: string;
  depth: number;
}

interface PlanContext {
  threadsBySource: ReadonlyMap<SourceKey, ExistingThread>;
  threadsByPage: ReadonlyMap<string, ExistingThread>;
  comments: ReadonlyMap<SourceKey, ExistingComment>;
  emailHashes: ReadonlyMap<string, string>;
  ipHashes: ReadonlyMap<string, string>;
  newId(): string;
  now: string;
}

/** A comment row as an import writes it: no edit token (nobody holds one), and always a source. */
export type NewCommentRow = Omit<CommentRow, "thread_id" | "edit_token_hash" | "source" | "source_id" | "by_owner"> & {
  source: string;
  source_id: string;
  /** The likes the file counts beyond its like records: a number, not rows (migrations/0008). */
  imported_likes: number;
};

/** More likes than any comment has had: a bigger count in a file is cut to it and reported. */
export const IMPORTED_LIKES_MAX = 1_000_000_000;

export interface PlannedThread {
  page: string;
  url: string | null;
  title: string | null;
  closed: boolean;
  createdAt: string;
  source: string | null;
  sourceId: string | null;
  /** Already in the site: its own settings (closed, title…) are kept. */
  exists: boolean;
  comments: NewCommentRow[];
  likes: LikeRow[];
}

export interface ImportPlan {
  /** Only threads that get new comments. */
  threads: PlannedThread[];
  newThreads: number;
  newComments: number;
  /** Comments of the file that the site already holds. */
  existing: number;
  skipped: number;
  problems: ImportProblem[];
}

interface Placed {
  id: string;
  path: string;
  rootId: string;
  depth: number;
}

export function planImport(file: ImportFile, context: PlanContext): ImportPlan {
  const plan: ImportPlan = { threads: [], newThreads: 0, newComments: 0, existing: 0, skipped: file.skipped, problems: [...file.problems] };

  // Group the file's threads by the site thread they go to.
  const groups = new Map<string, { existing: ExistingThread | null; threads: ImportThread[] }>();
  for (const thread of file.threads) {
    const existing = targetOf(thread, context);
    const page = existing?.page ?? thread.page;
    const group = groups.get(page);
    if (group === undefined) groups.set(page, { existing, threads: [thread] });
    else {
      group.threads.push(thread);
      plan.problems.push({
        code: "threads_merged",
        message: `${thread.source ?? thread.page} goes to the same page as ${group.threads[0]?.source ?? page} ("${page}"): their comments share one thread.`,
        line: thread.line,
        ...(thread.source ? { source: thread.source } : {}),
      });
    }
  }

  for (const [page, group] of groups) {
    const planned = planThread(page, group.existing, group.threads, context, plan);
    if (planned.comments.length === 0) continue;
    plan.threads.push(planned);
    plan.newComments += planned.comments.length;
    if (!planned.exists) plan.newThreads += 1;
  }
  return plan;
}

function targetOf(thread: ImportThread, context: PlanContext): ExistingThread | null {
  const bySource = thread.source === null ? undefined : context.threadsBySource.get(thread.source);
  if (bySource) return bySource;
  const byPage = context.threadsByPage.get(thread.page);
  if (byPage) return byPage;
  for (const comment of thread.comments) {
    const known = context.comments.get(comment.key);
    if (known) return { id: known.threadId, page: known.page, source: null };
  }
  return null;
}

function planThread(
  page: string,
  existing: ExistingThread | null,
  threads: ImportThread[],
  context: PlanContext,
  plan: ImportPlan,
): PlannedThread {
  const first = threads[0] as ImportThread;
  const source = first.source === null ? null : splitSourceKey(first.source);
  const fresh = new Map<SourceKey, ImportComment>();
  const known: ImportComment[] = [];
  for (const comment of threads.flatMap((thread) => thread.comments)) {
    if (context.comments.has(comment.key)) {
      plan.existing += 1;
      known.push(comment);
    } else if (fresh.has(comment.key)) {
      plan.skipped += 1;
      plan.problems.push({
        code: "duplicate_comment",
        message: `${comment.key} appears twice in the file: the second is skipped.`,
        line: comment.line,
        source: comment.key,
      });
    } else fresh.set(comment.key, comment);
  }
  plan.skipped += pruneLonePlaceholders(fresh, known);

  const rows: NewCommentRow[] = [];
  const likes: LikeRow[] = [];
  const placed = new Map<SourceKey, Placed>();
  const place = (comment: ImportComment, parent: Placed | null) => {
    const id = context.newId();
    const row = toRow(comment, id, parent, context, plan.problems);
    rows.push(row);
    for (const record of comment.likeRecords) {
      likes.push({ comment_id: id, reader_hash: record.readerHash, ip_hash: record.ipHash, created_at: record.createdAt });
    }
    placed.set(comment.key, { id, path: row.path, rootId: row.root_id, depth: row.depth });
  };
  const missingParent = (comment: ImportComment, why: string) => {
    plan.problems.push({
      code: "parent_missing",
      message: `${comment.key} replies to ${comment.parentKey}, ${why}: imported as a top-level comment.`,
      line: comment.line,
      source: comment.key,
    });
  };

  for (const start of fresh.values()) {
    if (placed.has(start.key)) continue;
    // Walk up to the first ancestor that is placed, known, absent or part of a loop, then place downwards.
    const chain: ImportComment[] = [];
    const onChain = new Set<SourceKey>();
    let parent: Placed | null = null;
    for (let comment: ImportComment | undefined = start; comment !== undefined; ) {
      chain.push(comment);
      onChain.add(comment.key);
      const parentKey = comment.parentKey;
      if (parentKey === null) break;
      const done = placed.get(parentKey);
      if (done) {
        parent = done;
        break;
      }
      const known = context.comments.get(parentKey);
      if (known) {
        if (existing !== null && known.threadId === existing.id) parent = known;
        else missingParent(comment, "which is on another page");
        break;
      }
      const next = fresh.get(parentKey);
      if (next === undefined) {
        missingParent(comment, "which is not in the file");
        break;
      }
      if (onChain.has(parentKey)) {
        missingParent(comment, "which is one of its own replies (the file has a loop)");
        break;
      }
      comment = next;
    }
    for (const comment of chain.reverse()) {
      place(comment, parent);
      parent = placed.get(comment.key) ?? null;
    }
  }

  const earliest = rows.reduce<string | null>((min, row) => (min === null || row.created_at < min ? row.created_at : min), null);
  return {
    page,
    url: first.url,
    title: first.title,
    closed: first.closed,
    createdAt: first.createdAt ?? earliest ?? context.now,
    source: source?.source ?? null,
    sourceId: source?.id ?? null,
    exists: existing !== null,
    comments: rows,
    likes,
  };
}

/**
 * Leaves out the placeholders nobody replies to, and then those whose only replies were such
 * placeholders, and so on up: returns how many. Replies the site already holds count.
 */
function pruneLonePlaceholders(fresh: Map<SourceKey, ImportComment>, known: readonly ImportComment[]): number {
  const replies = new Map<SourceKey, number>();
  for (const comment of [...fresh.values(), ...known]) {
    if (comment.parentKey !== null) replies.set(comment.parentKey, (replies.get(comment.parentKey) ?? 0) + 1);
  }
  const lone = [...fresh.values()].filter((comment) => comment.status === "deleted" && !replies.has(comment.key));
  let pruned = 0;
  for (let comment = lone.pop(); comment !== undefined; comment = lone.pop()) {
    fresh.delete(comment.key);
    pruned += 1;
    if (comment.parentKey === null) continue;
    const left = (replies.get(comment.parentKey) ?? 0) - 1;
    replies.set(comment.parentKey, left);
    const parent = fresh.get(comment.parentKey);
    if (left === 0 && parent?.status === "deleted") lone.push(parent);
  }
  return pruned;
}

function toRow(comment: ImportComment, id: string, parent: Placed | null, context: PlanContext, problems: ImportProblem[]): NewCommentRow {
  const { source, id: sourceId } = splitSourceKey(comment.key);
  const deleted = comment.status === "deleted";
  const body = deleted ? "" : bodyOf(comment, problems);
  const email = deleted ? null : comment.authorEmail;
  const likes = likeCount(comment, problems);
  return {
    id,
    parent_id: parent?.id ?? null,
    root_id: parent?.rootId ?? id,
    depth: parent ? parent.depth + 1 : 0,
    path: childPath(parent?.path ?? null, comment.createdAt, id),
    author_name: deleted ? null : comment.authorName,
    author_email: email,
    author_website: deleted ? null : comment.authorWebsite,
    email_hash: email === null ? null : (context.emailHashes.get(email) ?? null),
    body,
    html: deleted ? "" : renderMarkdown(body),
    status: comment.status,
    created_at: comment.createdAt,
    edited_at: comment.editedAt,
    ip_hash: comment.ipHash ?? (comment.ip === null ? null : (context.ipHashes.get(comment.ip) ?? null)),
    likes: Math.max(likes, comment.likeRecords.length),
    imported_likes: Math.max(likes - comment.likeRecords.length, 0),
    pinned: comment.pinned ? 1 : 0,
    source,
    source_id: sourceId,
  };
}

/** The body cleaned like typed text, and cut to BODY_MAX characters (ending "…") if longer. */
function bodyOf(comment: ImportComment, problems: ImportProblem[]): string {
  const body = cleanText(comment.body);
  if (body.length <= BODY_MAX) return body;
  problems.push({
    code: "body_truncated",
    message: `${comment.key} is ${body.length} characters long, more than the ${BODY_MAX} a comment may have: it is cut to that length, ending in "…".`,
    line: comment.line,
    source: comment.key,
  });
  // Cutting between the two halves of a surrogate pair would leave half a character.
  const end = /[\ud800-\udbff]/.test(body.charAt(BODY_MAX - 2)) ? BODY_MAX - 2 : BODY_MAX - 1;
  return `${body.slice(0, end).trimEnd()}…`;
}

/** The file's like count, at most IMPORTED_LIKES_MAX. Only the records become rows. */
function likeCount(comment: ImportComment, problems: ImportProblem[]): number {
  if (comment.likes <= IMPORTED_LIKES_MAX) return comment.likes;
  problems.push({
    code: "likes_capped",
    message: `${comment.key} counts ${comment.likes} likes, more than the ${IMPORTED_LIKES_MAX} an import takes: it keeps ${IMPORTED_LIKES_MAX}.`,
    line: comment.line,
    source: comment.key,
  });
  return IMPORTED_LIKES_MAX;
}
