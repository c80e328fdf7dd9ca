import type { CommentStatus, ImportProblem } from "../../api-types.ts";
import { PAGE_MAX, TITLE_MAX, URL_MAX } from "../fields.ts";
import { cleanPageKey, cleanText, hasVisibleContent } from "../text.ts";

// What every importer turns its file into: threads holding comments, each comment named
// by a key that stays the same however often the file is imported. Pure data; the
// planner (plan.ts) decides what to insert, worker/db/transfer/import.ts writes it.

export type ImportFormat = "wxr" | "disqus" | "isso" | "bascule";

export const IMPORT_FORMATS: readonly ImportFormat[] = ["wxr", "disqus", "isso", "bascule"];

/**
 * Where a comment or thread came from: `format:id`, e.g. `wxr:1148#904` (WordPress post 1148,
 * comment 904), `disqus:4`, `isso:/posts/0001/#0`, or `bascule:<nanoid>` for a comment first
 * written in Bascule. Stored as `source` + `source_id`; the export writes it back as is, so a
 * round trip through any format keeps every comment's identity.
 */
export type SourceKey = string;

export function sourceKey(source: string, id: string): SourceKey {
  return `${source}:${id}`;
}

export function splitSourceKey(key: SourceKey): { source: string; id: string } {
  const colon = key.indexOf(":");
  return colon <= 0 ? { source: "bascule", id: key } : { source: key.slice(0, colon), id: key.slice(colon + 1) };
}

// The API's answer names each problem (api-types.ts, where the contract lives); importers fill them in.
export type { ImportProblem };

export interface LikeRecord {
  readerHash: string | null;
  ipHash: string | null;
  createdAt: string;
}

export interface ImportComment {
  key: SourceKey;
  parentKey: SourceKey | null;
  authorName: string | null;
  authorEmail: string | null;
  authorWebsite: string | null;
  /** Markdown source; rendered by worker/lib/markdown.ts, never taken as HTML from the file. */
  body: string;
  status: CommentStatus;
  createdAt: string;
  editedAt: string | null;
  /** A raw IP from the file: only its salted hash is stored. */
  ip: string | null;
  /** An IP hash already salted by a Bascule install (Bascule exports). */
  ipHash: string | null;
  likes: number;
  likeRecords: LikeRecord[];
  pinned: boolean;
  line?: number;
}

export interface ImportThread {
  /** Page key; checkThreads normalises it (worker/lib/page-key.ts) and checks its length. */
  page: string;
  /** The page's address; checkThreads keeps it only if it is http(s). */
  url: string | null;
  title: string | null;
  closed: boolean;
  /** When the thread began; the earliest comment's time when the file doesn't say. */
  createdAt: string | null;
  source: SourceKey | null;
  comments: ImportComment[];
  line?: number;
}

interface ImportSite {
  origins: string[];
  settings: Record<string, unknown>;
  createdAt: string;
}

export interface ImportFile {
  format: ImportFormat;
  threads: ImportThread[];
  /** Entries deliberately left out: pingbacks, trackbacks, deleted posts nobody replied to… */
  skipped: number;
  problems: ImportProblem[];
  /** Bascule exports carry the site's settings. */
  site?: ImportSite;
}

/** A file we can't import: the message names the line, column or element that failed. */
export class ImportFileError extends Error {
  // Plain fields, not parameter properties: the command line runs this file in Node, which only strips types.
  readonly code: "malformed_file" | "wrong_format" | "unsupported_version" | "empty_file";
  readonly line: number | undefined;

  constructor(code: ImportFileError["code"], message: string, line?: number) {
    super(message);
    this.code = code;
    this.line = line;
  }
}

/** "2014-01-14 17:32:12" (UTC) or any ISO 8601 date, as ISO 8601 UTC with milliseconds; null if not a date. */
export function isoDate(raw: string | null | undefined): string | null {
  const text = raw?.trim() ?? "";
  if (text === "" || text.startsWith("0000-00-00")) return null;
  const sql = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text);
  const time = Date.parse(sql ? `${sql[1]}T${sql[2]}Z` : text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** An e-mail as stored (cleaned, trimmed, lower-cased), or null when there is none worth keeping. */
export function importEmail(raw: string | null | undefined): string | null {
  const email = cleanText(raw ?? "")
    .trim()
    .toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

/** A website or thread URL as given (cleaned), if it is an http or https URL of at most URL_MAX characters; anything else is dropped. */
export function importWebsite(raw: string | null | undefined): string | null {
  const text = cleanText(raw ?? "").trim();
  if (text === "" || text.length > URL_MAX) return null;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? text : null;
  } catch {
    return null;
  }
}

/** Why a normalised page key can't be stored, or null when it can. */
export function pageKeyProblem(page: string): string | null {
  if (page === "") return "is empty";
  if (page.length > PAGE_MAX) return `is ${page.length} characters long, more than the ${PAGE_MAX} a page key may have`;
  return null;
}

/**
 * Every thread's page and URL checked as the API checks a reader's, whatever the format:
 * a thread whose page key is empty or too long is left out with its comments, and a URL
 * that is not http(s) or is too long is dropped (the API shows thread.url to every reader).
 * Both are reported.
 */
export function checkThreads(file: ImportFile): ImportFile {
  file.threads = file.threads.filter((thread) => {
    const name = thread.source ?? `The thread "${shorten(thread.page)}"`;
    const where = {
      ...(thread.line === undefined ? {} : { line: thread.line }),
      ...(thread.source === null ? {} : { source: thread.source }),
    };
    const page = cleanPageKey(thread.page);
    const problem = pageKeyProblem(page);
    if (problem !== null) {
      file.skipped += thread.comments.length;
      file.problems.push({ code: "page_invalid", message: `${name}: its page key ${problem}; its comments are skipped.`, ...where });
      return false;
    }
    thread.page = page;
    const url = thread.url === null ? null : importWebsite(thread.url);
    if (url === null && thread.url !== null && thread.url.trim() !== "") {
      file.problems.push({
        code: "url_dropped",
        message: `${name}: its URL "${shorten(thread.url)}" is not an http or https address of at most ${URL_MAX} characters, so it is left out.`,
        ...where,
      });
    }
    thread.url = url;
    return true;
  });
  return file;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Addresses that say nothing about the author (Isso writes 0.0.0.0 when it has none). */
export function importIp(raw: string | null | undefined): string | null {
  const ip = raw?.trim() ?? "";
  return ip === "" || ip === "0.0.0.0" || ip === "::" || ip === "unknown" ? null : ip;
}

/**
 * Text as people type it (worker/lib/text.ts cleanText), null when nothing shows. Trimmed,
 * except for Bascule's own exports, whose text is taken exactly as the site held it.
 */
export function importText(raw: string | null | undefined, exact = false, max = TITLE_MAX): string | null {
  const text = cleanText(raw ?? "");
  if (!hasVisibleContent(text)) return null;
  // Cut to the API's own limit, by code point so no surrogate pair is split.
  return Array.from(exact ? text : text.trim())
    .slice(0, max)
    .join("");
}
