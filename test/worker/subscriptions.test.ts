// Readers' notifications (issue 11, API.md "Mail to readers"): notify on POST /comments, the
// double opt-in, who is mailed about what (notify/readers.ts), the /subscription page, RFC
// 8058 one-click unsubscribe, erasure, and the bounds. Mails are read from the delivery log
// (what the queue consumer wrote) or, to prove that something is NOT sent, from the planner
// itself: a missing row could otherwise only mean the consumer hadn't run yet.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { NewCommentRequest, NewCommentResponse } from "../../worker/api-types.ts";
import { findCommentInSite } from "../../worker/db/comments.ts";
import type { MailPayload, NewDelivery } from "../../worker/db/deliveries.ts";
import { findSite } from "../../worker/db/sites.ts";
import { FAN_OUT_MAX, SUBSCRIPTIONS_PER_SUBSCRIBER_MAX } from "../../worker/db/subscriptions.ts";
import { normaliseEmail, saltedHash } from "../../worker/lib/hash.ts";
import { signLink } from "../../worker/lib/signed-link.ts";
import { en, fr, READER_CATALOGUES } from "../../worker/mail/i18n/reader.ts";
import type { CommentEventType } from "../../worker/notify/events.ts";
import { readerDeliveries } from "../../worker/notify/readers.ts";
import { admin, call, createSite, freshPage, ORIGIN, postJson } from "./helpers.ts";

/** The origin links in mails use: the worker's own, as the tests call it. */
const WORKER = "http://localhost";

let sites = 0;
async function newSite(settings: object = {}): Promise<string> {
  const key = `subs-${++sites}-${crypto.randomUUID().slice(0, 6)}`;
  await createSite(key, { moderation: "none", ...settings });
  return key;
}

const address = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@readers.example`;

async function post(site: string, page: string, fields: Partial<NewCommentRequest> & { email?: string; name?: string }) {
  const { email, name = "Reader", ...rest } = fields;
  const res = await postJson("/api/v1/comments", {
    site,
    page,
    url: `${ORIGIN}/articles/${page}`,
    title: `Article ${page}`,
    body: `Un commentaire ${crypto.randomUUID()}`,
    author: { name, ...(email ? { email } : {}) },
    ...rest,
  });
  expect([201, 202], await res.clone().text()).toContain(res.status);
  return ((await res.json()) as NewCommentResponse).comment;
}

interface Row {
  kind: string;
  to_address: string;
  payload: MailPayload;
}

async function mails(site: string, kind?: string, to?: string): Promise<Row[]> {
  const { results } = await env.DB.prepare("SELECT kind, to_address, payload FROM deliveries WHERE site_key = ? ORDER BY created_at, id")
    .bind(site)
    .all<{ kind: string; to_address: string; payload: string }>();
  return results
    .map((row) => ({ ...row, payload: JSON.parse(row.payload) as MailPayload }))
    .filter((row) => (kind === undefined || row.kind === kind) && (to === undefined || row.to_address === to));
}

/** Waits for the queue consumer (about a second after the send) to have written such a mail (one whose text has `text`). */
async function waitForMails(site: string, kind: string, to: string, text = ""): Promise<Row[]> {
  for (let tries = 0; tries < 100; tries++) {
    const found = (await mails(site, kind, to)).filter((row) => row.payload.text.includes(text));
    if (found.length > 0) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${kind} mail to ${to} on ${site}`);
}

/** What the reader planner plans for an event about this comment, now. */
async function plan(site: string, commentId: string, type: CommentEventType, by: "reader" | "owner" = "reader"): Promise<NewDelivery[]> {
  const comment = await findCommentInSite(env.DB, commentId);
  const found = await findSite(env.DB, site);
  if (found === null) throw new Error("no site");
  const event = { id: crypto.randomUUID(), type, site, commentId, by, origin: WORKER, at: new Date().toISOString() };
  return readerDeliveries(env, { event, site: found, comment });
}

/** The path of the /subscription link in a mail's text (its query, if any, dropped). */
function linkIn(mail: MailPayload): string {
  const match = /http:\/\/localhost(\/subscription\/[A-Za-z0-9_.-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no subscription link in ${mail.text}`);
  return match[1];
}

const form = (path: string, body = "") =>
  call(path, { method: "POST", origin: null, headers: { "content-type": "application/x-www-form-urlencoded" }, body });

async function subscriberOf(site: string, email: string) {
  const hash = await saltedHash(env.HASH_SALT, normaliseEmail(email));
  return env.DB.prepare("SELECT * FROM subscribers WHERE site_key = ? AND email_hash = ?")
    .bind(site, hash)
    .first<{ id: string; confirmed_at: string | null; unsubscribed_at: string | null }>();
}

async function subscriptionsOf(subscriberId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM subscriptions WHERE subscriber_id = ?")
    .bind(subscriberId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Alice subscribes to replies to her comment and confirms: the start of most tests. */
async function confirmedReader(site: string, page: string, notify: true | "thread" = true) {
  const email = address("alice");
  const comment = await post(site, page, { email, name: "Alice", notify });
  const [confirm] = await waitForMails(site, "reader.confirm", email);
  const link = linkIn(confirm!.payload);
  expect((await form(`${link}?action=confirm`)).status).toBe(200);
  return { email, comment, link };
}

describe("POST /comments with notify", () => {
  it('takes true, false and "thread"; notify without an e-mail is a 400 at the e-mail field; any other value a 400', async () => {
    const site = await newSite();
    const page = freshPage();
    await post(site, page, { email: address("a"), notify: false });
    await post(site, page, { email: address("b"), notify: "thread" });
    const res = await postJson("/api/v1/comments", { site, page, body: "Bonjour", notify: true });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "email_required", message: expect.any(String), field: "author.email" } });
    const wrong = await postJson("/api/v1/comments", { site, page, body: "Bonjour", notify: "yes", author: { email: address("c") } });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("notify_invalid_type");
  });

  it("without notify, no subscriber is made; with it, one unconfirmed subscriber and one subscription", async () => {
    const site = await newSite();
    const page = freshPage();
    const quiet = address("quiet");
    await post(site, page, { email: quiet });
    expect(await subscriberOf(site, quiet)).toBeNull();
    const keen = address("keen");
    await post(site, page, { email: keen, notify: true });
    const subscriber = await subscriberOf(site, keen);
    expect(subscriber).toMatchObject({ confirmed_at: null, unsubscribed_at: null });
    expect(await subscriptionsOf(subscriber!.id)).toBe(1);
  });

  it("spam never subscribes anyone, and mails no one", async () => {
    const site = await newSite();
    const page = freshPage();
    const email = address("spam");
    // The honeypot: the comment is stored as spam.
    const comment = await post(site, page, { email, notify: true, homepage: "https://spam.example" });
    expect(await subscriberOf(site, email)).toBeNull();
    expect(await plan(site, comment.id, "comment.created")).toEqual([]);
  });
});

describe("the double opt-in", () => {
  it("a new address gets the confirmation mail and nothing else; replies before it confirms mail nothing; confirmed, they do", async () => {
    const site = await newSite();
    const page = freshPage();
    const email = address("alice");
    const alice = await post(site, page, { email, name: "Alice", notify: true });

    const [confirm] = await waitForMails(site, "reader.confirm", email);
    expect(confirm!.payload.subject).toBe(`Confirm e-mails about replies on “Article ${page}”`);
    expect(confirm!.payload.html).toContain(`href="${WORKER}/subscription/`);
    const link = linkIn(confirm!.payload);

    // Bob answers before Alice confirms: nothing for her.
    const bob = await post(site, page, { name: "Bob", parentId: alice.id });
    expect(await plan(site, bob.id, "comment.published")).toEqual([]);

    // Opening the link (a GET, as a mail scanner would) confirms nothing.
    const shown = await call(link, { origin: null });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('<form method="post" action="?action=confirm">');
    expect((await subscriberOf(site, email))?.confirmed_at).toBeNull();

    // The button does, once: a second press keeps the first time.
    const confirmed = await form(`${link}?action=confirm`);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("your address is confirmed");
    const first = (await subscriberOf(site, email))?.confirmed_at;
    expect(first).not.toBeNull();
    expect((await form(`${link}?action=confirm`)).status).toBe(200);
    expect((await subscriberOf(site, email))?.confirmed_at).toBe(first);

    const carol = await post(site, page, { name: "Carol", parentId: alice.id, body: "Je suis **d’accord**." });
    // (Bob's reply may be mailed too: its event may be planned after the confirmation.)
    const [reply] = await waitForMails(site, "reader.reply", email, "Carol");
    const payload = reply!.payload;
    expect(payload.subject).toBe(`New reply to your comment on “Article ${page}”`);
    expect(payload.text).toContain("Carol replied on");
    expect(payload.text).toContain("> Je suis **d’accord**.");
    expect(payload.html).toContain("<strong>d’accord</strong>");
    expect(payload.text).toContain(`${ORIGIN}/articles/${page}#comment-${carol.id}`);
    // A visible unsubscribe link, and the one-click headers (RFC 8058).
    expect(payload.html).toMatch(/<a href="http:\/\/localhost\/subscription\/[^"?]+">Unsubscribe<\/a>/);
    expect(payload.headers?.["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost\/subscription\/[^>]+\?action=unsubscribe>$/);
    expect(payload.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });

  it("a confirmed address needs no new confirmation for its next subscription on the site", async () => {
    const site = await newSite();
    const { email } = await confirmedReader(site, freshPage());
    const other = freshPage();
    const second = await post(site, other, { email, notify: true });
    expect(await plan(site, second.id, "comment.created")).toEqual([]);
    const answer = await post(site, other, { name: "Dan", parentId: second.id });
    const planned = await plan(site, answer.id, "comment.published");
    expect(planned.map((mail) => [mail.kind, mail.to])).toEqual([["reader.reply", email]]);
  });

  it("at most one confirmation mail a day to an address on a site, however often someone posts with it", async () => {
    const site = await newSite();
    const email = address("target");
    await post(site, freshPage(), { email, notify: true });
    await waitForMails(site, "reader.confirm", email);
    const again = await post(site, freshPage(), { email, notify: true });
    expect(await plan(site, again.id, "comment.created")).toEqual([]);
    // Another site is another list: its own confirmation.
    const elsewhere = await newSite();
    await post(elsewhere, freshPage(), { email, notify: true });
    await waitForMails(elsewhere, "reader.confirm", email);
    expect(await mails(site, "reader.confirm", email)).toHaveLength(1);
  });

  it("a held comment still brings the confirmation, and its author one mail when it is approved, once", async () => {
    const site = await newSite({ moderation: "all" });
    const page = freshPage();
    const email = address("held");
    const held = await post(site, page, { email, notify: true });
    expect(held.status).toBe("pending");
    const [confirm] = await waitForMails(site, "reader.confirm", email);
    expect((await form(`${linkIn(confirm!.payload)}?action=confirm`)).status).toBe(200);

    const approved = await admin(`/comments/${held.id}`, { method: "PATCH", json: { status: "approved", editedAt: null } });
    expect(approved.status).toBe(200);
    const [mail] = await waitForMails(site, "reader.approved", email);
    expect(mail!.payload.subject).toBe(`Your comment on “Article ${page}” is published`);
    expect(mail!.payload.text).toContain(`#comment-${held.id}`);
    expect(mail!.payload.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // Approved again later (after being held again): no second mail.
    expect(await plan(site, held.id, "comment.published", "owner")).toEqual([]);
  });

  it("a held comment whose author never confirmed brings no approval mail; nor one whose author asked nothing", async () => {
    const site = await newSite({ moderation: "all" });
    const page = freshPage();
    const unconfirmed = await post(site, page, { email: address("unconfirmed"), notify: true });
    const silent = await post(site, page, { email: address("silent") });
    for (const comment of [unconfirmed, silent]) {
      await env.DB.prepare("UPDATE comments SET status = 'approved' WHERE id = ?").bind(comment.id).run();
      expect(await plan(site, comment.id, "comment.published", "owner")).toEqual([]);
    }
  });
});

describe("who is mailed about a published comment", () => {
  it("never its own author, never about a pending or spam comment", async () => {
    const site = await newSite();
    const page = freshPage();
    const { email, comment } = await confirmedReader(site, page);
    const own = await post(site, page, { email, parentId: comment.id });
    expect(await plan(site, own.id, "comment.published")).toEqual([]);

    const reply = await post(site, page, { name: "Eve", parentId: comment.id });
    for (const status of ["pending", "spam"]) {
      await env.DB.prepare("UPDATE comments SET status = ? WHERE id = ?").bind(status, reply.id).run();
      expect(await plan(site, reply.id, "comment.published"), status).toEqual([]);
    }
    await env.DB.prepare("UPDATE comments SET status = 'approved' WHERE id = ?").bind(reply.id).run();
    expect((await plan(site, reply.id, "comment.published")).map((mail) => mail.to)).toEqual([email]);
  });

  it("the thread's followers get every new comment; an address following both ways is mailed once, as a reply", async () => {
    const site = await newSite({ locale: "fr" });
    const page = freshPage();
    const { email, comment } = await confirmedReader(site, page, "thread");
    await post(site, page, { email, notify: true, parentId: comment.id });
    const mine = (await plan(site, (await post(site, page, { name: "Gus" })).id, "comment.published"))[0];
    expect(mine?.to).toBe(email);
    expect((mine!.payload as MailPayload).subject).toBe(`Nouveau commentaire sur « Article ${page} »`);

    // Her reply's own subscription and the thread's: one mail.
    const [her] = await env.DB.prepare("SELECT id FROM comments WHERE parent_id = ? AND email_hash IS NOT NULL")
      .bind(comment.id)
      .all<{ id: string }>()
      .then((result) => result.results);
    const answer = await post(site, page, { name: "Hugo", parentId: her!.id });
    const planned = await plan(site, answer.id, "comment.published");
    expect(planned).toHaveLength(1);
    expect((planned[0]!.payload as MailPayload).subject).toBe(`Nouvelle réponse à votre commentaire sur « Article ${page} »`);
  });

  it("never an address a provider refused for good (suppressed)", async () => {
    const site = await newSite();
    const page = freshPage();
    const { email, comment } = await confirmedReader(site, page);
    await env.DB.prepare("INSERT INTO suppressions (site_key, email_hash, reason, created_at) VALUES (?, ?, 'hard bounce', ?)")
      .bind(site, await saltedHash(env.HASH_SALT, email), new Date().toISOString())
      .run();
    const reply = await post(site, page, { parentId: comment.id });
    expect(await plan(site, reply.id, "comment.published")).toEqual([]);
  });
});

describe("unsubscribing", () => {
  it("one click (RFC 8058) from the mail's header: at once, no page in between, and a GET never unsubscribes", async () => {
    const site = await newSite();
    const page = freshPage();
    const { email, comment } = await confirmedReader(site, page);
    await post(site, page, { parentId: comment.id });
    const [reply] = await waitForMails(site, "reader.reply", email);
    const url = reply!.payload.headers?.["List-Unsubscribe"]?.slice(1, -1) ?? "";
    const path = url.replace(WORKER, "");

    expect((await call(path, { origin: null })).status).toBe(200);
    const subscriber = await subscriberOf(site, email);
    expect(await subscriptionsOf(subscriber!.id)).toBe(1);

    const res = await form(path, "List-Unsubscribe=One-Click");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You are unsubscribed from this thread.");
    expect(await subscriptionsOf(subscriber!.id)).toBe(0);
    expect(await plan(site, (await post(site, page, { parentId: comment.id })).id, "comment.published")).toEqual([]);
    // A second click says the same.
    expect((await form(path, "List-Unsubscribe=One-Click")).status).toBe(200);
  });

  it('"this thread" keeps the others; "everything on this site" stops all, even new subscriptions and confirmations', async () => {
    const site = await newSite();
    const page = freshPage();
    const { email, comment, link } = await confirmedReader(site, page);
    const otherPage = freshPage();
    const elsewhere = await post(site, otherPage, { email, notify: true });
    const subscriber = await subscriberOf(site, email);
    expect(await subscriptionsOf(subscriber!.id)).toBe(2);

    const shown = await (await call(link, { origin: null })).text();
    expect(shown).toContain('action="?action=unsubscribe"');
    expect(shown).toContain('action="?action=unsubscribe-site"');
    expect((await form(`${link}?action=unsubscribe`)).status).toBe(200);
    expect(await subscriptionsOf(subscriber!.id)).toBe(1);
    expect(await plan(site, (await post(site, page, { parentId: comment.id })).id, "comment.published")).toEqual([]);
    expect(await plan(site, (await post(site, otherPage, { parentId: elsewhere.id })).id, "comment.published")).toHaveLength(1);

    const left = await form(link, "action=unsubscribe-site");
    expect(left.status).toBe(200);
    expect(await left.text()).toContain("unsubscribed from everything on this site");
    expect((await subscriberOf(site, email))?.unsubscribed_at).not.toBeNull();
    expect(await subscriptionsOf(subscriber!.id)).toBe(0);
    // Ticking "notify me" again subscribes nothing and asks no confirmation.
    const later = await post(site, freshPage(), { email, notify: true });
    expect(await subscriptionsOf(subscriber!.id)).toBe(0);
    expect(await plan(site, later.id, "comment.created")).toEqual([]);
    // The page says so, and a confirmation press changes nothing.
    expect((await form(`${link}?action=confirm`)).status).toBe(200);
    expect((await subscriberOf(site, email))?.unsubscribed_at).not.toBeNull();
  });

  it("an unknown action is a 400 page and changes nothing", async () => {
    const site = await newSite();
    const { link } = await confirmedReader(site, freshPage());
    const res = await form(`${link}?action=delete-everything`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
  });
});

describe("the /subscription page and its token", () => {
  it("is a strict page: CSP with form-action 'self' and its one style by hash, no-referrer, no-store, noindex", async () => {
    const site = await newSite();
    const { link } = await confirmedReader(site, freshPage());
    const res = await call(link, { origin: null });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-robots-tag")).toContain("noindex");
    const html = await res.text();
    expect(html).not.toMatch(/<script|style="/);
    const style = /<style>(.*?)<\/style>/s.exec(html)?.[1] ?? "";
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(style));
    expect(csp).toContain(`style-src 'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
    expect(html).toContain('<meta name="viewport"');
  });

  it("speaks the site's language", async () => {
    const site = await newSite({ locale: "fr-CA" });
    const email = address("fr");
    await post(site, freshPage(), { email, notify: true });
    const [confirm] = await waitForMails(site, "reader.confirm", email);
    expect(confirm!.payload.subject).toMatch(/^Confirmez les e-mails de réponse sur « Article /);
    const page = await (await call(linkIn(confirm!.payload), { origin: null })).text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain(">Confirmer</button>");
  });

  it("a forged token is 403, an expired one 410 (saying what to do), another purpose's 403, an erased subscriber 404", async () => {
    const site = await newSite();
    const { email, link } = await confirmedReader(site, freshPage());
    const token = link.split("/").pop() ?? "";
    const subscriber = await subscriberOf(site, email);

    const forged = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect((await call(`/subscription/${forged}`, { origin: null })).status).toBe(403);
    expect((await form(`/subscription/${forged}?action=unsubscribe-site`)).status).toBe(403);
    expect((await call("/subscription/not-a-token", { origin: null })).status).toBe(403);

    const moderate = await signLink(env.HASH_SALT, { purpose: "moderate", subject: subscriber!.id, expiresAt: Date.now() + 60_000 });
    expect((await form(`/subscription/${moderate}?action=unsubscribe-site`)).status).toBe(403);

    const expired = await signLink(env.HASH_SALT, { purpose: "subscription", subject: subscriber!.id, expiresAt: Date.now() - 1000 });
    const gone = await form(`/subscription/${expired}?action=unsubscribe-site`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("Post a comment with “notify me” ticked");
    expect((await subscriberOf(site, email))?.unsubscribed_at).toBeNull();

    const unknown = await signLink(env.HASH_SALT, { purpose: "subscription", subject: "nobody", expiresAt: Date.now() + 60_000 });
    expect((await call(`/subscription/${unknown}`, { origin: null })).status).toBe(404);
  });
});

describe("erasure by e-mail", () => {
  it("removes the subscriber, its subscriptions, its suppression and its lines in the delivery log, and says how many", async () => {
    const site = await newSite();
    const page = freshPage();
    const { email, comment, link } = await confirmedReader(site, page);
    await post(site, freshPage(), { email, notify: "thread" });
    await env.DB.prepare("INSERT INTO suppressions (site_key, email_hash, reason, created_at) VALUES (?, ?, 'complaint', ?)")
      .bind(site, await saltedHash(env.HASH_SALT, email), new Date().toISOString())
      .run();
    const subscriber = await subscriberOf(site, email);
    expect(await subscriptionsOf(subscriber!.id)).toBe(2);

    const res = await admin("/erase", { method: "POST", json: { site, email } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ erased: 2, subscriptions: 2, deliveries: 1 });
    expect(await subscriberOf(site, email)).toBeNull();
    expect(await subscriptionsOf(subscriber!.id)).toBe(0);
    const suppressed = await env.DB.prepare("SELECT 1 FROM suppressions WHERE site_key = ?").bind(site).first();
    expect(suppressed).toBeNull();
    expect(await mails(site, undefined, email)).toEqual([]);
    // Its old links now say that nothing more is sent.
    expect((await call(link, { origin: null })).status).toBe(404);
    expect(comment.id).toBeTruthy();
  });
});

describe("bounds", () => {
  it(`one address holds at most ${SUBSCRIPTIONS_PER_SUBSCRIBER_MAX} subscriptions on a site; past them the comment is posted, unsubscribed`, async () => {
    const site = await newSite();
    const page = freshPage();
    const email = address("many");
    const first = await post(site, page, { email, notify: true });
    const subscriber = await subscriberOf(site, email);
    const thread = await env.DB.prepare("SELECT thread_id FROM comments WHERE id = ?").bind(first.id).first<{ thread_id: number }>();
    const now = new Date().toISOString();
    const fill = Array.from({ length: SUBSCRIPTIONS_PER_SUBSCRIBER_MAX - 1 }, (_, i) =>
      env.DB.prepare("INSERT INTO subscriptions (id, subscriber_id, thread_id, comment_id, created_at) VALUES (?, ?, ?, ?, ?)").bind(
        `fill-${i}-${crypto.randomUUID()}`,
        subscriber!.id,
        thread!.thread_id,
        first.id,
        now,
      ),
    );
    await env.DB.batch(fill);
    expect(await subscriptionsOf(subscriber!.id)).toBe(SUBSCRIPTIONS_PER_SUBSCRIBER_MAX);
    const past = await post(site, page, { email, notify: true });
    expect(past.id).toBeTruthy();
    expect(await subscriptionsOf(subscriber!.id)).toBe(SUBSCRIPTIONS_PER_SUBSCRIBER_MAX);
  });

  it(`one event reads at most ${FAN_OUT_MAX} subscriptions, the parent's followers first`, async () => {
    const site = await newSite();
    const page = freshPage();
    const { email, comment } = await confirmedReader(site, page);
    // The reply's own event is planned before the crowd arrives (its mail to Alice is in the log), so the queue sends no thousand mails.
    const reply = await post(site, page, { parentId: comment.id });
    await waitForMails(site, "reader.reply", email);
    const thread = await env.DB.prepare("SELECT thread_id FROM comments WHERE id = ?").bind(comment.id).first<{ thread_id: number }>();
    const now = new Date().toISOString();
    const writes: D1PreparedStatement[] = [];
    for (let i = 0; i < FAN_OUT_MAX + 5; i++) {
      const id = `crowd-${i}-${crypto.randomUUID()}`;
      writes.push(
        env.DB.prepare(
          "INSERT INTO subscribers (id, site_key, email, email_hash, confirmed_at, created_at) VALUES (?1, ?2, ?3, ?3, ?4, ?4)",
        ).bind(id, site, `${id}@crowd.example`, now),
        env.DB.prepare(
          "INSERT INTO subscriptions (id, subscriber_id, thread_id, comment_id, created_at) VALUES (?1, ?1, ?2, NULL, ?3)",
        ).bind(id, thread!.thread_id, now),
      );
    }
    for (let start = 0; start < writes.length; start += 500) await env.DB.batch(writes.slice(start, start + 500));
    const planned = await plan(site, reply.id, "comment.published");
    expect(planned).toHaveLength(FAN_OUT_MAX);
    expect(planned.map((mail) => mail.to)).toContain(email);
  });
});

describe("the mail catalogue", () => {
  it("every language has every English key, with the same placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    expect(Object.keys(READER_CATALOGUES).sort()).toEqual(["en", "fr"]);
    for (const [lang, words] of Object.entries(READER_CATALOGUES)) {
      expect(Object.keys(words).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en))
        expect(placeholders(words[key as keyof typeof en]), `${lang} ${key}`).toEqual(placeholders(text));
    }
    expect(fr["reply.subject"]).toBe("Nouvelle réponse à votre commentaire sur « {title} »");
  });
});
