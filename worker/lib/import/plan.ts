import type { CommentRow } from "../../db/comments.ts";
import type { LikeRow } from "../../db/likes.ts";
import { escapeHtml, renderMarkdown } from "../markdown.ts";
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

export interface PlanContext {
  threadsBySource: ReadonlyMap<SourceKey, ExistingThread>;
  threadsByPage: ReadonlyMap<string, ExistingThread>;
  comments: ReadonlyMap<SourceKey, ExistingComment>;
  emailHashes: ReadonlyMap<string, string>;
  ipHashes: ReadonlyMap<string, string>;
  newId(): string;
  now: string;
}

/** A comment row as an import writes it: no edit token (nobody holds one), and always a source. */
export type NewCommentRow = Omit<CommentRow, "thread_id" | "edit_token_hash" | "source" | "source_id"> & { source: string; source_id: string };

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

/** The longest body a reader may post (worker/routes/comments.ts), rendered as Markdown. */
const MARKDOWN_MAX = 10_000;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

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

function planThread(page: string, existing: ExistingThread | null, threads: ImportThread[], context: PlanContext, plan: ImportPlan): PlannedThread {
  const first = threads[0] as ImportThread;
  const source = first.source === null ? null : splitSourceKey(first.source);
  const fresh = new Map<SourceKey, ImportComment>();
  for (const comment of threads.flatMap((thread) => thread.comments)) {
    if (context.comments.has(comment.key)) plan.existing += 1;
    else if (fresh.has(comment.key)) {
      plan.skipped += 1;
      plan.problems.push({ code: "duplicate_comment", message: `${comment.key} appears twice in the file: the second is skipped.`, line: comment.line, source: comment.key });
    } else fresh.set(comment.key, comment);
  }

  const rows: NewCommentRow[] = [];
  const likes: LikeRow[] = [];
  const placed = new Map<SourceKey, Placed>();
  const place = (comment: ImportComment, parent: Placed | null) => {
    const id = context.newId();
    const row = toRow(comment, id, parent, context, plan.problems);
    rows.push(row);
    likes.push(...likeRows(comment, id));
    placed.set(comment.key, { id, path: row.path, rootId: row.root_id, depth: row.depth });
  };
  const missingParent = (comment: ImportComment, why: string) => {
    plan.problems.push({ code: "parent_missing", message: `${comment.key} replies to ${comment.parentKey}, ${why}: imported as a top-level comment.`, line: comment.line, source: comment.key });
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

function toRow(comment: ImportComment, id: string, parent: Placed | null, context: PlanContext, problems: ImportProblem[]): NewCommentRow {
  const { source, id: sourceId } = splitSourceKey(comment.key);
  const deleted = comment.status === "deleted";
  const body = deleted ? "" : comment.body.replace(CONTROL, "");
  const email = deleted ? null : comment.authorEmail;
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
    html: deleted ? "" : render(body, comment, problems),
    status: comment.status,
    created_at: comment.createdAt,
    edited_at: comment.editedAt,
    ip_hash: comment.ipHash ?? (comment.ip === null ? null : (context.ipHashes.get(comment.ip) ?? null)),
    likes: Math.max(comment.likes, comment.likeRecords.length),
    pinned: comment.pinned ? 1 : 0,
    source,
    source_id: sourceId,
  };
}

/**
 * The comment's HTML from our one renderer. Markdown is read up to the length a reader may
 * post (MARKDOWN_MAX); a longer comment, or one nested too deep for the renderer, is shown
 * as plain text (escaped, paragraphs and line breaks kept) and reported: the renderer's
 * time grows faster than the text on some inputs, and one comment must not stop an import.
 */
function render(body: string, comment: ImportComment, problems: ImportProblem[]): string {
  if (body.length <= MARKDOWN_MAX) {
    try {
      return renderMarkdown(body);
    } catch {
      // reported below
    }
  }
  problems.push({
    code: "shown_as_text",
    message: `${comment.key} is ${body.length > MARKDOWN_MAX ? `longer than ${MARKDOWN_MAX} characters` : "nested too deep to render"}: it is shown as plain text.`,
    line: comment.line,
    source: comment.key,
  });
  return body
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== "")
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replaceAll("\n", "<br>")}</p>`)
    .join("");
}

/**
 * The comment's likes as rows. A file that gives a count without records (WordPress has
 * none) gets stand-in records, so that a later like, which recounts the rows, keeps them.
 */
function likeRows(comment: ImportComment, id: string): LikeRow[] {
  const rows = comment.likeRecords.map((record) => ({ comment_id: id, reader_hash: record.readerHash, ip_hash: record.ipHash, created_at: record.createdAt }));
  for (let index = rows.length; index < comment.likes; index += 1) {
    rows.push({ comment_id: id, reader_hash: `imported-${index + 1}`, ip_hash: null, created_at: comment.createdAt });
  }
  return rows;
}
