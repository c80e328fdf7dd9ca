import { describe, expect, it } from "vitest";
import type { SortOrder } from "../../worker/api-types.ts";
import { findCommentInSite, selectMoreReplyCounts, selectReplies, selectThreadPage, selectThreadRoot } from "../../worker/db/comments.ts";
import { selectSite } from "../../worker/db/sites.ts";
import { selectCounts, selectThread } from "../../worker/db/threads.ts";
import { explain, recordingDb, type Captured } from "./query-plan.ts";
import { freshPage, postComment } from "./helpers.ts";

// Every query on a read path must reach comments through an index: none may scan the table.

const cursor = { createdAt: "2026-01-01T00:00:00.000Z", id: "x", likes: 3 };

async function readPathQueries(): Promise<Captured[]> {
  const captured: Captured[] = [];
  const db = recordingDb(captured);
  selectSite(db, "demo");
  selectThread(db, "demo", "p");
  for (const sort of ["oldest", "newest", "top"] as SortOrder[]) {
    for (const at of [null, cursor]) {
      selectThreadPage(db, { site: "demo", page: "p", sort, limit: 50, cursor: at, ownTokenHashes: ["h"] });
    }
  }
  selectCounts(db, "demo", ["a", "b"]);
  await findCommentInSite(db, "id");
  // Bounded pages (issue 10, item 2): a page of replies, its top-level comment, "N more replies".
  selectThreadRoot(db, { site: "demo", page: "p", id: "x", ownTokenHashes: ["h"] });
  selectReplies(db, { rootId: "x", after: "", ownTokenHashes: ["h"] });
  selectMoreReplyCounts(db, [{ rootId: "x", after: "" }], ["h"]);
  return captured;
}

describe("query plans on read paths", () => {
  it("covers every read query", async () => {
    expect(await readPathQueries()).toHaveLength(13);
  });

  it("uses an index for comments and threads and never scans them", async () => {
    for (const query of await readPathQueries()) {
      const details = await explain(query);
      const scans = details.filter(
        (detail) => /^SCAN (comments|threads|sites|[rct])\b/.test(detail) && !/USING (COVERING )?INDEX/.test(detail),
      );
      expect(scans, `${query.sql}\n${details.join("\n")}`).toEqual([]);
      expect(details.some((detail) => /USING (COVERING )?INDEX|USING (INTEGER )?PRIMARY KEY/.test(detail))).toBe(true);
    }
  });

  it("the check itself notices a scan", async () => {
    const details = await explain({ sql: "SELECT * FROM comments WHERE body = ?", params: ["x"] });
    expect(details.some((detail) => /^SCAN comments\b/.test(detail))).toBe(true);
  });
});

// The goal is rows read ≈ rows returned: a page must not read the rest of its thread.
describe("rows read by a thread page", () => {
  it("grow with the page, not with the thread", async () => {
    const { env } = await import("cloudflare:workers");
    const page = freshPage("big");
    const roots: string[] = [];
    for (let i = 0; i < 60; i++) roots.push((await postComment({ page, body: `racine ${i}` })).comment.id);
    for (const root of roots.slice(0, 10)) await postComment({ page, body: "réponse", parentId: root });

    const rowsRead = async (sort: SortOrder) => {
      const result = await selectThreadPage(env.DB, { site: "demo", page, sort, limit: 5, cursor: null, ownTokenHashes: [] }).all();
      expect(result.results.length).toBeGreaterThanOrEqual(6);
      return { returned: result.results.length, read: result.meta.rows_read };
    };
    const before: number[] = [];
    for (const sort of ["oldest", "newest", "top"] as SortOrder[]) {
      const { returned, read } = await rowsRead(sort);
      // Without an index for the pinned branch the first page read every top-level comment (60+).
      // The bounded page (issue 10, item 2) reads each subtree's index up to its bound, then the rows it picked.
      expect(read, sort).toBeLessThanOrEqual(10 * returned + 5);
      before.push(read);
    }
    // Twice the thread, the same rows read.
    for (let i = 0; i < 60; i++) await postComment({ page, body: `encore ${i}` });
    const after: number[] = [];
    for (const sort of ["oldest", "newest", "top"] as SortOrder[]) after.push((await rowsRead(sort)).read);
    expect(after).toEqual(before);
  });
});
