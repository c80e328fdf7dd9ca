import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PublicComment } from "../../worker/api-types.ts";
import { call, createSite, freshPage, getThread, postComment, postJson } from "./helpers.ts";

function withToken(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } };
}

function edit(id: string, token: string, body: string): Promise<Response> {
  return postJson(`/api/v1/comments/${id}`, { body }, withToken(token, { method: "PATCH" }));
}

function remove(id: string, token: string): Promise<Response> {
  return call(`/api/v1/comments/${id}`, withToken(token, { method: "DELETE" }));
}

function like(id: string, reader: string | undefined, ip: string): Promise<Response> {
  return postJson(`/api/v1/comments/${id}/like`, reader === undefined ? {} : { reader }, { headers: { "cf-connecting-ip": ip } });
}

async function ageComment(id: string, minutes: number): Promise<void> {
  const createdAt = new Date(Date.now() - minutes * 60_000).toISOString();
  await env.DB.prepare("UPDATE comments SET created_at = ? WHERE id = ?").bind(createdAt, id).run();
}

describe("editing your own comment", () => {
  it("re-renders the body and marks it edited", async () => {
    const page = freshPage();
    const { comment, editToken } = await postComment({ page, body: "avant" });
    const res = await edit(comment.id, editToken, "*après*");
    expect(res.status).toBe(200);
    const { comment: edited } = (await res.json()) as { comment: PublicComment };
    expect(edited.html).toBe("<p><em>après</em></p>");
    expect(edited.editedAt).not.toBeNull();
    expect((await getThread(page)).comments[0]).toMatchObject({ html: "<p><em>après</em></p>", editedAt: edited.editedAt });
  });

  it("refuses a missing token, a wrong token and another comment's token with 401", async () => {
    const page = freshPage();
    const mine = await postComment({ page, body: "à moi" });
    const theirs = await postComment({ page, body: "à quelqu'un d'autre" });
    const noToken = await postJson(`/api/v1/comments/${mine.comment.id}`, { body: "x" }, { method: "PATCH" });
    expect(noToken.status).toBe(401);
    expect((await edit(mine.comment.id, "x".repeat(32), "x")).status).toBe(401);
    const crossed = await edit(theirs.comment.id, mine.editToken, "volé");
    expect(crossed.status).toBe(401);
    expect(await crossed.json()).toMatchObject({ error: { code: "token_invalid" } });
    expect((await getThread(page)).comments.map((c) => c.html)).toEqual(["<p>à moi</p>", "<p>à quelqu&#39;un d&#39;autre</p>"]);
  });

  it("refuses with 403 once the site's edit window is over", async () => {
    await createSite("window-ten", { moderation: "none", editWindowMinutes: 10 });
    const page = freshPage();
    const res = await postJson("/api/v1/comments", { site: "window-ten", page, body: "vieux" });
    const { comment, editToken, editableUntil } = (await res.json()) as {
      comment: PublicComment;
      editToken: string;
      editableUntil: string;
    };
    expect(Date.parse(editableUntil) - Date.parse(comment.createdAt)).toBe(10 * 60_000);
    await ageComment(comment.id, 9);
    expect((await edit(comment.id, editToken, "encore à temps")).status).toBe(200);
    await ageComment(comment.id, 11);
    const late = await edit(comment.id, editToken, "trop tard");
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({ error: { code: "edit_window_over" } });
    expect((await remove(comment.id, editToken)).status).toBe(403);
  });

  it("answers 404 for a comment that does not exist", async () => {
    expect((await edit("missing-comment-id", "x".repeat(32), "x")).status).toBe(404);
  });
});

describe("editing a published comment into spam", () => {
  it("holds it again, like a new comment with the same text", async () => {
    await createSite("edit-rules", { moderation: "none", blockWords: ["casino"], maxLinks: 1 });
    const page = freshPage();
    const post = async (body: string) =>
      (await postJson("/api/v1/comments", { site: "edit-rules", page, body })).json() as Promise<{
        comment: PublicComment;
        editToken: string;
      }>;
    const linked = await post("bonjour");
    const res = await edit(linked.comment.id, linked.editToken, "https://a.example https://b.example");
    expect(((await res.json()) as { comment: PublicComment }).comment.status).toBe("pending");
    const blocked = await post("salut");
    await edit(blocked.comment.id, blocked.editToken, "le meilleur casino");
    const thread = await getThread(page, "", "edit-rules");
    expect(thread.comments).toEqual([]);
    expect(thread.thread.count).toBe(0);
    const stored = await env.DB.prepare("SELECT status FROM comments WHERE id = ?").bind(blocked.comment.id).first();
    expect(stored).toEqual({ status: "spam" });
  });
});

describe("deleting your own comment", () => {
  it("removes a leaf and its count", async () => {
    const page = freshPage();
    const keep = await postComment({ page, body: "reste" });
    const gone = await postComment({ page, body: "part" });
    expect((await remove(gone.comment.id, gone.editToken)).status).toBe(204);
    const { thread, comments } = await getThread(page);
    expect(comments.map((c) => c.id)).toEqual([keep.comment.id]);
    expect(thread.count).toBe(1);
  });

  it("leaves a placeholder when the comment has replies, so they keep their place", async () => {
    const page = freshPage();
    const parent = await postComment({ page, body: "parent", author: { name: "Paul", email: "paul@example.org" } });
    const reply = await postComment({ page, body: "réponse", parentId: parent.comment.id });
    expect((await remove(parent.comment.id, parent.editToken)).status).toBe(204);

    const { thread, comments } = await getThread(page);
    expect(comments.map((c) => [c.id, c.deleted, c.depth])).toEqual([
      [parent.comment.id, true, 0],
      [reply.comment.id, false, 1],
    ]);
    expect(comments[0]).toMatchObject({ author: null, html: "" });
    expect(thread.count).toBe(1);
    const stored = await env.DB.prepare("SELECT author_name, author_email, body, ip_hash, edit_token_hash FROM comments WHERE id = ?")
      .bind(parent.comment.id)
      .first();
    expect(stored).toEqual({ author_name: null, author_email: null, body: "", ip_hash: null, edit_token_hash: null });
  });

  it("removes placeholders left without replies when their last reply goes", async () => {
    const page = freshPage();
    const top = await postComment({ page, body: "haut" });
    const middle = await postComment({ page, body: "milieu", parentId: top.comment.id });
    const leaf = await postComment({ page, body: "feuille", parentId: middle.comment.id });
    const sibling = await postComment({ page, body: "voisin", parentId: top.comment.id });
    await remove(top.comment.id, top.editToken);
    await remove(middle.comment.id, middle.editToken);
    expect((await getThread(page)).comments.map((c) => c.deleted)).toEqual([true, true, false, false]);

    await remove(leaf.comment.id, leaf.editToken);
    // The middle placeholder goes; the top one stays for the sibling.
    expect((await getThread(page)).comments.map((c) => c.id)).toEqual([top.comment.id, sibling.comment.id]);
    await remove(sibling.comment.id, sibling.editToken);
    const { thread, comments } = await getThread(page);
    expect(comments).toEqual([]);
    expect(thread.count).toBe(0);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.page = ?")
      .bind(page)
      .first();
    expect(left).toEqual({ n: 0 });
  });

  it("refuses replies to a placeholder", async () => {
    const page = freshPage();
    const parent = await postComment({ page });
    await postComment({ page, parentId: parent.comment.id });
    await remove(parent.comment.id, parent.editToken);
    const res = await postJson("/api/v1/comments", { site: "demo", page, body: "x", parentId: parent.comment.id });
    expect(res.status).toBe(400);
  });
});

describe("your own held comments", () => {
  it("include your spam, shown as held, so a spammer learns nothing", async () => {
    await createSite("spam-own", { moderation: "none", blockWords: ["viagra"] });
    const page = freshPage();
    const res = await postJson("/api/v1/comments", { site: "spam-own", page, body: "cheap viagra" });
    const { comment, editToken } = (await res.json()) as { comment: PublicComment; editToken: string };
    const thread = await call(`/api/v1/threads?site=spam-own&page=${page}`, { headers: { "Bascule-Tokens": editToken } });
    const { comments } = (await thread.json()) as { comments: PublicComment[] };
    expect(comments.map((c) => [c.id, c.status])).toEqual([[comment.id, "pending"]]);
    expect((await edit(comment.id, editToken, "encore")).status).toBe(200);
    expect((await getThread(page, "", "spam-own")).comments).toEqual([]);
  });

  it("are shown, marked pending, only to the reader holding their token", async () => {
    await createSite("held-all", { moderation: "all" });
    const page = freshPage();
    const res = await postJson("/api/v1/comments", { site: "held-all", page, body: "en attente" });
    expect(res.status).toBe(202);
    const { comment, editToken } = (await res.json()) as { comment: PublicComment; editToken: string };
    const read = (tokens?: string) =>
      call(`/api/v1/threads?site=held-all&page=${page}`, tokens === undefined ? {} : { headers: { "Bascule-Tokens": tokens } }).then(
        (r) => r.json() as Promise<{ comments: PublicComment[]; thread: { count: number } }>,
      );
    const mine = await read(`${"y".repeat(32)} ${editToken}`);
    expect(mine.comments.map((c) => [c.id, c.status])).toEqual([[comment.id, "pending"]]);
    expect(mine.thread.count).toBe(0);
    expect((await read()).comments).toEqual([]);
    expect((await read("z".repeat(32))).comments).toEqual([]);
  });
});

describe("likes", () => {
  it("count once per reader id and once per network", async () => {
    const { comment } = await postComment({ page: freshPage() });
    const likes = async (res: Promise<Response>) => ((await (await res).json()) as { likes: number }).likes;
    expect(await likes(like(comment.id, "reader-aaaaaaaa", "198.51.100.1"))).toBe(1);
    expect(await likes(like(comment.id, "reader-aaaaaaaa", "198.51.100.1"))).toBe(1);
    expect(await likes(like(comment.id, "reader-aaaaaaaa", "198.51.100.2"))).toBe(1); // same reader, new network
    expect(await likes(like(comment.id, "reader-bbbbbbbb", "198.51.100.1"))).toBe(1); // same network, new reader
    expect(await likes(like(comment.id, "reader-cccccccc", "2001:db8:1:2::7"))).toBe(2);
    expect(await likes(like(comment.id, undefined, "2001:db8:1:2:ffff::1"))).toBe(2); // same IPv6 /64
    expect(await likes(like(comment.id, undefined, "203.0.113.50"))).toBe(3);
  });

  it("order the `top` sort, replies staying under their parents", async () => {
    const page = freshPage();
    const quiet = await postComment({ page, body: "calme" });
    const loved = await postComment({ page, body: "aimé" });
    const reply = await postComment({ page, body: "réponse", parentId: quiet.comment.id });
    await like(loved.comment.id, "reader-dddddddd", "192.0.2.1");
    await like(loved.comment.id, "reader-eeeeeeee", "192.0.2.2");
    await like(reply.comment.id, "reader-ffffffff", "192.0.2.3");
    const { comments } = await getThread(page, "&sort=top");
    expect(comments.map((c) => c.id)).toEqual([loved.comment.id, quiet.comment.id, reply.comment.id]);
  });
});

describe("paging", () => {
  it.each(["oldest", "newest", "top"])("never shows a comment twice or skips one while others arrive (%s)", async (sort) => {
    const page = freshPage();
    const before: string[] = [];
    for (let i = 0; i < 7; i++) before.push((await postComment({ page, body: `avant ${i}` })).comment.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const query: string = `&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await getThread(page, query);
      seen.push(...res.comments.filter((c) => c.depth === 0).map((c) => c.id));
      cursor = res.nextCursor;
      // Others post between the reader's pages.
      await postComment({ page, body: `pendant ${round++}` });
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(before));
  });
});
