import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PublicComment } from "../../worker/api-types.ts";
import { PAGE_BYTES_MAX, PAGE_COMMENTS_MAX } from "../../worker/db/paging.ts";
import { childPath } from "../../worker/lib/thread-order.ts";
import { call, freshPage, postComment } from "./helpers.ts";
import { readThread as read, replyPages } from "./reply-pages.ts";

// Issue 10, item 2: one thread read answers at most PAGE_COMMENTS_MAX comments and about
// PAGE_BYTES_MAX bytes; the rest of a big subtree comes through `moreReplies` and `parentId`.

let clock = Date.parse("2026-02-01T00:00:00.000Z");

/** `count` direct replies to `rootId`, straight into D1 (the write routes would take minutes and hit the writer limits). */
async function replies(rootId: string, count: number, html: string): Promise<string[]> {
  const root = (await env.DB.prepare("SELECT thread_id, path FROM comments WHERE id = ?")
    .bind(rootId)
    .first<{ thread_id: number; path: string }>())!;
  const ids: string[] = [];
  const rows = [];
  for (let n = 0; n < count; n++) {
    const id = `r${String(n).padStart(5, "0")}${crypto.randomUUID().replaceAll("-", "").slice(0, 15)}`;
    const createdAt = new Date((clock += 1000)).toISOString();
    rows.push(
      env.DB.prepare(
        `INSERT INTO comments (id, thread_id, parent_id, root_id, depth, path, body, html, status, created_at)
         VALUES (?1, ?2, ?3, ?3, 1, ?4, 'x', ?5, 'approved', ?6)`,
      ).bind(id, root.thread_id, rootId, childPath(root.path, createdAt, id), html, createdAt),
    );
    ids.push(id);
  }
  for (let at = 0; at < rows.length; at += 200) await env.DB.batch(rows.slice(at, at + 200));
  return ids;
}

/** The rest of the replies, each page within the bounds. */
async function rest(page: string, rootId: string, cursor: string | null): Promise<PublicComment[]> {
  const pages = await replyPages(page, rootId, cursor);
  for (const { data, bytes } of pages) {
    expect(data.comments.length).toBeLessThanOrEqual(PAGE_COMMENTS_MAX);
    expect(bytes).toBeLessThan(PAGE_BYTES_MAX + 20_000);
  }
  return pages.flatMap(({ data }) => data.comments);
}

describe("a thread page", () => {
  it("answers at most PAGE_COMMENTS_MAX comments, the other top-level comments included, and the rest once each", async () => {
    const page = freshPage("wide");
    const { comment: big } = await postComment({ page, body: "big" });
    const { comment: small } = await postComment({ page, body: "small" });
    const ids = await replies(big.id, 1000, "<p>court</p>");
    const { data } = await read(page);
    expect(data.comments).toHaveLength(PAGE_COMMENTS_MAX);
    expect(data.comments.filter((comment) => comment.depth === 0).map((comment) => comment.id)).toEqual([big.id, small.id]);
    const head = data.comments.filter((comment) => comment.parentId === big.id);
    const more = data.comments[0]!.moreReplies!;
    expect(more.count).toBe(1000 - head.length);
    expect(data.comments.at(-1)?.moreReplies).toBeUndefined();
    const seen = [...head, ...(await rest(page, big.id, more.cursor))].map((comment) => comment.id);
    expect(seen).toEqual(ids);
  });

  it("answers about PAGE_BYTES_MAX bytes at most, however long the replies", async () => {
    const page = freshPage("heavy");
    const { comment: root } = await postComment({ page, body: "root" });
    const long = `<p>${"é".repeat(20_000)}</p>`;
    const ids = await replies(root.id, 200, long);
    const { data, bytes } = await read(page);
    // Before the bound this read was 200 × 40 KB = 8 MB.
    expect(bytes).toBeLessThan(PAGE_BYTES_MAX + 20_000);
    const more = data.comments[0]!.moreReplies!;
    expect(more.count).toBe(200 - (data.comments.length - 1));
    const seen = [...data.comments.slice(1), ...(await rest(page, root.id, more.cursor))].map((comment) => comment.id);
    expect(seen).toEqual(ids);
  });

  it("gives no moreReplies when everything fits", async () => {
    const page = freshPage("small");
    const { comment: root } = await postComment({ page, body: "root" });
    await postComment({ page, body: "reply", parentId: root.id });
    const { data } = await read(page);
    expect(data.comments.map((comment) => comment.moreReplies)).toEqual([undefined, undefined]);
  });
});

describe("a page of replies (parentId)", () => {
  it("starts at the first reply without a cursor", async () => {
    const page = freshPage("replies");
    const { comment: root } = await postComment({ page, body: "root" });
    const { comment: reply } = await postComment({ page, body: "reply", parentId: root.id });
    const { data } = await read(page, `&parentId=${root.id}`);
    expect(data.comments.map((comment) => comment.id)).toEqual([reply.id]);
    expect(data.nextCursor).toBeNull();
  });

  it("answers 404 for a comment that is not a top-level comment of the thread, and 400 for a foreign cursor", async () => {
    const page = freshPage("replies-bad");
    const { comment: root } = await postComment({ page, body: "root" });
    const { comment: reply } = await postComment({ page, body: "reply", parentId: root.id });
    const other = freshPage("other");
    await postComment({ page: other, body: "other" });
    for (const [query, status, code] of [
      [`&parentId=${reply.id}`, 404, "not_found"],
      [`&parentId=nope`, 404, "not_found"],
      [`&parentId=bad!id`, 400, "parent_id_invalid"],
      [`&parentId=${root.id}&cursor=abc`, 400, "invalid_cursor"],
    ] as const) {
      const res = await call(`/api/v1/threads?site=demo&page=${encodeURIComponent(page)}${query}`);
      expect(res.status, query).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code, query).toBe(code);
    }
    const res = await call(`/api/v1/threads?site=demo&page=${encodeURIComponent(other)}&parentId=${root.id}`);
    expect(res.status).toBe(404);
  });
});
