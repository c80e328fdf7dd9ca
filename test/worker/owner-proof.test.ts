// Issue 10, item 7: the owner's badge comes from the admin token (or a signed link), never from
// an e-mail a public POST gives, and the answer to such a POST gives nothing away.
import { describe, expect, it } from "vitest";
import type { OwnerReplyResponse } from "../../worker/api-types.ts";
import { admin, freshPage, getThread } from "./helpers.ts";
import { post, site } from "./moderation-helpers.ts";

describe("byOwner", () => {
  it("a public POST with an owner e-mail is answered like any other, and never gets the badge", async () => {
    const key = await site({ moderation: "none", ownerEmails: ["owner@blog.example"] });
    const page = freshPage();
    const guess = await post(key, page, { body: "Je suis le patron", author: { email: "OWNER@blog.example" } });
    const other = await post(key, page, { body: "Je suis un lecteur", author: { email: "reader@blog.example" } });
    expect([guess.status, other.status]).toEqual([201, 201]);
    expect([guess.comment.byOwner, other.comment.byOwner]).toEqual([false, false]);
    expect((await getThread(page, "", key)).comments.map((c) => c.byOwner)).toEqual([false, false]);
  });

  it("stays off once the owner approves such a comment", async () => {
    const key = await site({ moderation: "all", ownerEmails: ["owner@blog.example"] });
    const page = freshPage();
    const guess = await post(key, page, { body: "Moi, le patron", author: { email: "owner@blog.example" } });
    expect(guess.comment.byOwner).toBe(false);
    await admin(`/comments/${guess.comment.id}`, { method: "PATCH", json: { status: "approved" } });
    expect((await getThread(page, "", key)).comments.map((c) => c.byOwner)).toEqual([false]);
  });
});

describe("POST /admin/comments/:id/reply", () => {
  it("publishes the owner's reply with the badge, and the held comment it answers", async () => {
    const key = await site({ moderation: "all", ownerEmails: ["owner@blog.example"] });
    const page = freshPage();
    const question = await post(key, page, { body: "Une question ?" });
    const res = await admin(`/comments/${question.comment.id}/reply`, {
      method: "POST",
      json: { body: "Une **réponse**.", name: "Camille" },
    });
    expect(res.status).toBe(201);
    const { comment, parent } = (await res.json()) as OwnerReplyResponse;
    expect(comment).toMatchObject({ byOwner: true, status: "approved", parentId: question.comment.id, email: "owner@blog.example" });
    expect(parent.status).toBe("approved");
    const thread = await getThread(page, "", key);
    expect(thread.thread.count).toBe(2);
    expect(thread.comments.map((c) => [c.id, c.byOwner, c.author?.name])).toEqual([
      [question.comment.id, false, null],
      [comment.id, true, "Camille"],
    ]);
  });

  it("needs the admin token, and a held parent must be the version the owner saw", async () => {
    const key = await site({ moderation: "all" });
    const question = await post(key, freshPage(), { body: "Question" });
    const path = `/comments/${question.comment.id}/reply`;
    expect((await admin(path, { method: "POST", json: { body: "x" }, token: null })).status).toBe(401);
    expect((await admin(path, { method: "POST", json: { body: "x" }, token: "guess" })).status).toBe(401);
    expect((await admin(path, { method: "POST", json: { body: "x", editedAt: "2020-01-01T00:00:00.000Z" } })).status).toBe(409);
    expect((await admin(path, { method: "POST", json: { body: "" } })).status).toBe(400);
    expect((await admin("/comments/nope/reply", { method: "POST", json: { body: "x" } })).status).toBe(404);
  });
});
