import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PublicComment } from "../../worker/api-types.ts";
import { removalStatements, type CommentRow } from "../../worker/db/comments.ts";
import { childPath, ORDER_LEVELS } from "../../worker/lib/thread-order.ts";
import { call, freshPage, getThread, postComment } from "./helpers.ts";
import { replyPages } from "./reply-pages.ts";

// Issue 10, items 1 and 14: reply chains cost O(1) a comment whatever their depth, and a
// reader's deletes keep the placeholder rule even when they run at the same moment.

let clock = Date.parse("2026-01-01T00:00:00.000Z");

/** Inserts replies straight into D1, each answering the one before (a chain), as the routes would write them. */
async function chain(page: string, depth: number, body = "r"): Promise<{ root: PublicComment; ids: string[] }> {
  const { comment: root } = await postComment({ page, body: "racine" });
  const thread = await env.DB.prepare("SELECT thread_id, path FROM comments WHERE id = ?")
    .bind(root.id)
    .first<{ thread_id: number; path: string }>();
  let parent = { id: root.id, path: thread!.path };
  const ids: string[] = [];
  const rows: D1PreparedStatement[] = [];
  for (let level = 1; level <= depth; level++) {
    const id = `c${String(level).padStart(5, "0")}${crypto.randomUUID().replaceAll("-", "").slice(0, 15)}`;
    const createdAt = new Date((clock += 1000)).toISOString();
    const path = childPath(parent.path, createdAt, id);
    rows.push(
      env.DB.prepare(
        `INSERT INTO comments (id, thread_id, parent_id, root_id, depth, path, body, html, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'approved', ?9)`,
      ).bind(id, thread!.thread_id, parent.id, root.id, level, path, body, `<p>${body}</p>`, createdAt),
    );
    ids.push(id);
    parent = { id, path };
  }
  for (let at = 0; at < rows.length; at += 500) await env.DB.batch(rows.slice(at, at + 500));
  return { root, ids };
}

describe("reply chains", () => {
  it("store a path of bounded length at any depth", async () => {
    const page = freshPage("chain");
    const { root } = await chain(page, 1000);
    const { longest, total } = (await env.DB.prepare(
      "SELECT max(length(path)) AS longest, sum(length(path)) AS total FROM comments WHERE root_id = ?",
    )
      .bind(root.id)
      .first<{ longest: number; total: number }>())!;
    // 31 bytes a segment, at most ORDER_LEVELS of them; the old scheme stored 31 · 1000²/2 ≈ 15.5 MB here.
    expect(longest).toBeLessThanOrEqual(ORDER_LEVELS * 31);
    expect(total).toBeLessThan(1001 * ORDER_LEVELS * 31);
  });

  it("2,500 levels deep read in bounded pages, every reply once, each after its parent", async () => {
    const page = freshPage("deep");
    const { root, ids } = await chain(page, 2500);
    const first = await getThread(page);
    expect(first.comments.length).toBeLessThanOrEqual(300);
    const top = first.comments[0]!;
    expect(top.id).toBe(root.id);
    expect(top.moreReplies?.count).toBe(2500 - (first.comments.length - 1));
    const rest = (await replyPages(page, root.id, top.moreReplies!.cursor)).flatMap(({ data }) => data.comments);
    const seen = [...first.comments.slice(1), ...rest].map((comment) => comment.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(ids);
  });

  it("keep the display order of the old paths after migration 0007", async () => {
    const page = freshPage("migrated");
    const { root, ids } = await chain(page, 12);
    // Paths as they were before 0007: each repeats its parent's in full.
    const rows = await env.DB.prepare("SELECT id, created_at FROM comments WHERE root_id = ? ORDER BY depth")
      .bind(root.id)
      .all<{ id: string; created_at: string }>();
    let old: string | null = null;
    const oldPaths = new Map<string, string>();
    for (const row of rows.results) {
      old =
        old === null
          ? (await env.DB.prepare("SELECT path FROM comments WHERE id = ?").bind(row.id).first<{ path: string }>())!.path
          : `${old}/${childPath(null, row.created_at, row.id)}`;
      oldPaths.set(row.id, old);
    }
    await env.DB.batch([...oldPaths].map(([id, path]) => env.DB.prepare("UPDATE comments SET path = ? WHERE id = ?").bind(path, id)));
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0007"))!;
    await env.DB.batch(migration.queries.map((sql) => env.DB.prepare(sql)));

    const after = await env.DB.prepare("SELECT id, path FROM comments WHERE root_id = ?").bind(root.id).all<{ id: string; path: string }>();
    const expected = new Map<string, string>();
    let parentPath: string | null = null;
    for (const row of rows.results) {
      parentPath = childPath(parentPath, row.created_at, row.id);
      expected.set(row.id, parentPath);
    }
    expect(new Map(after.results.map((row) => [row.id, row.path]))).toEqual(expected);
    expect((await getThread(page)).comments.map((comment) => comment.id)).toEqual([root.id, ...ids]);
  });
});

describe("a reader's deletes at the same moment", () => {
  async function placeholderWithTwoReplies(page: string) {
    const { comment: parent, editToken } = await postComment({ page, body: "parent" });
    const a = await postComment({ page, body: "a", parentId: parent.id });
    const b = await postComment({ page, body: "b", parentId: parent.id });
    const res = await call(`/api/v1/comments/${parent.id}`, { method: "DELETE", headers: { authorization: `Bearer ${editToken}` } });
    expect(res.status).toBe(204);
    return { parent, a: a.comment, b: b.comment };
  }
  const row = (id: string) => env.DB.prepare("SELECT * FROM comments WHERE id = ?").bind(id).first<CommentRow>();

  it("take the placeholder when both replies go", async () => {
    const page = freshPage("race");
    const { parent, a, b } = await placeholderWithTwoReplies(page);
    // Both requests read the thread before either writes: each sees the other reply still there.
    const removeA = await removalStatements(env.DB, (await row(a.id))!);
    const removeB = await removalStatements(env.DB, (await row(b.id))!);
    await Promise.all([env.DB.batch(removeA), env.DB.batch(removeB)]);
    expect(await row(parent.id)).toBeNull();
    expect((await getThread(page)).comments).toEqual([]);
  });

  it("take the parent that became a placeholder meanwhile", async () => {
    const page = freshPage("race-parent");
    const { comment: parent } = await postComment({ page, body: "parent" });
    const { comment: reply } = await postComment({ page, body: "reply", parentId: parent.id });
    const removeParent = await removalStatements(env.DB, (await row(parent.id))!);
    const removeReply = await removalStatements(env.DB, (await row(reply.id))!);
    await env.DB.batch(removeParent);
    await env.DB.batch(removeReply);
    expect(await row(parent.id)).toBeNull();
  });

  it("never orphan a reply", async () => {
    const page = freshPage("race-orphan");
    const { parent, a } = await placeholderWithTwoReplies(page);
    await env.DB.batch(await removalStatements(env.DB, (await row(a.id))!));
    expect((await row(parent.id))?.status).toBe("deleted");
    expect((await getThread(page)).comments.map((comment) => comment.deleted)).toEqual([true, false]);
  });
});
