import { env } from "cloudflare:workers";
import type { ImportAnswer } from "../../worker/api-types.ts";
import type { CommentRow } from "../../worker/db/comments.ts";
import type { ThreadRow } from "../../worker/db/threads.ts";
import { admin, createSite } from "./helpers.ts";

// Owner requests to the import, export and move routes (worker/routes/admin/transfer.ts and admin/threads.ts).
export const owner = admin;

export async function importFile(site: string, format: string, body: string, query = ""): Promise<Response> {
  const type = body.trimStart().startsWith("<") ? "application/xml" : "application/json";
  return owner(`/import?site=${site}&format=${format}${query}`, { method: "POST", body, headers: { "content-type": type } });
}

/** Imports and expects success. */
export async function imported(site: string, format: string, body: string, query = ""): Promise<ImportAnswer> {
  const res = await importFile(site, format, body, query);
  if (res.status !== 200) throw new Error(`import failed: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function exported(site: string, format: "bascule" | "wxr" = "bascule"): Promise<Response> {
  const res = await owner(`/export?site=${site}&format=${format}`);
  if (res.status !== 200) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  return res;
}

let siteCounter = 0;
/** A site of its own for one test. */
export async function freshSite(label: string, settings: object = { moderation: "none" }): Promise<string> {
  const key = unusedSite(label);
  await createSite(key, settings);
  return key;
}

/** A site key nobody has created yet. */
export function unusedSite(label: string): string {
  siteCounter += 1;
  return `${label}-${siteCounter}-${crypto.randomUUID().slice(0, 6)}`.toLowerCase().slice(0, 40);
}

/** A comment row as D1 holds it, with its thread's page. */
export type StoredComment = CommentRow & Pick<ThreadRow, "page">;

export async function storedComments(site: string): Promise<StoredComment[]> {
  const { results } = await env.DB.prepare(
    `SELECT c.*, t.page FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.site_key = ? ORDER BY t.page, c.root_id, c.path`,
  )
    .bind(site)
    .all<StoredComment>();
  return results;
}

export async function storedThreads(site: string): Promise<ThreadRow[]> {
  const { results } = await env.DB.prepare("SELECT * FROM threads WHERE site_key = ? ORDER BY page").bind(site).all<ThreadRow>();
  return results;
}

/** Counts by value, e.g. statuses: { approved: 25, pending: 3 }. */
export function tally(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[value] = (out[value] ?? 0) + 1;
  return out;
}
