import { z } from "zod";
import { PAGE_MAX } from "../fields.ts";

// Bascule's own export, version 1: everything one site holds, documented for site owners
// in docs/export-format.md. The exporter (bascule.ts) writes it; the importer
// (worker/lib/import/bascule.ts) reads it with the schema below. A change that an older
// importer can't read needs a new version number.

export const BASCULE_FORMAT_VERSION = 1;

export interface BasculeLike {
  readerHash: string | null;
  ipHash: string | null;
  createdAt: string;
}

export interface BasculeComment {
  /** Source key: `bascule:<id>` for a comment written in Bascule, `wxr:…`, `disqus:…`, `isso:…` for imported ones. */
  id: string;
  parent: string | null;
  /** Null on a placeholder (a deleted comment that keeps its replies' place). */
  author: { name: string | null; email: string | null; website: string | null } | null;
  /** Markdown, as the author wrote it. */
  body: string;
  /** What Bascule rendered from `body` (for readers of the file; an import renders again). */
  html: string;
  status: "pending" | "approved" | "spam" | "deleted";
  createdAt: string;
  editedAt: string | null;
  likes: number;
  /** One per like: salted hashes of the reader id and network, from the exporting install. */
  likeRecords: BasculeLike[];
  pinned: boolean;
  /** Salted hash of the author's network, from the exporting install. */
  ipHash: string | null;
}

export interface BasculeThread {
  page: string;
  url: string | null;
  title: string | null;
  createdAt: string;
  closed: boolean;
  /** Approved comments (informative: an import counts again). */
  count: number;
  source: string | null;
  /** Display order: each top-level comment (oldest first) followed by its replies, depth first. */
  comments: BasculeComment[];
}

interface BasculeSite {
  key: string;
  origins: string[];
  settings: Record<string, unknown>;
  createdAt: string;
}

export interface BasculeExport {
  format: "bascule";
  version: typeof BASCULE_FORMAT_VERSION;
  exportedAt: string;
  site: BasculeSite;
  threads: BasculeThread[];
}

const isoTime = z.iso.datetime({ offset: true, error: "must be an ISO 8601 time" });
const nullableText = z.string().nullable();
const hash = z.string().max(200).nullable();

const like = z.object({ readerHash: hash, ipHash: hash, createdAt: isoTime });

const comment = z.object({
  id: z.string().min(1).max(1000),
  parent: z.string().min(1).max(1000).nullable(),
  author: z.object({ name: nullableText, email: nullableText, website: nullableText }).nullable(),
  body: z.string(),
  html: z.string().optional(),
  status: z.enum(["pending", "approved", "spam", "deleted"]),
  createdAt: isoTime,
  editedAt: isoTime.nullable(),
  likes: z.number().int().min(0),
  likeRecords: z.array(like).default([]),
  pinned: z.boolean(),
  ipHash: hash,
});

const thread = z.object({
  page: z.string().trim().min(1).max(PAGE_MAX),
  url: nullableText,
  title: nullableText,
  createdAt: isoTime,
  closed: z.boolean(),
  count: z.number().int().min(0).optional(),
  source: z.string().min(1).max(1000).nullable(),
  comments: z.array(comment),
});

export const basculeExportSchema = z.object({
  format: z.literal("bascule"),
  version: z.literal(BASCULE_FORMAT_VERSION),
  exportedAt: isoTime.optional(),
  site: z.object({
    key: z.string().optional(),
    origins: z.array(z.string().max(200)).max(100),
    settings: z.record(z.string(), z.unknown()),
    createdAt: isoTime,
  }),
  threads: z.array(thread),
});
