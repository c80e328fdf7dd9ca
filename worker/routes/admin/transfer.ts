import { Hono } from "hono";
import { nanoid } from "nanoid";
import { z } from "zod";
import type { ImportAnswer } from "../../api-types.ts";
import type { AppEnv } from "../../app-env.ts";
import { auditStatement } from "../../db/audit.ts";
import { constraintFailed } from "../../db/constraints.ts";
import { firstRow } from "../../db/batch.ts";
import type { CommentRow } from "../../db/comments.ts";
import { exportLikes, exportPages } from "../../db/transfer/export.ts";
import { findComments, findThreads, importBatches } from "../../db/transfer/import.ts";
import { insertSite, selectSite, updateSite } from "../../db/sites.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { ipNetwork, saltedHash } from "../../lib/hash.ts";
import { IMPORT_FORMATS, ImportFileError, type ImportFile } from "../../lib/import/model.ts";
import { planImport, type ImportPlan } from "../../lib/import/plan.ts";
import { originsSchema, settingsPatchSchema } from "../../lib/settings.ts";
import { siteKey, validate } from "../../http/validate.ts";
import { limitBody } from "../../http/json-only.ts";

// Owner routes that move comments in and out of a site (issue 6): import from WordPress,
// Disqus, Isso or Bascule; export as Bascule JSON or WordPress WXR. Moving threads when URLs
// change lives with the other thread routes (threads.ts). Mounted by worker/index.ts under /api/v1/admin, behind its admin-token check.
// The parsers (the XML reader among them) and the writers are imported when a transfer asks for
// them, so an isolate that only serves threads never evaluates them (issue 12).

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

export const transfer = new Hono<AppEnv>();

transfer.post("/import", limitBody(IMPORT_MAX_BYTES), validate("query", importQuery), async (c) => {
  const query = c.req.valid("query");
  const db = c.env.DB;
  const file = await readImport(query.format, await c.req.text());

  const siteRow = await firstRow(selectSite(db, query.site));
  const setup: D1PreparedStatement[] = [];
  if (file.site !== undefined) {
    const site = checkSite(file.site);
    // A Bascule export brings its site: it creates the site if it doesn't exist yet.
    const stored = { key: query.site, origins: site.origins, settings: site.settings };
    if (siteRow === null) setup.push(insertSite(db, stored, site.createdAt));
    else if (query.settings === "replace") setup.push(updateSite(db, stored));
  }
  if (siteRow === null && setup.length === 0) throw notFound.site(query.site);

  const plan = await planFor(c.env, query.site, file);
  const answer: ImportAnswer = {
    threads: plan.newThreads,
    comments: plan.newComments,
    skipped: plan.skipped,
    existing: plan.existing,
    problems: plan.problems,
  };
  const batches = importBatches(db, query.site, plan);
  let written = 0;
  try {
    if (setup.length > 0) await db.batch(setup);
    for (const batch of batches) {
      await db.batch(batch);
      written += 1;
    }
  } catch (error) {
    if (!constraintFailed(error, "UNIQUE")) throw error;
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
  const siteRow = await firstRow(selectSite(db, site));
  if (siteRow === null) throw notFound.site(site);
  const exportedAt = new Date().toISOString();
  // Streamed as it is read (issue 10, item 3): the file is never whole in memory.
  const source = { site: siteRow, exportedAt, pages: exportPages(db, site), likes: (rows: readonly CommentRow[]) => exportLikes(db, rows) };
  const name = `bascule-${site}-${exportedAt.slice(0, 10)}`;
  const [pieces, type, extension] =
    format === "wxr"
      ? [(await import("../../lib/export/wxr.ts")).writeWxr(source), "application/xml", "xml"]
      : [(await import("../../lib/export/bascule.ts")).writeBasculeJson(source), "application/json", "json"];
  return c.body(textStream(pieces), 200, {
    "Content-Type": `${type}; charset=utf-8`,
    "Content-Disposition": `attachment; filename="${name}.${extension}"`,
  });
});

/** Text pieces as a byte stream, gathered into chunks of about 64 KB. */
function textStream(pieces: AsyncIterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      let chunk = "";
      while (chunk.length < 64 * 1024) {
        const next = await pieces.next();
        if (next.done) {
          if (chunk !== "") controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await pieces.return?.(undefined);
    },
  });
}

/**
 * The site part of a Bascule export, checked as strictly as the owner's own settings, as the
 * schemas make it: origins trimmed and lower-cased, as the CORS check compares them.
 */
function checkSite(site: NonNullable<ImportFile["site"]>): NonNullable<ImportFile["site"]> {
  return {
    origins: checked("origins", originsSchema, site.origins),
    settings: checked("settings", settingsPatchSchema, site.settings),
    createdAt: site.createdAt,
  };
}

function checked<T extends z.ZodType>(field: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [field, ...(issue?.path ?? []).map(String)].join(".");
  throw new ApiError(400, "malformed_file", `This Bascule export has a problem at site.${path}: ${issue?.message ?? "not valid"}`);
}

async function readImport(format: (typeof IMPORT_FORMATS)[number], text: string): Promise<ImportFile> {
  const { parseImport } = await import("../../lib/import/index.ts");
  try {
    return parseImport(format, text);
  } catch (error) {
    if (error instanceof ImportFileError) throw new ApiError(400, error.code, error.message);
    // The one thing a reader of any file size can still run out of: say so, not 500.
    if (error instanceof RangeError) {
      throw new ApiError(400, "file_too_complex", `A part of this file is too deeply nested or too large to read (${error.message}).`);
    }
    throw error;
  }
}

/** Looks up what the site already holds and hashes e-mails and IPs, then plans the import. */
async function planFor(env: Env, site: string, file: ImportFile): Promise<ImportPlan> {
  const comments = file.threads.flatMap((thread) => thread.comments);
  const [threads, known] = await Promise.all([
    findThreads(
      env.DB,
      site,
      [...new Set(file.threads.map((thread) => thread.page))],
      file.threads.flatMap((thread) => (thread.source ? [thread.source] : [])),
    ),
    findComments(
      env.DB,
      site,
      comments.map((comment) => comment.key),
    ),
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
