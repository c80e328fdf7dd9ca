// Issue 10, item 6: an edit meets the rules of a new comment in the site's mode, and the
// owner's approval names the version the owner saw (its editedAt).
import { describe, expect, it } from "vitest";
import type { AdminComment, AdminCommentsResponse, PublicComment, StaleApproval } from "../../worker/api-types.ts";
import { admin, call, freshPage, getThread } from "./helpers.ts";
import { post, site } from "./moderation-helpers.ts";

function edit(id: string, token: string, body: string): Promise<Response> {
  return call(`/api/v1/comments/${id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ body }),
  });
}

async function pending(key: string): Promise<AdminComment[]> {
  return ((await (await admin(`/comments?site=${key}&status=pending`)).json()) as AdminCommentsResponse).comments;
}

describe("edits", () => {
  it("in mode all, an approved comment edited is held again and leaves the thread", async () => {
    const key = await site({ moderation: "all" });
    const page = freshPage();
    const mine = await post(key, page, { body: "Sage" });
    await admin(`/comments/${mine.comment.id}`, { method: "PATCH", json: { status: "approved" } });
    expect((await getThread(page, "", key)).thread.count).toBe(1);
    const res = await edit(mine.comment.id, mine.editToken, "Achetez ici");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { comment: PublicComment }).comment.status).toBe("pending");
    const thread = await getThread(page, "", key);
    expect([thread.thread.count, thread.comments.length]).toEqual([0, 0]);
  });

  it("in mode none, an edit that passes the rules stays published", async () => {
    const key = await site({ moderation: "none" });
    const mine = await post(key, freshPage(), { body: "Sage" });
    const res = await edit(mine.comment.id, mine.editToken, "Toujours sage");
    expect(((await res.json()) as { comment: PublicComment }).comment.status).toBe("approved");
  });

  it("a writer banned since is sent to spam by their next edit", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    const mine = await post(key, page, { body: "Sage", author: { name: "Bientôt Banni" } });
    await admin("/bans", { method: "POST", json: { site: key, kind: "name", value: "Bientôt Banni" } });
    await edit(mine.comment.id, mine.editToken, "Plus sage");
    expect((await getThread(page, "", key)).comments).toEqual([]);
  });
});

describe("approval names the version the owner saw", () => {
  it("a comment edited after the owner read it is not published: 409 with its current text", async () => {
    const key = await site({ moderation: "all" });
    const page = freshPage();
    const mine = await post(key, page, { body: "Innocent" });
    const [seen] = await pending(key);
    expect(seen?.editedAt).toBeNull();
    await edit(mine.comment.id, mine.editToken, "Des liens douteux");

    const stale = await admin(`/comments/${mine.comment.id}`, { method: "PATCH", json: { status: "approved", editedAt: seen?.editedAt } });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as StaleApproval;
    expect(body.error).toMatchObject({ code: "comment_changed", field: "editedAt" });
    expect(body.comment.body).toBe("Des liens douteux");
    // By id alone it is the same: no editedAt names the unedited version.
    expect((await admin(`/comments/${mine.comment.id}`, { method: "PATCH", json: { status: "approved" } })).status).toBe(409);
    expect((await getThread(page, "", key)).thread.count).toBe(0);

    const fresh = await admin(`/comments/${mine.comment.id}`, {
      method: "PATCH",
      json: { status: "approved", editedAt: body.comment.editedAt },
    });
    expect(fresh.status).toBe(200);
    expect((await getThread(page, "", key)).thread.count).toBe(1);
  });

  it("marking spam needs no version", async () => {
    const key = await site({ moderation: "all" });
    const mine = await post(key, freshPage(), { body: "Bof" });
    await edit(mine.comment.id, mine.editToken, "Pire");
    expect((await admin(`/comments/${mine.comment.id}`, { method: "PATCH", json: { status: "spam" } })).status).toBe(200);
  });
});
