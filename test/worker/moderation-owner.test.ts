// What the site owner does (worker/routes/admin/): act on comments, close threads, erase a
// writer, edit a site's settings. moderation.test.ts has the rules that decide a new comment's status.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AdminComment, AdminCommentsResponse, PublicComment } from "../../worker/api-types.ts";
import { admin, call, freshPage, getThread, postJson } from "./helpers.ts";
import { post, site } from "./moderation-helpers.ts";

async function queue(siteKey: string, query = ""): Promise<AdminComment[]> {
  const res = await admin(`/comments?site=${siteKey}${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as AdminCommentsResponse).comments;
}

describe("owner actions", () => {
  it("approve, spam and un-spam keep the public count right and write audit rows", async () => {
    const key = await site({ moderation: "all" });
    const page = freshPage();
    const { comment } = await post(key, page);
    const count = async () => (await getThread(page, "", key)).thread.count;
    expect(await count()).toBe(0);
    await admin(`/comments/${comment.id}`, { method: "PATCH", json: { status: "approved" } });
    expect(await count()).toBe(1);
    await admin(`/comments/${comment.id}`, { method: "PATCH", json: { status: "spam" } });
    expect(await count()).toBe(0);
    await admin(`/comments/${comment.id}`, { method: "PATCH", json: { status: "approved" } });
    expect(await count()).toBe(1);
    const { results } = await env.DB.prepare(
      "SELECT actor, action, before_status, after_status FROM audit WHERE comment_id = ? ORDER BY id",
    )
      .bind(comment.id)
      .all();
    expect(results.map((r) => [r.before_status, r.after_status])).toEqual([
      ["pending", "approved"],
      ["approved", "spam"],
      ["spam", "approved"],
    ]);
    expect(results[0]?.actor).toMatch(/^[0-9a-f]{12}$/);
  });

  it("edits a comment: re-rendered and marked edited", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    const { comment } = await post(key, page);
    const res = await admin(`/comments/${comment.id}`, { method: "PATCH", json: { body: "**corrigé**" } });
    const { comment: edited } = (await res.json()) as { comment: AdminComment };
    expect(edited).toMatchObject({ html: "<p><strong>corrigé</strong></p>", body: "**corrigé**" });
    expect((await getThread(page, "", key)).comments[0]?.editedAt).not.toBeNull();
  });

  it("pinned comments come first on the first page only", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await post(key, page, { body: `n° ${i}` })).comment.id);
    await post(key, page, { parentId: ids[2], body: "réponse" });
    expect((await admin(`/comments/${ids[2]}`, { method: "PATCH", json: { pinned: true } })).status).toBe(200);
    const first = await getThread(page, "&limit=2", key);
    expect(first.comments.map((c) => c.id).slice(0, 4)).toEqual([ids[2], expect.any(String), ids[0], ids[1]]);
    const second = await getThread(page, `&limit=2&cursor=${first.nextCursor}`, key);
    expect(second.comments.map((c) => c.id)).toEqual([ids[3]]);
    const reply = first.comments[1];
    const pinReply = await admin(`/comments/${reply?.id}`, { method: "PATCH", json: { pinned: true } });
    expect(pinReply.status).toBe(400);
  });

  it("refuses to approve or edit a placeholder (409), and keeps the count right", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    const parent = await post(key, page);
    await post(key, page, { parentId: parent.comment.id });
    await admin(`/comments/${parent.comment.id}`, { method: "DELETE" });
    const approve = await admin(`/comments/${parent.comment.id}`, { method: "PATCH", json: { status: "approved" } });
    expect(approve.status).toBe(409);
    expect((await admin(`/comments/${parent.comment.id}`, { method: "PATCH", json: { body: "x" } })).status).toBe(409);
    expect((await getThread(page, "", key)).thread.count).toBe(1);
  });

  it("keeps the count right when two owner actions race on one comment", async () => {
    const key = await site({ moderation: "all" });
    const page = freshPage();
    const { comment } = await post(key, page);
    await Promise.all([1, 2, 3].map(() => admin(`/comments/${comment.id}`, { method: "PATCH", json: { status: "approved" } })));
    expect((await getThread(page, "", key)).thread.count).toBe(1);
  });

  it("deletes for good, leaving a placeholder where there are replies", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    const parent = await post(key, page);
    const reply = await post(key, page, { parentId: parent.comment.id });
    expect((await admin(`/comments/${parent.comment.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await getThread(page, "", key)).comments.map((c) => [c.id, c.deleted])).toEqual([
      [parent.comment.id, true],
      [reply.comment.id, false],
    ]);
    await admin(`/comments/${reply.comment.id}`, { method: "DELETE" });
    expect((await getThread(page, "", key)).comments).toEqual([]);
  });

  it("lists the pending queue newest first with e-mail, IP hash and thread, and searches", async () => {
    const key = await site({ moderation: "all" });
    const page = freshPage();
    await postJson(
      "/api/v1/comments",
      { site: key, page, title: "Mon billet", body: "ancien", author: { name: "Ana", email: "ana@example.org" } },
      { headers: { "cf-connecting-ip": "192.0.2.9" } },
    );
    await post(key, page, { body: "récent, avec un mot rare: zéphyr" });
    const pending = await queue(key, "&status=pending");
    expect(pending.map((c) => c.body)).toEqual(["récent, avec un mot rare: zéphyr", "ancien"]);
    expect(pending[1]).toMatchObject({ email: "ana@example.org", status: "pending", thread: { page, title: "Mon billet" } });
    expect(pending[1]?.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await queue(key, "&q=z%C3%A9phyr")).map((c) => c.body)).toEqual(["récent, avec un mot rare: zéphyr"]);
    expect((await queue(key, "&q=ana%40example")).map((c) => c.body)).toEqual(["ancien"]);
    expect(await queue(key, "&q=100%25")).toEqual([]);
  });
});

describe("closed threads", () => {
  it("a closed thread refuses new comments with 403 and says so", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    await post(key, page);
    const close = await admin("/threads/close", { method: "POST", json: { site: key, page, closed: true } });
    expect(close.status).toBe(200);
    expect((await getThread(page, "", key)).thread.closed).toBe(true);
    const res = await postJson("/api/v1/comments", { site: key, page, body: "trop tard" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "thread_closed" } });
    await admin("/threads/close", { method: "POST", json: { site: key, page, closed: false } });
    expect((await post(key, page)).status).toBe(201);
  });

  it("threads older than closeAfterDays close by themselves", async () => {
    const key = await site({ moderation: "none", closeAfterDays: 30 });
    const page = freshPage();
    await post(key, page);
    await env.DB.prepare("UPDATE threads SET created_at = ? WHERE site_key = ? AND page = ?")
      .bind(new Date(Date.now() - 31 * 86_400_000).toISOString(), key, page)
      .run();
    expect((await post(key, page)).status).toBe(403);
    expect((await getThread(page, "", key)).thread.closed).toBe(true);
  });
});

describe("erase by e-mail", () => {
  it("exports then erases every comment of the e-mail, replies keeping their place", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    const mine = await post(key, page, { body: "le mien", author: { name: "Éva", email: "eva@example.org" } });
    const reply = await post(key, page, { parentId: mine.comment.id, body: "réponse d'un autre" });
    const ownReply = await post(key, page, { parentId: reply.comment.id, body: "encore moi", author: { email: "EVA@example.org" } });
    const alone = await post(key, freshPage(), { body: "seul", author: { email: "eva@example.org" } });

    const res = await admin("/erase", { method: "POST", json: { site: key, email: "eva@example.org" } });
    expect(res.status).toBe(200);
    const { erased, comments } = (await res.json()) as { erased: number; comments: AdminComment[] };
    expect(erased).toBe(3);
    expect(comments.map((c) => c.id).sort()).toEqual([mine.comment.id, ownReply.comment.id, alone.comment.id].sort());
    expect(comments.every((c) => c.email === "eva@example.org")).toBe(true);

    const thread = await getThread(page, "", key);
    expect(thread.comments.map((c) => [c.id, c.deleted])).toEqual([
      [mine.comment.id, true],
      [reply.comment.id, false],
    ]);
    const left = await env.DB.prepare("SELECT count(*) AS n FROM comments WHERE author_email = ?").bind("eva@example.org").first();
    expect(left).toEqual({ n: 0 });
  });
});

describe("site settings", () => {
  it("creates a site, edits part of its settings, and CORS follows at once", async () => {
    const key = `settings-${crypto.randomUUID().slice(0, 8)}`;
    const created = await admin("/sites", { method: "POST", json: { key, origins: ["https://blog.example"], moderation: "none" } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ key, origins: ["https://blog.example"], moderation: "none", maxLinks: 2, locale: "en" });
    const page = freshPage();
    const before = await postJson("/api/v1/comments", { site: key, page, body: "x" }, { origin: "https://new.example" });
    expect(before.status).toBe(403);

    const put = await admin(`/sites/${key}`, {
      method: "PUT",
      json: { origins: ["https://blog.example", "https://new.example"], maxLinks: 5 },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ moderation: "none", maxLinks: 5 });
    const after = await postJson("/api/v1/comments", { site: key, page, body: "x" }, { origin: "https://new.example" });
    expect(after.status).toBe(201);
    expect(after.headers.get("access-control-allow-origin")).toBe("https://new.example");
  });

  it.each([
    [{ moderation: "sometimes" }, "moderation"],
    [{ maxLinks: -1 }, "maxLinks"],
    [{ maxLinks: "2" }, "maxLinks"],
    [{ ownerEmails: ["not-an-email"] }, "ownerEmails.0"],
    [{ origins: ["blog.example"] }, "origins.0"],
    [{ origins: [] }, "origins"],
    [{ locale: "français" }, "locale"],
    [{ closeAfterDays: 0 }, "closeAfterDays"],
    [{ displayDepth: 100 }, "displayDepth"],
    [{ surprise: true }, "surprise"],
  ])("refuses a bad setting %j naming its field", async (change, field) => {
    const res = await admin("/sites/demo", { method: "PUT", json: change });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { field?: string } };
    expect(error.field ?? "").toBe(field);
  });

  it("refuses a second site with the same key with 409", async () => {
    const res = await admin("/sites", { method: "POST", json: { key: "demo", origins: ["https://x.example"] } });
    expect(res.status).toBe(409);
  });
});

describe("owner routes and the public API", () => {
  it("an unknown comment is 404 for the owner too", async () => {
    expect((await admin("/comments/nope", { method: "PATCH", json: { status: "approved" } })).status).toBe(404);
    expect((await call("/api/v1/admin/comments/nope", { method: "DELETE" })).status).toBe(401);
  });

  it("a reader's own held comment is shown to them, published once approved", async () => {
    const key = await site({ moderation: "first" });
    const page = freshPage();
    const held = await postJson("/api/v1/comments", { site: key, page, body: "premier" });
    const { comment } = (await held.json()) as { comment: PublicComment };
    await admin(`/comments/${comment.id}`, { method: "PATCH", json: { status: "approved" } });
    const { comments } = await getThread(page, "", key);
    expect(comments.map((c) => [c.id, c.status])).toEqual([[comment.id, "approved"]]);
  });
});
