import { z } from "zod";
import { checkShape, parseJson } from "./json.ts";
import { NAME_MAX } from "../fields.ts";
import { importEmail, importIp, importText, importWebsite, isoDate, sourceKey, type ImportFile, type ImportThread } from "./model.ts";

// Isso's generic JSON import format: a list of threads `{ id, title, comments }`, each
// comment `{ id, author, email, website, remote_addr, created, text }` where `id` is unique
// within its thread only and `text` is Markdown (Isso renders Markdown). `parent` and
// `mode` (1 published, 2 pending, 4 deleted) are read when present.

const optionalText = z.string().nullish();
const commentId = z.union([z.number(), z.string().min(1)]);
const issoComment = z.object({
  id: commentId,
  author: optionalText,
  email: optionalText,
  website: optionalText,
  remote_addr: optionalText,
  created: z.string().refine((value) => isoDate(value) !== null, { error: "must be a date like 2005-02-24 04:03:37" }),
  text: z.string(),
  parent: commentId.nullish(),
  mode: z.number().int().optional(),
});
const issoFile = z.array(z.object({ id: z.string().trim().min(1), title: optionalText, comments: z.array(issoComment) }), {
  error: "must be a list of threads",
});

export function parseIsso(text: string): ImportFile {
  const threads = checkShape(issoFile, parseJson(text, "Isso file"), "Isso file");
  const file: ImportFile = { format: "isso", threads: [], skipped: 0, problems: [] };
  for (const entry of threads) {
    const thread: ImportThread = {
      page: entry.id,
      url: /^https?:\/\//i.test(entry.id) ? entry.id.trim() : null,
      title: importText(entry.title),
      closed: false,
      createdAt: null,
      source: sourceKey("isso", entry.id),
      comments: [],
    };
    for (const comment of entry.comments) {
      const deleted = comment.mode === 4;
      thread.comments.push({
        key: sourceKey("isso", `${entry.id}#${comment.id}`),
        parentKey: comment.parent === null || comment.parent === undefined ? null : sourceKey("isso", `${entry.id}#${comment.parent}`),
        authorName: deleted ? null : importText(comment.author, false, NAME_MAX),
        authorEmail: deleted ? null : importEmail(comment.email),
        authorWebsite: deleted ? null : importWebsite(comment.website),
        body: deleted ? "" : comment.text,
        status: deleted ? "deleted" : comment.mode === 2 ? "pending" : "approved",
        createdAt: isoDate(comment.created) ?? "",
        editedAt: null,
        ip: deleted ? null : importIp(comment.remote_addr),
        ipHash: null,
        likes: 0,
        likeRecords: [],
        pinned: false,
      });
    }
    if (thread.comments.length > 0) file.threads.push(thread);
  }
  return file;
}
