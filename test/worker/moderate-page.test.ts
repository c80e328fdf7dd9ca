// The one-click moderation page (issue 11, API.md "Mail to the owner"): GET /moderate/<token>
// shows one comment and changes nothing; its forms POST approve, spam, delete or reply to the
// same URL, with an undo where the admin page has one. The signed token is the credential.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { OwnerReplyResponse, StaleApproval } from "../../worker/api-types.ts";
import worker from "../../worker/index.ts";
import { signLink } from "../../worker/lib/signed-link.ts";
import { moderationUrl } from "../../worker/mail/owner-mail.ts";
import { admin, call, freshPage, getThread } from "./helpers.ts";
import { post, site } from "./moderation-helpers.ts";

/** The worker's own origin as the tests' requests reach it (helpers.ts `call`). */
const SELF_ORIGIN = "http://localhost";

async function linkPath(commentId: string, now = Date.now()): Promise<string> {
  return new URL(await moderationUrl(env.HASH_SALT, SELF_ORIGIN, commentId, now)).pathname;
}

/** The page's own form, as a browser sends it: same-origin, and `Origin: null` under Referrer-Policy no-referrer. */
function submit(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, {
    method: "POST",
    origin: null,
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", origin: "null", ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

function script(path: string, json: unknown): Promise<Response> {
  return call(path, { method: "POST", origin: null, headers: { "content-type": "application/json" }, body: JSON.stringify(json) });
}

async function row(id: string) {
  return env.DB.prepare("SELECT status, body, edited_at, by_owner FROM comments WHERE id = ?").bind(id).first();
}

async function audits(id: string) {
  const { results } = await env.DB.prepare("SELECT actor, action, before_status, after_status FROM audit WHERE comment_id = ? ORDER BY id")
    .bind(id)
    .all<{ actor: string; action: string; before_status: string; after_status: string }>();
  return results;
}

/** A held comment on a site of its own, with the author's e-mail and website. */
async function heldComment(extra: object = {}, settings: object = {}) {
  const key = await site({ moderation: "all", ...settings });
  const page = freshPage();
  const held = await post(key, page, {
    url: "http://localhost:8787/article",
    title: "Mon article",
    body: "Un **avis** réfléchi",
    author: { name: "Ada", email: "ada@reader.example", website: "https://ada.example" },
    ...extra,
  });
  return { key, page, id: held.comment.id, editToken: held.editToken, path: await linkPath(held.comment.id) };
}

describe("GET /moderate/<token>", () => {
  it("shows the comment with its author, e-mail, thread and status, under strict headers", async () => {
    const { path } = await heldComment();
    const res = await call(path, { origin: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");
    const html = await res.text();
    expect(html).toContain("<p>Un <strong>avis</strong> réfléchi</p>");
    expect(html).toContain("Ada");
    expect(html).toContain("ada@reader.example");
    expect(html).toContain("https://ada.example");
    expect(html).toContain('<a href="http://localhost:8787/article">Mon article</a>');
    expect(html).toContain("Waiting for your approval");
    expect(html).toMatch(/<button type="submit" name="action" value="approve"/);
    expect(html).toMatch(/<button type="submit" name="action" value="spam"/);
    expect(html).toMatch(/<button type="submit" name="action" value="delete"/);
    expect(html).toMatch(/<textarea id="reply-body" name="body"/);
    expect(html).toContain('<link rel="stylesheet" href="/moderate.css">');
    expect(html).not.toMatch(/<script|style=/);
  });

  it("changes nothing, however often it is opened (mail scanners open every link)", async () => {
    const { id, path } = await heldComment();
    const before = [await row(id), await audits(id)];
    for (const query of ["", "?action=approve", "?action=delete&confirm=yes", "?done=approved&was=pending"]) {
      expect((await call(`${path}${query}`, { origin: null })).status).toBe(200);
    }
    expect([await row(id), await audits(id)]).toEqual(before);
    expect(before[0]).toMatchObject({ status: "pending" });
  });

  it("escapes what the author wrote outside the rendered comment", async () => {
    const { path } = await heldComment({ author: { name: '<img src=x onerror="alert(1)">', email: "x@reader.example" } });
    const html = await (await call(path, { origin: null })).text();
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("speaks the site's language", async () => {
    const { path } = await heldComment({}, { locale: "fr" });
    const html = await (await call(path, { origin: null })).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("En attente de votre approbation");
    expect(html).toContain("Répondre en tant que propriétaire du site");
  });
});

describe("the token", () => {
  it("refuses a forged, altered or borrowed token with a 403 page, and changes nothing", async () => {
    const { id, path } = await heldComment();
    const other = await heldComment();
    const token = path.slice("/moderate/".length);
    const [subject, detail, expires, signature] = token.split(".") as [string, string, string, string];
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    const forged = [
      "nope",
      `${subject}.${detail}.${expires}.${flipped}`,
      // Another comment's id under this comment's signature.
      `${other.id}.${detail}.${expires}.${signature}`,
      // A later expiry under the same signature.
      `${subject}.${detail}.${(Date.now() + 365 * 86_400_000).toString(36)}.${signature}`,
      // Signed for the other purpose.
      await signLink(env.HASH_SALT, { purpose: "subscription", subject: id, expiresAt: Date.now() + 60_000 }),
    ];
    for (const bad of forged) {
      const res = await call(`/moderate/${bad}`, { origin: null });
      expect(res.status, bad).toBe(403);
      expect(await res.text()).toContain("This link is not valid");
      expect((await submit(`/moderate/${bad}`, { action: "approve", editedAt: "" })).status).toBe(403);
    }
    expect(await row(id)).toMatchObject({ status: "pending" });
    expect(await row(other.id)).toMatchObject({ status: "pending" });
    expect(await audits(id)).toEqual([]);
  });

  it("answers an expired one with 410 and a link to /admin", async () => {
    const { id } = await heldComment();
    const path = await linkPath(id, Date.now() - 15 * 86_400_000);
    const res = await call(path, { origin: null });
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain("This link has expired");
    expect(html).toContain('href="http://localhost/admin"');
    expect((await submit(path, { action: "approve", editedAt: "" })).status).toBe(410);
    expect(await row(id)).toMatchObject({ status: "pending" });
  });

  it("names a comment that exists: 404 once it is gone", async () => {
    const path = await linkPath("no-such-comment");
    const res = await call(path, { origin: null });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("This comment no longer exists");
  });

  it("is refused by a worker without a usable HASH_SALT, whose links anyone could forge", async () => {
    const { path } = await heldComment();
    const unconfigured = { ...env, HASH_SALT: "short" };
    const res = await worker.fetch(new Request(`${SELF_ORIGIN}${path}`), unconfigured, createExecutionContext());
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This server is not configured yet");
  });

  it("lasts 14 days", async () => {
    const { id } = await heldComment();
    expect((await call(await linkPath(id, Date.now() - 13 * 86_400_000), { origin: null })).status).toBe(200);
  });
});

describe("POST /moderate/<token>", () => {
  it("approves, says so, and undoes back to waiting; audited as the moderation link", async () => {
    const { key, page, id, path } = await heldComment();
    const res = await submit(path, { action: "approve", editedAt: "" });
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toBe(`${path}?done=approved&was=pending`);
    expect(await row(id)).toMatchObject({ status: "approved" });
    expect((await getThread(page, "", key)).thread.count).toBe(1);
    const after = await (await call(location, { origin: null })).text();
    expect(after).toContain("Done: the comment is published.");
    expect(after).toMatch(
      /<form method="post" action="[^"]+" class="undo"><input type="hidden" name="editedAt" value=""><button[^>]+value="hold"/,
    );
    expect(after).not.toMatch(/value="approve"/);

    expect((await submit(path, { action: "hold", editedAt: "" })).headers.get("location")).toBe(`${path}?done=pending&was=approved`);
    expect(await row(id)).toMatchObject({ status: "pending" });
    expect((await getThread(page, "", key)).thread.count).toBe(0);
    expect(await audits(id)).toEqual([
      { actor: "moderation-link", action: "comment.update", before_status: "pending", after_status: "approved" },
      { actor: "moderation-link", action: "comment.update", before_status: "approved", after_status: "pending" },
    ]);
  });

  it("marks spam, and undoes back to what it was", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    const { comment } = await post(key, page, { body: "Publié" });
    const path = await linkPath(comment.id);
    const res = await submit(path, { action: "spam", editedAt: "" });
    expect(res.headers.get("location")).toBe(`${path}?done=spam&was=approved`);
    expect(await row(comment.id)).toMatchObject({ status: "spam" });
    expect((await getThread(page, "", key)).thread.count).toBe(0);
    const after = await (await call(res.headers.get("location") ?? "", { origin: null })).text();
    expect(after).toContain("Done: the comment is marked as spam.");
    expect(after).toMatch(/class="undo">.*value="approve"/);
    // A spam comment gets no reply box.
    expect(after).not.toContain("reply-body");
    await submit(path, { action: "approve", editedAt: "" });
    expect(await row(comment.id)).toMatchObject({ status: "approved" });
    expect((await getThread(page, "", key)).thread.count).toBe(1);
  });

  it("shows a stale notice, not the undo, once the state has moved on", async () => {
    const { id, path } = await heldComment();
    await submit(path, { action: "approve", editedAt: "" });
    await submit(path, { action: "hold", editedAt: "" });
    // The old "approved" page, reloaded: it no longer says so.
    const html = await (await call(`${path}?done=approved&was=pending`, { origin: null })).text();
    expect(html).not.toContain("Done: the comment is published.");
    expect(await row(id)).toMatchObject({ status: "pending" });
  });

  it("asks before deleting, then deletes for good", async () => {
    const { key, page, id, path } = await heldComment();
    const ask = await submit(path, { action: "delete", editedAt: "" });
    expect(ask.status).toBe(200);
    const html = await ask.text();
    expect(html).toContain("Delete this comment for good? This cannot be undone.");
    expect(html).toMatch(/<input type="hidden" name="confirm" value="yes">/);
    expect(await row(id)).toMatchObject({ status: "pending" });

    const done = await submit(path, { action: "delete", confirm: "yes" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Done: the comment is deleted.");
    expect(await row(id)).toBeNull();
    expect((await getThread(page, "", key)).comments).toEqual([]);
    expect(await audits(id)).toEqual([
      { actor: "moderation-link", action: "comment.delete", before_status: "pending", after_status: "deleted" },
    ]);
    expect((await call(path, { origin: null })).status).toBe(404);
  });

  it("replies as the owner: published with the badge, and the held comment it answers with it", async () => {
    const { key, page, id, path } = await heldComment({}, { ownerEmails: ["owner@blog.example"] });
    const res = await submit(path, { action: "reply", body: "Merci **Ada**", editedAt: "" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${path}?done=repliedParent`);
    const thread = await getThread(page, "", key);
    expect(thread.comments.map((c) => [c.parentId, c.byOwner, c.html])).toEqual([
      [null, false, "<p>Un <strong>avis</strong> réfléchi</p>"],
      [id, true, "<p>Merci <strong>Ada</strong></p>"],
    ]);
    const reply = thread.comments[1]?.id ?? "";
    expect(await row(reply)).toMatchObject({ status: "approved", by_owner: 1 });
    expect(await audits(reply)).toEqual([
      { actor: "moderation-link", action: "comment.reply", before_status: "approved", after_status: "approved" },
    ]);
    expect((await audits(id)).map((a) => [a.actor, a.after_status])).toEqual([["moderation-link", "approved"]]);
    expect(await (await call(res.headers.get("location") ?? "", { origin: null })).text()).toContain(
      "Done: your reply is published, and so is the comment it answers.",
    );
  });

  it("refuses an empty reply and a reply to spam", async () => {
    const { id, path } = await heldComment({}, { blockWords: ["casino"] });
    expect((await submit(path, { action: "reply", body: "   ", editedAt: "" })).status).toBe(400);
    const spam = await heldComment({ body: "casino" }, { blockWords: ["casino"] });
    const res = await submit(spam.path, { action: "reply", body: "Non", editedAt: "" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("This comment is marked as spam");
    expect(await row(id)).toMatchObject({ status: "pending" });
  });

  it("shows a comment edited since the page was shown before approving it", async () => {
    const { id, editToken, path } = await heldComment();
    const edit = await call(`/api/v1/comments/${id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${editToken}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "Un texte **changé**" }),
    });
    expect(edit.status).toBe(200);
    const edited = (await row(id))?.edited_at as string;

    const res = await submit(path, { action: "approve", editedAt: "" });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("This comment was edited since you saw it.");
    expect(html).toContain("<p>Un texte <strong>changé</strong></p>");
    expect(html).toContain(`name="editedAt" value="${edited}"`);
    expect(await row(id)).toMatchObject({ status: "pending" });
    // A reply publishes the held comment too: the same rule.
    expect((await submit(path, { action: "reply", body: "Oui", editedAt: "" })).status).toBe(409);

    expect((await submit(path, { action: "approve", editedAt: edited })).status).toBe(303);
    expect(await row(id)).toMatchObject({ status: "approved" });
  });

  it("answers a bad action with a 400 page, or JSON to a script", async () => {
    const { id, path } = await heldComment();
    const page = await submit(path, { action: "publish" });
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain("action must be approve, spam, delete or reply.");
    const json = await script(path, { action: "publish" });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({
      error: { code: "action_invalid", message: "action must be approve, spam, delete or reply.", field: "action" },
    });
    expect((await submit(path, {})).status).toBe(400);
    expect(await row(id)).toMatchObject({ status: "pending" });
  });

  it("takes only a form or JSON, and a bounded body", async () => {
    const { id, path } = await heldComment();
    const text = await call(path, { method: "POST", origin: null, headers: { "content-type": "text/plain" }, body: "action=approve" });
    expect(text.status).toBe(415);
    const huge = await submit(path, { action: "reply", body: "x".repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect(await row(id)).toMatchObject({ status: "pending" });
  });

  it("refuses a POST from another site", async () => {
    const { id, path } = await heldComment();
    const fromElsewhere = [
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { "sec-fetch-site": "same-site", origin: "null" },
      { "sec-fetch-site": "", origin: "https://evil.example" },
    ];
    for (const headers of fromElsewhere) {
      const sent = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ""));
      const res = await call(path, {
        method: "POST",
        origin: null,
        headers: { "content-type": "application/x-www-form-urlencoded", ...sent },
        body: "action=approve&editedAt=",
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toContain("This form was sent from another site");
    }
    expect(await row(id)).toMatchObject({ status: "pending" });
    // Our own origin, stated, is fine.
    expect((await submit(path, { action: "approve", editedAt: "" }, { origin: SELF_ORIGIN })).status).toBe(303);
  });

  it("serves scripts JSON: approve, reply and a confirmed delete", async () => {
    const { id, path } = await heldComment();
    const read = await call(path, { origin: null, headers: { accept: "application/json" } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { comment: { email: string } }).comment.email).toBe("ada@reader.example");
    expect(read.headers.get("cache-control")).toBe("no-store");
    const refused = await call("/moderate/nope", { origin: null, headers: { accept: "application/json" } });
    expect([refused.status, refused.headers.get("cache-control")]).toEqual([403, "no-store"]);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("link_forged");
    const approved = await script(path, { action: "approve", editedAt: null });
    expect(approved.status).toBe(200);
    expect(((await approved.json()) as { comment: { status: string } }).comment.status).toBe("approved");
    const replied = await script(path, { action: "reply", body: "Merci" });
    expect(replied.status).toBe(201);
    const { comment, parent } = (await replied.json()) as OwnerReplyResponse;
    expect([comment.byOwner, comment.parentId, parent.status]).toEqual([true, id, "approved"]);
    expect((await script(path, { action: "delete" })).status).toBe(400);
    expect((await script(path, { action: "delete", confirm: true })).status).toBe(200);
    // It had a reply: a placeholder stays.
    expect(await row(id)).toMatchObject({ status: "deleted" });
    const again = await script(path, { action: "approve" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as StaleApproval).error.code).toBe("comment_deleted");
  });

  it("leaves the admin routes' own actions as they were", async () => {
    const { id } = await heldComment();
    const res = await admin(`/comments/${id}`, { method: "PATCH", json: { status: "approved", editedAt: null } });
    expect(res.status).toBe(200);
    expect((await audits(id))[0]?.actor).toMatch(/^[0-9a-f]{12}$/);
  });
});
