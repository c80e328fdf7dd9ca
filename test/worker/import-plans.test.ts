import { describe, expect, it } from "vitest";
import type { CommentRow } from "../../worker/db/comments.ts";
import { EXPORT_LIKES, exportLikes, exportPages, threadComments } from "../../worker/db/transfer/export.ts";
import { findComments, findThreads, importBatches } from "../../worker/db/transfer/import.ts";
import { findThreadsByPages, findThreadsByPrefix, moveStatements } from "../../worker/db/transfer/move.ts";
import type { ImportPlan } from "../../worker/lib/import/plan.ts";
import { explain, recordingDb, type Captured } from "./query-plan.ts";

// The import's, export's and move's statements reach rows through keys: none reads every
// thread of a site, every comment of a status, or a JSON list once per row (which made a
// 20,000-comment import slow down as the database grew).

const plan: ImportPlan = {
  threads: [
    {
      page: "p",
      url: null,
      title: null,
      closed: false,
      createdAt: "2020-01-01T00:00:00.000Z",
      source: "isso",
      sourceId: "p",
      exists: false,
      comments: [],
      likes: [{ comment_id: "c", reader_hash: "r", ip_hash: null, created_at: "2020-01-01T00:00:00.000Z" }],
    },
  ],
  newThreads: 1,
  newComments: 0,
  existing: 0,
  skipped: 0,
  problems: [],
};

async function statements(): Promise<Captured[]> {
  const captured: Captured[] = [];
  const db = recordingDb(captured);
  await findThreads(db, "demo", ["p"], ["wxr:1"]);
  await findComments(db, "demo", ["wxr:1#2", "bascule:abc"]);
  for await (const page of exportPages(db, "demo")) void page;
  threadComments(db, [1, 2]);
  const liked = (id: string, likes: number) => ({ id, likes, imported_likes: 0 }) as unknown as CommentRow;
  for await (const page of exportLikes(db, [liked("a", 1), liked("b", EXPORT_LIKES + 1)])) void page;
  await findThreadsByPrefix(db, "demo", "https://x/");
  await findThreadsByPages(db, "demo", ["a", "b"]);
  plan.threads[0]?.comments.push({
    id: "c",
    parent_id: null,
    root_id: "c",
    depth: 0,
    path: "x",
    author_name: null,
    author_email: null,
    author_website: null,
    email_hash: null,
    body: "",
    html: "",
    status: "approved",
    created_at: "2020-01-01T00:00:00.000Z",
    edited_at: null,
    ip_hash: null,
    likes: 1,
    imported_likes: 0,
    pinned: 0,
    source: "isso",
    source_id: "p#1",
  });
  importBatches(db, "demo", plan);
  moveStatements(
    db,
    "demo",
    { renames: [{ id: 1, page: "q", url: null }], merges: [{ from: 2, into: 1 }], targets: [1], moved: [] },
    {
      actor: "x",
      action: "thread_move",
      site: "demo",
      detail: {},
    },
  );
  return captured;
}

function problems(details: string[]): string[] {
  return details.filter(
    (detail) =>
      (/^SCAN (comments|threads|likes|[ctl])\b/.test(detail) && !/USING (COVERING )?INDEX/.test(detail)) ||
      /\((site_key|status)=\?\)$/.test(detail) ||
      /comments_status/.test(detail),
  );
}

describe("query plans of the transfer statements", () => {
  it("reach threads and comments by key", async () => {
    const captured = await statements();
    expect(captured.length).toBeGreaterThanOrEqual(17);
    for (const { sql, params } of captured) {
      if (/^\s*INSERT INTO audit/.test(sql)) continue;
      const details = await explain({ sql, params });
      expect(problems(details), `${sql}\n${details.join("\n")}`).toEqual([]);
      // A lookup from a JSON list reads the list once, first.
      if (/^\s*SELECT[\s\S]*FROM json_each/.test(sql)) expect(details[0], sql).toMatch(/^SCAN j\b/);
    }
  });

  it("the check itself notices a scan, a whole site and a whole status", async () => {
    expect(problems(await explain({ sql: "SELECT * FROM comments c WHERE c.body = ?", params: ["x"] }))).not.toEqual([]);
    expect(problems(await explain({ sql: "SELECT * FROM threads t WHERE t.site_key = ?", params: ["x"] }))).not.toEqual([]);
    expect(problems(await explain({ sql: "SELECT count(*) FROM comments c WHERE c.status = ?", params: ["x"] }))).not.toEqual([]);
    const joined = await explain({
      sql: "SELECT t.id FROM json_each(?2) AS j JOIN threads t ON t.site_key = ?1 AND t.source = j.value->>0 AND t.source_id = j.value->>1",
      params: ["demo", "[]"],
    });
    expect(joined[0]).not.toMatch(/^SCAN j\b/);
  });
});
