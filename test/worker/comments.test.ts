import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../worker/api-types.ts";
import { call, createSite, freshPage, getThread, postComment, postJson } from "./helpers.ts";

async function errorOf(res: Response): Promise<ApiErrorBody["error"]> {
  const body = (await res.json()) as ApiErrorBody;
  return body.error;
}

describe("POST /api/v1/comments and GET /api/v1/threads", () => {
  it("lists a thread in display order: each comment followed by its replies, oldest first", async () => {
    const page = freshPage();
    const first = await postComment({ page, body: "premier" });
    const second = await postComment({ page, body: "second" });
    const reply = await postComment({ page, body: "réponse au premier", parentId: first.comment.id });
    const replyToReply = await postComment({ page, body: "réponse à la réponse", parentId: reply.comment.id });
    const laterReply = await postComment({ page, body: "autre réponse", parentId: first.comment.id });

    const { thread, comments } = await getThread(page);
    expect(comments.map((c) => c.id)).toEqual([
      first.comment.id,
      reply.comment.id,
      replyToReply.comment.id,
      laterReply.comment.id,
      second.comment.id,
    ]);
    expect(comments.map((c) => c.depth)).toEqual([0, 1, 2, 1, 0]);
    expect(comments[2]?.parentId).toBe(reply.comment.id);
    expect(comments[0]?.html).toBe("<p>premier</p>");
    expect(thread.count).toBe(5);
  });

  it("nests replies at depth 5 and deeper", async () => {
    const page = freshPage();
    let parentId: string | undefined;
    const ids: string[] = [];
    for (let level = 0; level < 8; level++) {
      const { comment } = await postComment({ page, body: `niveau ${level}`, parentId });
      ids.push(comment.id);
      parentId = comment.id;
    }
    const { comments } = await getThread(page);
    expect(comments.map((c) => c.id)).toEqual(ids);
    expect(comments.map((c) => c.depth)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("answers 201 with an edit token it stores only as a hash, and never returns e-mails or IPs", async () => {
    const page = freshPage();
    const res = await postJson(
      "/api/v1/comments",
      { site: "demo", page, body: "Salut", author: { name: "Léa", email: "Lea@Example.org", website: "https://lea.example" } },
      { headers: { "cf-connecting-ip": "203.0.113.9" } },
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as Awaited<ReturnType<typeof postComment>>;
    expect(created.editToken.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    expect(Date.parse(created.editableUntil) - Date.parse(created.comment.createdAt)).toBe(15 * 60_000);
    expect(created.comment.author).toEqual({ name: "Léa", website: "https://lea.example", avatar: null });

    const stored = await env.DB.prepare("SELECT * FROM comments WHERE id = ?").bind(created.comment.id).first<Record<string, unknown>>();
    expect(stored?.edit_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.edit_token_hash).not.toContain(created.editToken);
    expect(stored?.ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain("203.0.113.9");

    const publicText = JSON.stringify(await getThread(page));
    expect(publicText).not.toContain('xample.org"');
    expect(publicText.toLowerCase()).not.toContain("lea@example.org");
    expect(publicText).not.toContain(String(stored?.ip_hash));
  });

  it("gives a comment written with an owner e-mail no badge and no special answer (issue 10, item 7)", async () => {
    const page = freshPage();
    const reader = await postComment({ page, author: { name: "Lecteur", email: "lecteur@example.org" } });
    const res = await postJson("/api/v1/comments", {
      site: "demo",
      page,
      body: "Je suis l'autrice",
      parentId: reader.comment.id,
      author: { name: "Auteur", email: " AUTEUR@bascule.invalid " },
    });
    // Anyone can type the owner's e-mail: only the owner's own routes give the badge.
    expect(res.status).toBe(201);
    expect((await getThread(page)).comments.map((c) => c.byOwner)).toEqual([false, false]);
  });

  it("refuses a parent from another thread", async () => {
    const elsewhere = await postComment({ page: freshPage() });
    const res = await postJson("/api/v1/comments", { site: "demo", page: freshPage(), body: "x", parentId: elsewhere.comment.id });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "parent_id_other_thread", field: "parentId" });
  });

  it("refuses a parent that does not exist", async () => {
    const res = await postJson("/api/v1/comments", { site: "demo", page: freshPage(), body: "x", parentId: "nope" });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "parent_id_not_found", field: "parentId" });
  });

  it.each([
    ["body", { body: "" }, "body_empty"],
    ["body", { body: " \n\u200b\t " }, "body_empty"],
    ["body", { body: "x".repeat(10_001) }, "body_too_long"],
    ["body", { body: 42 }, "body_invalid_type"],
    ["site", { site: "Not A Key" }, "site_invalid"],
    ["page", { page: "   " }, "page_empty"],
    ["author.name", { author: { name: "n".repeat(81) } }, "name_too_long"],
    ["author.email", { author: { email: "not-an-email" } }, "email_invalid"],
    ["author.website", { author: { website: "javascript:alert(1)" } }, "website_invalid"],
    ["author.website", { author: { website: "ftp://files.example" } }, "website_invalid"],
    ["url", { url: "data:text/html,x" }, "url_invalid"],
    ["parentId", { parentId: "<script>" }, "parent_id_invalid"],
    ["notify", { notify: "yes" }, "notify_invalid_type"],
  ])("rejects a bad %s with a field error (%j)", async (field, change, code) => {
    const res = await postJson("/api/v1/comments", { site: "demo", page: freshPage(), body: "ok", ...change });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code, field });
  });

  it("cleans text: NFC, and control characters other than newline and tab removed", async () => {
    const page = freshPage();
    const { comment } = await postComment({ page, body: "e\u0301te\u0007\tici\nlà", author: { name: "Zo\u0000é" } });
    expect(comment.html).toBe("<p>\u00e9te\tici\nlà</p>");
    expect(comment.author?.name).toBe("Zoé");
  });

  it("answers 415 to a write that is not JSON", async () => {
    const res = await call("/api/v1/comments", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "site=demo&page=x&body=hi",
    });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatchObject({ code: "unsupported_media_type" });
  });

  it("answers 400 to malformed JSON", async () => {
    const res = await call("/api/v1/comments", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_json");
  });

  it("answers 413 to a body over the limit", async () => {
    const res = await postJson("/api/v1/comments", { site: "demo", page: freshPage(), body: "x".repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: "body_too_large" });
  });

  it("answers 403 to a write from an origin the site does not allow, and stores nothing", async () => {
    const page = freshPage();
    for (const origin of ["https://evil.example", "http://localhost.evil.example:8787", null]) {
      const res = await postJson("/api/v1/comments", { site: "demo", page, body: "spam" }, { origin });
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: "origin_not_allowed" });
    }
    expect((await getThread(page)).comments).toEqual([]);
  });

  it("allows the site's origins through CORS and no others", async () => {
    const page = freshPage();
    const allowed = await call(`/api/v1/threads?site=demo&page=${page}`, { origin: "http://127.0.0.1:5173" });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    const foreign = await call(`/api/v1/threads?site=demo&page=${page}`, { origin: "https://evil.example" });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers 404 for an unknown site", async () => {
    const res = await postJson("/api/v1/comments", { site: "no-such-site", page: "x", body: "hi" });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: "site_not_found", field: "site" });
  });

  it("answers an unknown page with an empty thread and creates nothing", async () => {
    const page = freshPage();
    const { thread, comments, nextCursor } = await getThread(page);
    expect(thread).toEqual({
      page,
      title: null,
      url: null,
      count: 0,
      closed: false,
      feed: `http://localhost/api/v1/feed?site=demo&page=${page}`,
    });
    expect(comments).toEqual([]);
    expect(nextCursor).toBeNull();
    const row = await env.DB.prepare("SELECT 1 FROM threads WHERE page = ?").bind(page).first();
    expect(row).toBeNull();
  });

  it("answers unknown routes with the JSON error shape", async () => {
    const res = await call("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: "not_found" });
  });

  it("holds a first comment on a `first` site (202) and keeps it out of the public thread", async () => {
    await createSite("held-first", { moderation: "first" });
    const page = freshPage();
    const res = await postJson("/api/v1/comments", { site: "held-first", page, body: "nouveau", author: { email: "new@example.org" } });
    expect(res.status).toBe(202);
    const held = (await res.json()) as Awaited<ReturnType<typeof postComment>>;
    expect(held.comment.status).toBe("pending");
    const thread = await getThread(page, "", "held-first");
    expect(thread.comments).toEqual([]);
    expect(thread.thread.count).toBe(0);
  });

  it("pages by top-level comment with each comment's whole subtree", async () => {
    const page = freshPage();
    const roots = [];
    for (let i = 0; i < 5; i++) roots.push((await postComment({ page, body: `racine ${i}` })).comment.id);
    await postComment({ page, body: "réponse", parentId: roots[1] });

    const first = await getThread(page, "&limit=2");
    expect(first.comments.map((c) => c.depth)).toEqual([0, 0, 1]);
    expect(first.nextCursor).not.toBeNull();
    const second = await getThread(page, `&limit=2&cursor=${first.nextCursor}`);
    const third = await getThread(page, `&limit=2&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeNull();
    const seen = [...first.comments, ...second.comments, ...third.comments].filter((c) => c.depth === 0).map((c) => c.id);
    expect(seen).toEqual(roots);

    const newest = await getThread(page, "&sort=newest&limit=10");
    expect(newest.comments.filter((c) => c.depth === 0).map((c) => c.id)).toEqual([...roots].reverse());
  });

  it("rejects a forged cursor with 400", async () => {
    const res = await call(`/api/v1/threads?site=demo&page=x&cursor=${btoa("nonsense")}`);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "invalid_cursor", field: "cursor" });
  });
});
