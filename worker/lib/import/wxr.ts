import type { CommentStatus } from "../../api-types.ts";
import { NAME_MAX } from "../fields.ts";
import { cleanPageKey } from "../text.ts";
import { decodeEntities } from "./html-parse.ts";
import { htmlToMarkdown } from "./html-to-markdown.ts";
import {
  ImportFileError,
  importEmail,
  importIp,
  importText,
  importWebsite,
  isoDate,
  sourceKey,
  type ImportComment,
  type ImportFile,
  type ImportProblem,
  type ImportThread,
  type LikeRecord,
} from "./model.ts";
import { child, childText, children, readXml, type XmlElement } from "./xml.ts";

// WordPress eXtended RSS (WXR 1.0 to 1.2): <rss><channel><item> per post or page, each with
// its <wp:comment> elements. Only items with comments become threads.
//
// Source ids: WordPress numbers comments per blog, but hand-made files (Isso's test file)
// reuse numbers across posts, so a comment's key is scoped by its post:
// `wxr:<post id or link>#<comment id>`.
//
// Bascule's own WXR export (worker/lib/export/wxr.ts) adds `_bascule_*` comment and post
// meta (WordPress keeps meta keys that start with "_" hidden): the original Markdown,
// exact times, likes, pins, placeholders and source keys, so reading it back loses nothing.

const KEEP_TYPES = new Set(["", "comment", "review"]);
const PING_TYPES = new Set(["pingback", "trackback"]);
const STATUSES = new Set<CommentStatus>(["pending", "approved", "spam", "deleted"]);

export function parseWxr(text: string): ImportFile {
  const file: ImportFile = { format: "wxr", threads: [], skipped: 0, problems: [] };
  readXml(text, 2, {
    root(name) {
      if (name !== "rss") throw new ImportFileError("wrong_format", `A WXR file starts with <rss>, not <${name}>.`, 1);
    },
    element(element) {
      if (element.name === "item") {
        const thread = readItem(element, file);
        if (thread !== null) file.threads.push(thread);
      }
    },
  });
  return file;
}

function readItem(item: XmlElement, file: ImportFile): ImportThread | null {
  const comments = children(item, "wp:comment");
  if (comments.length === 0) return null;
  const title = importText(childText(item, "title"));
  const link = (childText(item, "link") ?? "").trim() || (childText(item, "guid") ?? "").trim();
  if (link === "") {
    throw new ImportFileError(
      "malformed_file",
      `The <item>${title ? ` "${title}"` : ""} on line ${item.line} has comments but no <link> or <guid> to name its page.`,
      item.line,
    );
  }
  const meta = metaOf(item, "wp:postmeta");
  const postId = (childText(item, "wp:post_id") ?? "").trim() || link;
  // Ours when Bascule wrote it; a blank one (a hand-edited file) falls back to the link.
  const own = meta.get("_bascule_page")?.trim() ?? "";
  const page = own === "" ? cleanPageKey(link) : own;
  if (own === "" && /^https?:\/\/[^?#]*\?/i.test(link)) {
    file.problems.push({
      code: "page_query_dropped",
      message: `The link ${link} has a query string, which page keys leave out: its comments go to the thread "${page}".`,
      line: item.line,
    });
  }
  const thread: ImportThread = {
    page,
    url: meta.has("_bascule_url") ? meta.get("_bascule_url") || null : link,
    title: meta.has("_bascule_page") ? importText(childText(item, "title"), true) : title,
    closed: (childText(item, "wp:comment_status") ?? "").trim() === "closed",
    createdAt: isoDate(meta.get("_bascule_created_at")),
    source: meta.has("_bascule_source") ? meta.get("_bascule_source") || null : sourceKey("wxr", postId),
    comments: [],
    line: item.line,
  };

  // WordPress comment ids → keys, first, so replies find parents written after them.
  const keys = new Map<string, string>();
  for (const element of comments) {
    const id = (childText(element, "wp:comment_id") ?? "").trim();
    if (id === "")
      throw new ImportFileError("malformed_file", `The <wp:comment> on line ${element.line} has no <wp:comment_id>.`, element.line);
    keys.set(id, metaOf(element, "wp:commentmeta").get("_bascule_id") ?? sourceKey("wxr", `${postId}#${id}`));
  }
  for (const element of comments) {
    const comment = readComment(element, postId, keys, file.problems);
    if (comment === null) file.skipped += 1;
    else thread.comments.push(comment);
  }
  return thread;
}

function readComment(element: XmlElement, postId: string, keys: Map<string, string>, problems: ImportProblem[]): ImportComment | null {
  const id = (childText(element, "wp:comment_id") ?? "").trim();
  const key = keys.get(id) ?? sourceKey("wxr", `${postId}#${id}`);
  const type = (childText(element, "wp:comment_type") ?? "").trim();
  if (PING_TYPES.has(type)) return null;
  if (!KEEP_TYPES.has(type)) {
    problems.push({
      code: "comment_type_skipped",
      message: `Comment ${id} is a "${type}", not a comment: skipped.`,
      line: element.line,
      source: key,
    });
    return null;
  }
  const meta = metaOf(element, "wp:commentmeta");
  // Bascule's own WXR export: its text is exact, not WordPress's entity-encoded HTML.
  const ours = meta.has("_bascule_id");
  const status = statusOf(element, meta, key, problems);
  const createdAt = isoDate(meta.get("_bascule_created_at")) ?? dateOf(element, key, problems);
  const parent = (childText(element, "wp:comment_parent") ?? "").trim();
  const deleted = status === "deleted";
  const likeRecords = likeRecordsOf(meta.get("_bascule_like_records"), element.line, key, problems);
  return {
    key,
    parentKey: parent === "" || parent === "0" ? null : (keys.get(parent) ?? sourceKey("wxr", `${postId}#${parent}`)),
    authorName: deleted
      ? null
      : ours
        ? importText(childText(element, "wp:comment_author"), true, NAME_MAX)
        : importText(decodeEntities(childText(element, "wp:comment_author") ?? ""), false, NAME_MAX),
    authorEmail: deleted ? null : importEmail(childText(element, "wp:comment_author_email")),
    authorWebsite: deleted ? null : importWebsite(childText(element, "wp:comment_author_url")),
    body: deleted ? "" : (meta.get("_bascule_markdown") ?? htmlToMarkdown((childText(element, "wp:comment_content") ?? "").trim())),
    status,
    createdAt,
    editedAt: isoDate(meta.get("_bascule_edited_at")),
    ip: importIp(childText(element, "wp:comment_author_IP")),
    ipHash: meta.get("_bascule_ip_hash") || null,
    likes: Math.max(Number.parseInt(meta.get("_bascule_likes") ?? "0", 10) || 0, likeRecords.length),
    likeRecords,
    pinned: meta.get("_bascule_pinned") === "1",
    line: element.line,
  };
}

/** WordPress's comment_approved: 1, 0, spam, trash (and post-trashed, when its post went to the trash). */
function statusOf(element: XmlElement, meta: Map<string, string>, key: string, problems: ImportProblem[]): CommentStatus {
  const own = meta.get("_bascule_status") as CommentStatus | undefined;
  if (own !== undefined && STATUSES.has(own)) return own;
  const approved = (childText(element, "wp:comment_approved") ?? "").trim();
  switch (approved) {
    case "1":
    case "approve":
      return "approved";
    case "0":
    case "hold":
      return "pending";
    case "spam":
    case "trash":
    case "post-trashed":
      return "spam";
    default:
      problems.push({
        code: "status_unknown",
        message: `Comment has wp:comment_approved "${approved}", which WordPress does not write: imported as pending.`,
        line: element.line,
        source: key,
      });
      return "pending";
  }
}

function dateOf(element: XmlElement, key: string, problems: ImportProblem[]): string {
  const gmt = isoDate(childText(element, "wp:comment_date_gmt"));
  if (gmt !== null) return gmt;
  const local = isoDate(childText(element, "wp:comment_date"));
  if (local === null) {
    throw new ImportFileError(
      "malformed_file",
      `The <wp:comment> on line ${element.line} has no usable <wp:comment_date_gmt> or <wp:comment_date>.`,
      element.line,
    );
  }
  problems.push({
    code: "date_not_gmt",
    message: "Comment has only a local wp:comment_date: read as UTC.",
    line: element.line,
    source: key,
  });
  return local;
}

function metaOf(element: XmlElement, name: string): Map<string, string> {
  const meta = new Map<string, string>();
  for (const entry of children(element, name)) {
    const key = childText(entry, "wp:meta_key")?.trim();
    if (key) meta.set(key, child(entry, "wp:meta_value")?.text ?? "");
  }
  return meta;
}

function likeRecordsOf(json: string | undefined, line: number, key: string, problems: ImportProblem[]): LikeRecord[] {
  if (json === undefined || json === "") return [];
  try {
    const records = JSON.parse(json) as unknown;
    if (Array.isArray(records)) {
      return records
        .filter(isLikeRecord)
        .map((record) => ({ readerHash: record.readerHash, ipHash: record.ipHash, createdAt: record.createdAt }));
    }
  } catch {
    // reported below
  }
  problems.push({
    code: "likes_unreadable",
    message: "The _bascule_like_records meta is not a list of likes: left out.",
    line,
    source: key,
  });
  return [];
}

function isLikeRecord(value: unknown): value is LikeRecord {
  const record = value as Partial<LikeRecord> | null;
  return (
    typeof record === "object" &&
    record !== null &&
    typeof record.createdAt === "string" &&
    (record.readerHash === null || typeof record.readerHash === "string") &&
    (record.ipHash === null || typeof record.ipHash === "string")
  );
}
