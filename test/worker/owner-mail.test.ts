// The owner's mail about new comments (issue 11, API.md "Mail to the owner"): who is mailed in
// each notifyOwner mode, what the mail says, its moderation link, its language, and the daily
// digest that the cron sends.
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { MailPayload, NewDelivery } from "../../worker/db/deliveries.ts";
import { findCommentInSite } from "../../worker/db/comments.ts";
import { findSite, listSites, toSite } from "../../worker/db/sites.ts";
import { knownOrigin, rememberOrigin } from "../../worker/db/worker-origin.ts";
import worker from "../../worker/index.ts";
import { normaliseEmail, saltedHash } from "../../worker/lib/hash.ts";
import { en, fr, heldBecause, ownerStrings } from "../../worker/mail/i18n/owner.ts";
import { oneLine } from "../../worker/mail/owner-mail.ts";
import type { CommentEvent } from "../../worker/notify/events.ts";
import { deliveryId } from "../../worker/notify/fanout.ts";
import { ownerDeliveries, sendDigests } from "../../worker/notify/owner.ts";
import { DIGEST_CRON } from "../../worker/scheduled.ts";
import { admin, call, freshPage } from "./helpers.ts";
import { post, site } from "./moderation-helpers.ts";

const OWNERS = ["owner@blog.example", "editor@blog.example"];
const AUTHOR = { name: "Ada", email: "ada@reader.example", website: "https://ada.example" };

function event(facts: { site: string; commentId: string; reason?: string }, over: Partial<CommentEvent> = {}): CommentEvent {
  return {
    id: crypto.randomUUID(),
    type: "comment.created",
    by: "reader",
    origin: "http://localhost",
    at: new Date().toISOString(),
    ...facts,
    ...over,
  };
}

/** The owner planner, run on an event for this comment as the queue consumer would. */
async function plan(siteKey: string, commentId: string, over: Partial<CommentEvent> = {}): Promise<NewDelivery[]> {
  const siteRow = await findSite(env.DB, siteKey);
  if (siteRow === null) throw new Error("no site");
  const comment = await findCommentInSite(env.DB, commentId);
  return ownerDeliveries(env, { event: event({ site: siteKey, commentId }, over), site: siteRow, comment });
}

async function postOn(settings: object, extra: object = {}) {
  const key = await site({ ownerEmails: OWNERS, ...settings });
  const page = freshPage();
  const res = await post(key, page, {
    body: "Un **avis** réfléchi",
    title: "Mon article",
    url: "http://localhost:8787/article",
    author: AUTHOR,
    ...extra,
  });
  return { key, page, id: res.comment.id, status: res.status };
}

/** Polls the delivery log until `count` rows of `kind` are there (the real consumer runs about a second after a send). */
async function logged(siteKey: string, kind: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const { results } = await env.DB.prepare("SELECT * FROM deliveries WHERE site_key = ? AND kind = ? ORDER BY to_address")
      .bind(siteKey, kind)
      .all<{ id: string; to_address: string; to_hash: string; channel: string; payload: string }>();
    if (results.length >= count) return results;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${count} ${kind} deliveries for ${siteKey}`);
}

const mailOf = (delivery: NewDelivery) => delivery.payload as MailPayload;

/** The path of the moderation link in a mail's text. */
function moderationPath(text: string): string {
  const match = /http:\/\/localhost(\/moderate\/[A-Za-z0-9_.-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no moderation link in ${text}`);
  return match[1];
}

describe("which comments are mailed", () => {
  it("all: a published comment and a held one, to every owner address", async () => {
    const published = await postOn({ moderation: "none", notifyOwner: "all" });
    const held = await postOn({ moderation: "all", notifyOwner: "all" });
    for (const { key, id } of [published, held]) {
      const deliveries = await plan(key, id);
      expect(deliveries.map((d) => [d.kind, d.channel, d.to])).toEqual(OWNERS.map((to) => ["owner.comment", "email", to]));
    }
  });

  it("is the default", async () => {
    const { key, id } = await postOn({ moderation: "none" });
    expect(await plan(key, id)).toHaveLength(2);
  });

  it("held: only comments waiting for approval", async () => {
    const published = await postOn({ moderation: "none", notifyOwner: "held" });
    const held = await postOn({ moderation: "all", notifyOwner: "held" });
    expect(await plan(published.key, published.id)).toEqual([]);
    expect(await plan(held.key, held.id)).toHaveLength(2);
  });

  it("digest and none: nothing one by one", async () => {
    for (const notifyOwner of ["digest", "none"]) {
      const { key, id } = await postOn({ moderation: "all", notifyOwner });
      expect(await plan(key, id), notifyOwner).toEqual([]);
    }
  });

  it("never spam, never a deleted comment, never the owner's own", async () => {
    const spam = await postOn({ moderation: "none", blockWords: ["casino"] }, { body: "casino gratuit" });
    expect(await plan(spam.key, spam.id)).toEqual([]);
    const gone = await postOn({ moderation: "none" });
    expect((await admin(`/comments/${gone.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await plan(gone.key, gone.id)).toEqual([]);
    const parent = await postOn({ moderation: "none" });
    const reply = await admin(`/comments/${parent.id}/reply`, { method: "POST", json: { body: "Merci" } });
    const replyId = ((await reply.json()) as { comment: { id: string } }).comment.id;
    expect(await plan(parent.key, replyId, { by: "owner" })).toEqual([]);
    // The same comment, said to be a reader's, would be mailed: the rule above is what stops it.
    expect(await plan(parent.key, replyId)).toHaveLength(2);
  });

  it("only comment.created: publishing or deleting mails nothing", async () => {
    const { key, id } = await postOn({ moderation: "none" });
    expect(await plan(key, id, { type: "comment.published" })).toEqual([]);
    expect(await plan(key, id, { type: "comment.deleted" })).toEqual([]);
  });

  it("tells a comment as it is now: in held mode, one approved since is not mailed", async () => {
    const { key, id } = await postOn({ moderation: "all", notifyOwner: "held" });
    await admin(`/comments/${id}`, { method: "PATCH", json: { status: "approved", editedAt: null } });
    expect(await plan(key, id)).toEqual([]);
  });

  it("names each delivery by event, kind and address, with the address's salted hash", async () => {
    const { key, id } = await postOn({ moderation: "none" });
    const ev = event({ site: key, commentId: id });
    const siteRow = await findSite(env.DB, key);
    const comment = await findCommentInSite(env.DB, id);
    if (siteRow === null) throw new Error("no site");
    const [first] = await ownerDeliveries(env, { event: ev, site: siteRow, comment });
    expect(first?.id).toBe(await deliveryId(ev.id, "owner.comment", OWNERS[0] ?? ""));
    expect(first?.toHash).toBe(await saltedHash(env.HASH_SALT, normaliseEmail(OWNERS[0] ?? "")));
  });

  it("reaches the log after a real POST, through the queue", async () => {
    const { key } = await postOn({ moderation: "all" });
    const rows = await logged(key, "owner.comment", 2);
    expect(rows.map((r) => r.to_address)).toEqual([...OWNERS].sort());
    const mail = JSON.parse(rows[0]?.payload ?? "{}") as MailPayload;
    expect(mail.subject).toBe("Comment waiting for you on “Mon article”");
    expect(mail.text).toContain("every comment on this site waits for approval");
  });
});

describe("the mail", () => {
  it("gives the comment, its author, e-mail and website, the thread and the verdict", async () => {
    const { key, id } = await postOn({ moderation: "none" });
    const [delivery] = await plan(key, id);
    if (delivery === undefined) throw new Error("no mail");
    const mail = mailOf(delivery);
    expect(mail.to).toBe(OWNERS[0]);
    expect(mail.subject).toBe("New comment on “Mon article”");
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("Ada commented on “Mon article”. The comment is published.");
      expect(part).toContain("ada@reader.example");
      expect(part).toContain("https://ada.example");
      expect(part).toContain("http://localhost:8787/article");
      expect(part).toMatch(/http:\/\/localhost\/moderate\//);
    }
    expect(mail.text).toContain("> Un **avis** réfléchi");
    expect(mail.html).toContain("<p>Un <strong>avis</strong> réfléchi</p>");
  });

  it("says why a comment is held, in plain words", async () => {
    const { key, id } = await postOn({ moderation: "none", holdWords: ["crypto"] }, { body: "Parlons crypto" });
    const [delivery] = await plan(key, id, { reason: 'hold word "crypto"' });
    if (delivery === undefined) throw new Error("no mail");
    expect(mailOf(delivery).subject).toBe("Comment waiting for you on “Mon article”");
    expect(mailOf(delivery).text).toContain(
      "Ada commented on “Mon article”. The comment is waiting for your approval. Held because it contains “crypto”, one of your hold words.",
    );
    const t = ownerStrings("en");
    expect(heldBecause(t, "first comment")).toBe("this is the author's first comment here");
    expect(heldBecause(t, "3 links")).toBe("it holds 3 links, more than the site allows");
    expect(heldBecause(t, "Akismet could not be reached")).toBe("Akismet could not be reached to check it");
  });

  it("carries a moderation link that the page accepts, for this comment", async () => {
    const { key, id } = await postOn({ moderation: "all" });
    const [delivery] = await plan(key, id);
    if (delivery === undefined) throw new Error("no mail");
    const path = moderationPath(mailOf(delivery).text);
    expect(mailOf(delivery).html).toContain(`href="http://localhost${path}"`);
    const page = await call(path, { origin: null });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<p>Un <strong>avis</strong> réfléchi</p>");
    // The link names this comment only: its token is refused under another id.
    const token = path.slice("/moderate/".length);
    expect((await call(`/moderate/x${token}`, { origin: null })).status).toBe(403);
  });

  it("escapes what readers wrote and keeps the subject on one line", async () => {
    const { key, id } = await postOn(
      { moderation: "none" },
      { title: "Titre\r\nBcc: victim@example.com", author: { name: "<b>Eve</b>", email: "eve@reader.example" } },
    );
    const [delivery] = await plan(key, id);
    if (delivery === undefined) throw new Error("no mail");
    const mail = mailOf(delivery);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain("<b>Eve</b>");
    expect(mail.html).toContain("&lt;b&gt;Eve&lt;/b&gt;");
    expect(oneLine("a\nb\u2028c")).toBe("a b c");
    expect(oneLine("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("is in French for a French site", async () => {
    const { key, id } = await postOn({ moderation: "all", locale: "fr-CA" });
    const [delivery] = await plan(key, id, { reason: "first comment" });
    if (delivery === undefined) throw new Error("no mail");
    const mail = mailOf(delivery);
    expect(mail.subject).toBe("Un commentaire vous attend sur «\u202fMon article\u202f»");
    expect(mail.text).toContain("Ada a commenté «\u202fMon article\u202f». Le commentaire attend votre approbation.");
    expect(mail.text).toContain("c’est le premier commentaire de cette personne sur le site");
    expect(mail.text).toContain("Approuver, marquer comme indésirable, supprimer ou répondre");
    const published = await postOn({ moderation: "none", locale: "fr" });
    const [other] = await plan(published.key, published.id);
    expect(other && mailOf(other).subject).toBe("Nouveau commentaire sur «\u202fMon article\u202f»");
  });

  it("falls back to English for a language without a catalogue", async () => {
    const { key, id } = await postOn({ moderation: "none", locale: "de" });
    const [delivery] = await plan(key, id);
    expect(delivery && mailOf(delivery).subject).toBe("New comment on “Mon article”");
  });
});

describe("the catalogues", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  it("fr has every English key, of the same kind and with the same placeholders, and no other", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en)) {
      const french = (fr as Record<string, string | Record<string, string>>)[key];
      expect(typeof french, key).toBe(typeof english);
      if (typeof english === "string") expect(placeholders(french as string), key).toEqual(placeholders(english));
      else {
        const forms = french as Record<string, string>;
        for (const category of new Intl.PluralRules("fr").resolvedOptions().pluralCategories) {
          if (category === "many") continue; // French "many" is for millions; `other` covers it.
          expect(forms[category] ?? forms.other, `${key}.${category}`).toBeTruthy();
        }
        for (const form of Object.values(forms)) expect(placeholders(form), key).toEqual(["n"]);
      }
    }
  });
});

describe("the daily digest", () => {
  async function runDigest(scheduledTime: number) {
    // The origin is remembered from the events the consumer handled; the tests don't wait for it.
    await rememberOrigin(env.DB, "http://localhost", new Date().toISOString()).run();
    await worker.scheduled(createScheduledController({ cron: DIGEST_CRON, scheduledTime }), env);
  }

  it("lists the day's held comments with their links, counts the published and the spam, and never shows spam", async () => {
    const key = await site({ moderation: "first", ownerEmails: OWNERS, notifyOwner: "digest", blockWords: ["casino"], locale: "en" });
    const page = freshPage();
    const waiting = await post(key, page, { body: "Première question", title: "Mon article", author: { name: "Ada" } });
    await post(key, page, { body: "casino casino", author: { name: "Spammeur" } });
    const published = await post(key, page, { body: "Deuxième" });
    await admin(`/comments/${published.comment.id}`, { method: "PATCH", json: { status: "approved", editedAt: null } });
    // The owner's own reply is not counted.
    await admin(`/comments/${published.comment.id}/reply`, { method: "POST", json: { body: "Merci" } });
    // An old held comment, outside the window.
    const old = await post(key, page, { body: "Ancienne" });
    await env.DB.prepare("UPDATE comments SET created_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 2 * 86_400_000).toISOString(), old.comment.id)
      .run();
    // No per-comment mail in digest mode.
    await runDigest(Date.now() + 1000);
    const rows = await logged(key, "owner.digest", 2);
    expect(rows.map((r) => r.to_address)).toEqual([...OWNERS].sort());
    expect(rows[0]?.channel).toBe("email");
    const mail = JSON.parse(rows[0]?.payload ?? "{}") as MailPayload;
    expect(mail.subject).toBe(`Today's comments on ${key}`);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("1 comment is waiting for your approval:");
      expect(part).toContain("Ada on “Mon article”");
      expect(part).toContain("Première question");
      expect(part).toContain("1 comment was published.");
      expect(part).toContain("1 comment was counted as spam");
      expect(part).not.toContain("casino");
      expect(part).not.toContain("Spammeur");
      expect(part).not.toContain("Ancienne");
    }
    const path = moderationPath(mail.text);
    expect(path).toContain(`/moderate/${waiting.comment.id}.`);
    expect((await call(path, { origin: null })).status).toBe(200);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM deliveries WHERE site_key = ? AND kind = 'owner.comment'").bind(key).first("n"),
    ).toBe(0);

    // Run again the same day: nothing queued twice.
    const again = await sendDigests(env, (await listSites(env.DB)).results.map(toSite), Date.now() + 2000);
    expect(again.mails).toBe(0);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM deliveries WHERE site_key = ? AND kind = 'owner.digest'").bind(key).first("n"),
    ).toBe(2);
  });

  it("is sent only to digest sites, and only when the day had comments", async () => {
    const quiet = await site({ ownerEmails: OWNERS, notifyOwner: "digest" });
    const everyMail = await site({ ownerEmails: OWNERS, notifyOwner: "all" });
    await post(everyMail, freshPage(), { body: "Bonjour" });
    const french = await site({ ownerEmails: ["owner@blog.example"], notifyOwner: "digest", locale: "fr" });
    await post(french, freshPage(), { body: "Salut" });
    await runDigest(Date.now() + 1000);
    const [mail] = await logged(french, "owner.digest", 1);
    expect((JSON.parse(mail?.payload ?? "{}") as MailPayload).subject).toBe(`Les commentaires du jour sur ${french}`);
    const count = (key: string) =>
      env.DB.prepare("SELECT count(*) AS n FROM deliveries WHERE site_key = ? AND kind = 'owner.digest'").bind(key).first("n");
    expect([await count(quiet), await count(everyMail)]).toEqual([0, 0]);
  });

  it("links to the worker's origin, remembered from the last event (a cron has no request)", async () => {
    const { key, id } = await postOn({ moderation: "none" });
    await plan(key, id, { origin: "https://comments.example" });
    expect(await knownOrigin(env.DB)).toBe("https://comments.example");
    await plan(key, id, { origin: "http://localhost" });
    expect(await knownOrigin(env.DB)).toBe("http://localhost");
  });

  it("leaves the hourly jobs to the hourly cron", async () => {
    const key = await site({ ownerEmails: OWNERS, notifyOwner: "digest" });
    await post(key, freshPage(), { body: "Bonjour" });
    await worker.scheduled(createScheduledController({ cron: "17 * * * *", scheduledTime: Date.now() + 1000 }), env);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM deliveries WHERE site_key = ? AND kind = 'owner.digest'").bind(key).first("n"),
    ).toBe(0);
  });
});
