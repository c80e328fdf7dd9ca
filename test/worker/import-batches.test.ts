import { env } from "cloudflare:workers";
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { BATCH_BYTES, groupThreads, importBatches } from "../../worker/db/imports.ts";
import type { ImportComment, ImportFile, ImportThread } from "../../worker/lib/import/model.ts";
import { planImport, type ImportPlan } from "../../worker/lib/import/plan.ts";
import { childPath } from "../../worker/lib/thread-order.ts";
import { generateWxr } from "../../bench/wxr-generator.ts";
import { parseImport } from "../../worker/lib/import/index.ts";
import { freshSite, storedComments, storedThreads } from "./import-helpers.ts";

// How an import is cut into D1 batches (each one transaction): whole threads per batch,
// never a thread across two, and a thread too big for one statement split into several
// statements of the same batch.

function comment(key: string, parentKey: string | null, minute: number, body = `Comment ${key}`): ImportComment {
  return {
    key,
    parentKey,
    authorName: "A",
    authorEmail: null,
    authorWebsite: null,
    body,
    status: "approved",
    createdAt: new Date(Date.UTC(2020, 0, 1, 0, minute)).toISOString(),
    editedAt: null,
    ip: null,
    ipHash: null,
    likes: 0,
    likeRecords: [],
    pinned: false,
  };
}

function thread(page: string, comments: ImportComment[]): ImportThread {
  return { page, url: null, title: page, closed: false, createdAt: null, source: `isso:${page}`, comments };
}

function plan(threads: ImportThread[]): ImportPlan {
  const file: ImportFile = { format: "isso", threads, skipped: 0, problems: [] };
  return planImport(file, {
    threadsBySource: new Map(),
    threadsByPage: new Map(),
    comments: new Map(),
    emailHashes: new Map(),
    ipHashes: new Map(),
    newId: () => nanoid(),
    now: new Date().toISOString(),
  });
}

describe("import batches", () => {
  it("put whole threads in each batch, never one thread in two", () => {
    const { xml, counts } = generateWxr({ posts: 120, comments: 4000, seed: 7 });
    const planned = plan(parseImport("wxr", xml).threads);
    const groups = groupThreads(planned.threads);
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.flat().map((one) => one.page)).toEqual(planned.threads.map((one) => one.page));
    expect(groups.flat().reduce((total, one) => total + one.comments.length, 0)).toBe(counts.comments);
    for (const group of groups) {
      const size = group.reduce((total, one) => total + one.comments.reduce((sum, row) => sum + row.body.length + row.html.length, 0), 0);
      if (group.length > 1) expect(size).toBeLessThan(BATCH_BYTES);
    }
  });

  it("writes a thread too big for one statement in one batch of several statements, parents before replies", async () => {
    const site = await freshSite("huge-thread");
    // 1,500 comments of 1 KB: a reply chain running across every statement boundary.
    const comments = Array.from({ length: 1500 }, (_, index) => comment(`isso:big#${index}`, index % 3 === 0 ? null : `isso:big#${index - 1}`, index, `${index} ${"x".repeat(1000)}`));
    const planned = plan([thread("big", comments)]);
    const batches = importBatches(env.DB, site, planned);
    expect(batches).toHaveLength(1);
    // thread upsert + the comment inserts + recount
    expect(batches[0]?.length).toBeGreaterThan(6);
    for (const batch of batches) await env.DB.batch(batch);

    const stored = await storedComments(site);
    expect(stored).toHaveLength(1500);
    const byId = new Map(stored.map((row) => [row.id, row]));
    for (const row of stored) {
      const parent = row.parent_id === null ? null : byId.get(row.parent_id);
      expect(row.path).toBe(childPath(parent?.path ?? null, row.created_at, row.id));
      expect(row.depth).toBe(parent ? parent.depth + 1 : 0);
    }
    expect((await storedThreads(site))[0]?.comment_count).toBe(1500);
  });

  it("a batch that fails leaves its threads untouched while the others are complete", async () => {
    const site = await freshSite("atomic");
    const big = "y".repeat(BATCH_BYTES / 4);
    const planned = plan([
      thread("first", [comment("isso:first#1", null, 1, big), comment("isso:first#2", "isso:first#1", 2, big)]),
      thread("second", [comment("isso:second#1", null, 3, big), comment("isso:second#2", "isso:second#1", 4, big), comment("isso:second#3", null, 5, big)]),
      thread("third", [comment("isso:third#1", null, 6, big)]),
    ]);
    // The second thread's last row breaks a CHECK constraint once its first rows are already sent.
    const second = planned.threads.find((one) => one.page === "second");
    const last = second?.comments.at(-1);
    if (last) last.status = "invisible" as never;
    const batches = importBatches(env.DB, site, planned);
    expect(batches).toHaveLength(3);
    const outcomes: string[] = [];
    for (const batch of batches) {
      try {
        await env.DB.batch(batch);
        outcomes.push("ok");
      } catch {
        outcomes.push("failed");
      }
    }
    expect(outcomes).toEqual(["ok", "failed", "ok"]);
    const threads = await storedThreads(site);
    expect(threads.map((one) => [one.page, one.comment_count])).toEqual([
      ["first", 2],
      ["third", 1],
    ]);
    expect((await storedComments(site)).map((row) => row.source_id).sort()).toEqual(["first#1", "first#2", "third#1"]);
  });
});
