import { env } from "cloudflare:workers";
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { BATCH_BYTES, groupThreads, importBatches } from "../../worker/db/transfer/import.ts";
import type { ImportComment, ImportFile, ImportThread } from "../../worker/lib/import/model.ts";
import { planImport, type ImportPlan } from "../../worker/lib/import/plan.ts";
import { BODY_MAX } from "../../worker/lib/fields.ts";
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
    const comments = Array.from({ length: 1500 }, (_, index) =>
      comment(`isso:big#${index}`, index % 3 === 0 ? null : `isso:big#${index - 1}`, index, `${index} ${"x".repeat(1000)}`),
    );
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
    // Threads of a half, three quarters and a quarter of a batch, in comments as long as a body may be: no two share a batch.
    const sized = (page: string, share: number) => {
      const count = Math.ceil((share * BATCH_BYTES) / (2 * BODY_MAX));
      return thread(
        page,
        Array.from({ length: count }, (_, index) =>
          comment(`isso:${page}#${index + 1}`, index === 0 ? null : `isso:${page}#1`, index, "y".repeat(BODY_MAX)),
        ),
      );
    };
    const [first, third] = [sized("first", 0.5), sized("third", 0.25)];
    const planned = plan([first, sized("second", 0.75), third]);
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
      ["first", first.comments.length],
      ["third", third.comments.length],
    ]);
    expect(new Set((await storedComments(site)).map((row) => row.page))).toEqual(new Set(["first", "third"]));
  });
});
