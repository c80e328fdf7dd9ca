// Issue 10, item 5: in moderation mode `first`, being known takes proof an e-mail alone
// can't give (the edit token of one's approved comment), the answer tells nothing about an
// address, and a reader's deletion is written to the audit log.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, call, freshPage } from "./helpers.ts";
import { post, site } from "./moderation-helpers.ts";

const tokens = (...values: string[]) => ({ headers: { "bascule-tokens": values.join(" ") } });

async function approvedComment(key: string, email: string) {
  const first = await post(key, freshPage(), { body: `Premier de ${email}`, author: { email } });
  await admin(`/comments/${first.comment.id}`, { method: "PATCH", json: { status: "approved" } });
  return first;
}

describe("known authors in moderation mode first", () => {
  it("an e-mail alone is held, known or not: the answer is the same for both", async () => {
    const key = await site({ moderation: "first" });
    await approvedComment(key, "regular@example.org");
    const known = await post(key, freshPage(), { body: "Usurpé", author: { name: "Faux", email: "regular@example.org" } });
    const unknown = await post(key, freshPage(), { body: "Inconnu", author: { name: "Faux", email: "never@example.org" } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(Object.keys(known.comment).sort()).toEqual(Object.keys(unknown.comment).sort());
    expect(known.comment.status).toBe(unknown.comment.status);
  });

  it("the edit token of an approved comment by that e-mail publishes at once", async () => {
    const key = await site({ moderation: "first" });
    const first = await approvedComment(key, "nina@example.org");
    expect(
      (await post(key, freshPage(), { body: "Encore moi", author: { email: "Nina@Example.org" } }, tokens("x", first.editToken))).status,
    ).toBe(201);
  });

  it("a token proves only its own comment's e-mail, only once approved, only on its site", async () => {
    const key = await site({ moderation: "first" });
    const other = await site({ moderation: "first" });
    const nina = await approvedComment(key, "nina@example.org");
    const held = await post(key, freshPage(), { body: "En attente", author: { email: "held@example.org" } });
    expect((await post(key, freshPage(), { body: "Pas Nina", author: { email: "eve@example.org" } }, tokens(nina.editToken))).status).toBe(
      202,
    );
    expect(
      (await post(key, freshPage(), { body: "Pas approuvé", author: { email: "held@example.org" } }, tokens(held.editToken))).status,
    ).toBe(202);
    expect(
      (await post(other, freshPage(), { body: "Ailleurs", author: { email: "nina@example.org" } }, tokens(nina.editToken))).status,
    ).toBe(202);
  });
});

describe("reader deletions", () => {
  it("are written to the audit log, with the comment and its status", async () => {
    const key = await site({ moderation: "first" });
    const probe = await post(key, freshPage(), { body: "Sonde", author: { email: "probe@example.org" } });
    const res = await call(`/api/v1/comments/${probe.comment.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${probe.editToken}` },
    });
    expect(res.status).toBe(204);
    const row = await env.DB.prepare("SELECT actor, action, site_key, before_status, after_status FROM audit WHERE comment_id = ?")
      .bind(probe.comment.id)
      .first();
    expect(row).toEqual({ actor: "reader", action: "comment.delete", site_key: key, before_status: "pending", after_status: "deleted" });
  });
});
