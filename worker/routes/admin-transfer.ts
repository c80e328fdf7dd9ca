import { Hono } from "hono";
import { nanoid } from "nanoid";
import { z } from "zod";
import type { ImportAnswer } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { auditStatement } from "../db/audit.ts";
import {
  findComments,
  findThreads,
  importBatches,
  moveStatements,
  selectSiteThreads,
  selectThreadContents,
  selectThreadsByPages,
  selectThreadsByPrefix,
} from "../db/imports.ts";
import { insertSite, selectSite, updateSite, type SiteRow } from "../db/sites.ts";
import { buildBasculeExport } from "../lib/export/bascule.ts";
import { writeWxr } from "../lib/export/wxr.ts";
import { ApiError } from "../lib/errors.ts";
import { ipNetwork, saltedHash } from "../lib/hash.ts";
import { ImportFileError, parseImport, type ImportFile } from "../lib/import/index.ts";
import { IMPORT_FORMATS, pageKeyProblem } from "../lib/import/model.ts";
import { planMoves, rewrittenKey, type ThreadAt } from "../lib/import/moves.ts";
import { planImport, type ImportPlan } from "../lib/import/plan.ts";
import { normalisePageKey } from "../lib/page-key.ts";
import { originsSchema, settingsPatchSchema } from "../lib/settings.ts";
import { pageKey, siteKey, validate } from "../lib/validate.ts";
import { jsonOnly, limitBody } from "../middleware/json-only.ts";

// Owner routes that move comments in and out of a site (issue 6): import from WordPress,
// Disqus, Isso or Bascule; export as Bascule JSON or WordPress WXR; move threads when URLs
// change. Mounted by worker/index.ts under /api/v1/admin, behind its admin-token check.

/** An export of 20,000 comments is about 15 MB; Workers accept 100 MB request bodies. */
const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

const importQuery = z.object({
  site: siteKey,
  format: z.enum(IMPORT_FORMATS, { error: "format must be wxr, disqus, isso or bascule." }),
  settings: z.enum(["keep", "replace"], { error: "settings must be keep or replace." }).default("keep"),
});
const exportQuery = z.object({
  site: siteKey,
  format: z.enum(["bascule", "wxr"], { error: "format must be bascule or wxr." }).default("bascule"),
});
const moveBody = z.object({ site: siteKey, from: pageKey, to: pageKey });
const prefix = (label: string, min: number) =>
  z.string({ error: `${label} is required.` }).min(min, { error: `${label} is empty.` }).max(2000, { error: `${label} must be at most 2000 characters.` });
const rewriteBody = z.object({ site: siteKey, prefixFrom: prefix("prefixFrom", 1), prefixTo: prefix("prefixTo", 0) });

export const transfer = new Hono<AppEnv>();

transfer.post("/import", limitBody(IMPORT_MAX_BYTES), validate("query", importQuery), async (c) => {
  const query = c.req.valid("query");
  const db = c.env.DB;
  const file = readImport(query.format, await c.req.text());

  const siteRow = await selectSite(db, query.site).first<SiteRow>();
  const setup: D1PreparedStatement[] = [];
  if (file.site !== undefined) {
    const site = checkSite(file.site);
    // A Bascule export brings its site: it creates the site if it doesn't exist yet.
    const stored = { key: query.site, origins: site.origins, settings: site.settings };
    if (siteRow === null) setup.push(insertSite(db, stored, site.createdAt));
    else if (query.settings === "replace") setup.push(updateSite(db, stored));
  }
  if (siteRow === null && setup.length === 0) throw new ApiError(404, "site_not_found", `There is no site "${query.site}".`, "site");

  const plan = await planFor(c.env, query.site, file);
  const answer: ImportAnswer = { threads: plan.newThreads, comments: plan.newComments, skipped: plan.skipped, existing: plan.existing, problems: plan.problems };
  const batches = importBatches(db, query.site, plan);
  let written = 0;
  try {
    if (setup.length > 0) await db.batch(setup);
    for (const batch of batches) {
      await db.batch(batch);
      written += 1;
    }
  } catch (error) {
    if (!/UNIQUE constraint failed/i.test(String(error))) throw error;
    throw new ApiError(
      409,
      "import_conflict",
      `Another import or comment wrote to these threads at the same time (${written} of ${batches.length} batches were written, each holding whole threads). Import the file again: what is already there is skipped.`,
    );
  }
  const detail = { format: query.format, ...answer, problems: answer.problems.length, batches: batches.length };
  await auditStatement(db, { actor: c.get("adminId"), action: "import", site: query.site, detail }).run();
  return c.json(answer);
});

transfer.get("/export", validate("query", exportQuery), async (c) => {
  const { site, format } = c.req.valid("query");
  const db = c.env.DB;
  const siteRow = await selectSite(db, site).first<SiteRow>();
  if (siteRow === null) throw new ApiError(404, "site_not_found", `There is no site "${site}".`, "site");
  const threads = await selectSiteThreads(db, site);
  const { comments, likes } = await selectThreadContents(db, threads.map((thread) => thread.id));
  const exportedAt = new Date().toISOString();
  const data = buildBasculeExport(siteRow, threads, comments, likes, exportedAt);
  const name = `bascule-${site}-${exportedAt.slice(0, 10)}`;
  if (format === "wxr") {
    return c.body(writeWxr(data), 200, {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.xml"`,
    });
  }
  c.header("Content-Disposition", `attachment; filename="${name}.json"`);
  return c.json(data);
});

transfer.post("/threads/move", jsonOnly, limitBody(16 * 1024), validate("json", moveBody), async (c) => {
  const input = c.req.valid("json");
  const [from, to] = [normalisePageKey(input.from), normalisePageKey(input.to)];
  if (from === to) throw new ApiError(400, "to_same_page", "from and to name the same page.", "to");
  const problem = pageKeyProblem(to);
  if (problem !== null) throw new ApiError(400, "to_invalid", `to, once normalised, ${problem}.`, "to");
  const { results } = await selectThreadsByPages(c.env.DB, input.site, [from, to]);
  const thread = results.find((row) => row.page === from);
  if (thread === undefined) throw new ApiError(404, "thread_not_found", `Site "${input.site}" has no thread "${from}".`, "from");
  const move = planMoves(new Map([[thread, to]]), results);
  await c.env.DB.batch(
    moveStatements(c.env.DB, input.site, move, { actor: c.get("adminId"), action: "thread_move", site: input.site, detail: { moved: move.moved } }),
  );
  return c.json({ moved: move.moved });
});

transfer.post("/threads/rewrite", jsonOnly, limitBody(16 * 1024), validate("json", rewriteBody), async (c) => {
  const { site, prefixFrom, prefixTo } = c.req.valid("json");
  const db = c.env.DB;
  const { results: matching } = await selectThreadsByPrefix(db, site, prefixFrom);
  const moving = new Map<ThreadAt, string>();
  for (const thread of matching) {
    const page = rewrittenKey(thread.page, prefixFrom, prefixTo);
    if (page === thread.page) continue;
    // A thread with an empty key can't be reached through the API: refuse the whole rewrite.
    const problem = pageKeyProblem(page);
    if (problem !== null) {
      throw new ApiError(400, "prefix_to_invalid", `The thread "${thread.page}" would get the page key "${page.slice(0, 80)}", which ${problem}: nothing was moved.`, "prefixTo");
    }
    moving.set(thread, page);
  }
  const { results: holders } = await selectThreadsByPages(db, site, [...new Set(moving.values())]);
  const move = planMoves(moving, holders);
  if (move.moved.length > 0) {
    await db.batch(
      moveStatements(db, site, move, { actor: c.get("adminId"), action: "thread_rewrite", site, detail: { prefixFrom, prefixTo, moved: move.moved } }),
    );
  }
  return c.json({ moved: move.moved });
});

/**
 * The site part of a Bascule export, checked as strictly as the owner's own settings, as the
 * schemas make it: origins trimmed and lower-cased, as the CORS check compares them.
 */
function checkSite(site: NonNullable<ImportFile["site"]>): NonNullable<ImportFile["site"]> {
  return { origins: checked("origins", originsSchema, site.origins), settings: checked("settings", settingsPatchSchema, site.settings), createdAt: site.createdAt };
}

function checked<T extends z.ZodType>(field: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [field, ...(issue?.path ?? []).map(String)].join(".");
  throw new ApiError(400, "malformed_file", `This Bascule export has a problem at site.${path}: ${issue?.message ?? "not valid"}`);
}

function readImport(format: (typeof IMPORT_FORMATS)[number], text: string): ImportFile {
  try {
    return parseImport(format, text);
  } catch (error) {
    if (error instanceof ImportFileError) throw new ApiError(400, error.code, error.message);
    throw error;
  }
}

/** Looks up what the site already holds and hashes e-mails and IPs, then plans the import. */
async function planFor(env: Env, site: string, file: ImportFile): Promise<ImportPlan> {
  const comments = file.threads.flatMap((thread) => thread.comments);
  const [threads, known] = await Promise.all([
    findThreads(env.DB, site, [...new Set(file.threads.map((thread) => thread.page))], file.threads.flatMap((thread) => (thread.source ? [thread.source] : []))),
    findComments(env.DB, site, comments.map((comment) => comment.key)),
  ]);
  const emails = [...new Set(comments.flatMap((comment) => (comment.authorEmail ? [comment.authorEmail] : [])))];
  const ips = [...new Set(comments.flatMap((comment) => (comment.ip && !comment.ipHash ? [comment.ip] : [])))];
  const [emailHashes, ipHashes] = await Promise.all([
    Promise.all(emails.map(async (email) => [email, await saltedHash(env.HASH_SALT, email)] as const)),
    Promise.all(ips.map(async (ip) => [ip, await saltedHash(env.HASH_SALT, ipNetwork(ip))] as const)),
  ]);
  return planImport(file, {
    threadsBySource: new Map(threads.flatMap((thread) => (thread.source ? [[thread.source, thread] as const] : []))),
    threadsByPage: new Map(threads.map((thread) => [thread.page, thread])),
    comments: new Map(known.map((comment) => [comment.key, comment])),
    emailHashes: new Map(emailHashes),
    ipHashes: new Map(ipHashes),
    newId: () => nanoid(),
    now: new Date().toISOString(),
  });
}
