// Issue 11, "Delivery, with proof": the delivery log and its owner route, the test e-mail,
// mail that isn't configured, suppression, the reader throttle and its gathered mail, and
// the queue's retries and dead-letter path. The HTTP mail APIs and webhooks are in
// mail-transports.test.ts.
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { AdminDelivery, DeliveriesResponse, TestMailResponse } from "../../worker/api-types.ts";
import { findDelivery, insertDelivery, type DeliveryRow, type MailPayload, type NewDelivery } from "../../worker/db/deliveries.ts";
import { deleteSiteData } from "../../worker/db/site-delete.ts";
import worker from "../../worker/index.ts";
import { normaliseEmail, saltedHash } from "../../worker/lib/hash.ts";
import { NOTICE_CATALOGUES } from "../../worker/mail/notices.ts";
import { deliver } from "../../worker/notify/deliver.ts";
import { DEAD_LETTER_QUEUE } from "../../worker/notify/queue.ts";
import { READER_MAILS_PER_HOUR } from "../../worker/notify/throttle.ts";
import { runQueue } from "./queue-helpers.ts";
import { admin, createSite } from "./helpers.ts";

let counter = 0;
function unique(label: string): string {
  counter += 1;
  return `${label}-${counter}-${crypto.randomUUID().slice(0, 6)}`;
}

async function newSite(settings: object = {}): Promise<string> {
  const key = unique("mail");
  await createSite(key, { moderation: "none", ...settings });
  return key;
}

function hashOf(address: string): Promise<string> {
  return saltedHash(env.HASH_SALT, normaliseEmail(address));
}

function mail(to: string, text = "Hello", headers?: Record<string, string>): MailPayload {
  return {
    to,
    subject: `About ${text}`,
    text,
    html: `<!doctype html><html><body><p>${text}</p></body></html>`,
    ...(headers ? { headers } : {}),
  };
}

/** A delivery written to the log as fanout does, but not queued: the test drives its attempts. */
async function logged(
  site: string,
  fields: Partial<NewDelivery> & { to?: string } = {},
  createdAt = new Date().toISOString(),
): Promise<DeliveryRow> {
  const to = fields.to ?? `${unique("reader")}@mail.example`;
  const delivery: NewDelivery = {
    id: unique("d"),
    site,
    kind: "reader.reply",
    channel: "email",
    to,
    toHash: await hashOf(to),
    payload: mail(to),
    ...fields,
  };
  await insertDelivery(env.DB, delivery, createdAt).run();
  return row(delivery.id);
}

async function row(id: string): Promise<DeliveryRow> {
  const found = await findDelivery(env.DB, id);
  if (found === null) throw new Error(`no delivery ${id}`);
  return found;
}

/** Polls D1 until `done` holds for the row (the real queue consumer runs about a second after a send). */
async function waitForRow(id: string, done: (row: DeliveryRow) => boolean, timeoutMs = 8000): Promise<DeliveryRow> {
  const start = Date.now();
  for (;;) {
    const current = await row(id);
    if (done(current)) return current;
    if (Date.now() - start > timeoutMs) throw new Error(`delivery ${id} stayed ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The EMAIL binding, recording what it is given before it sends. */
function recordingBinding(): { binding: SendEmail; sent: unknown[] } {
  const sent: unknown[] = [];
  const binding = {
    send: (message: EmailMessageBuilder) => {
      sent.push(message);
      return env.EMAIL.send(message);
    },
  } as SendEmail;
  return { binding, sent };
}

describe("GET /api/v1/admin/deliveries", () => {
  it("is for the owner only, and an unknown site or cursor is a 4xx with the JSON error", async () => {
    const site = await newSite();
    expect((await admin(`/deliveries?site=${site}`, { token: null })).status).toBe(401);
    expect((await admin(`/deliveries?site=${site}`, { token: "wrong" })).status).toBe(401);
    const unknown = await admin("/deliveries?site=no-such-site");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "site_not_found" } });
    const cursor = await admin(`/deliveries?site=${site}&cursor=nonsense`);
    expect(cursor.status).toBe(400);
    expect(await cursor.json()).toMatchObject({ error: { code: "invalid_cursor", field: "cursor" } });
    expect((await admin(`/deliveries?site=${site}&limit=0`)).status).toBe(400);
    expect((await admin("/deliveries")).status).toBe(400);
  });

  it("pages the site's log newest first, and only that site's", async () => {
    const site = await newSite();
    const other = await newSite();
    await logged(other);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await logged(site, {}, new Date(Date.UTC(2026, 11, 1, 10, i)).toISOString())).id);
    const seen: AdminDelivery[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await admin(`/deliveries?site=${site}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as DeliveriesResponse;
      expect(page.deliveries.length).toBeLessThanOrEqual(2);
      seen.push(...page.deliveries);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((delivery) => delivery.id)).toEqual(ids.reverse());
    expect(seen[0]).toEqual({
      id: ids[0],
      kind: "reader.reply",
      channel: "email",
      to: expect.stringMatching(/@mail\.example$/),
      status: "queued",
      attempts: 0,
      lastError: null,
      createdAt: "2026-12-01T10:04:00.000Z",
      sentAt: null,
    });
  });

  it("never answers a payload or a webhook's secret, nor the secret part of its URL", async () => {
    const site = await newSite();
    await logged(site, {
      kind: "webhook",
      channel: "webhook",
      to: "https://hooks.slack.com/services/T0000/B0000/SECRETPATHxyz9",
      toHash: null,
      payload: {
        url: "https://hooks.slack.com/services/T0000/B0000/SECRETPATHxyz9",
        secret: "whsec_TOPSECRET",
        contentType: "application/json",
        body: '{"text":"PAYLOADTEXT"}',
      },
    });
    await logged(site, { payload: mail("x@mail.example", "MAILBODYTEXT") });
    const text = await (await admin(`/deliveries?site=${site}`)).text();
    expect(text).not.toMatch(/TOPSECRET|SECRETPATH|PAYLOADTEXT|MAILBODYTEXT|payload/);
    const { deliveries } = JSON.parse(text) as DeliveriesResponse;
    expect(deliveries.find((delivery) => delivery.channel === "webhook")?.to).toBe("https://hooks.slack.com/…xyz9");
  });
});

describe("POST /api/v1/admin/sites/:site/test-mail", () => {
  it("queues a test mail to every owner address; the consumer sends it through the EMAIL binding and the log says sent", async () => {
    const site = await newSite({ ownerEmails: ["owner@blog.example", "second@blog.example"], locale: "fr" });
    const res = await admin(`/sites/${site}/test-mail`, { method: "POST" });
    expect(res.status).toBe(202);
    const body = (await res.json()) as TestMailResponse;
    expect(body.delivery).toMatchObject({ kind: "test", channel: "email", to: "owner@blog.example", status: "queued", attempts: 0 });
    expect(body.deliveries.map((delivery) => delivery.to)).toEqual(["owner@blog.example", "second@blog.example"]);
    const sent = await waitForRow(body.delivery.id, (current) => current.status !== "queued");
    expect(sent).toMatchObject({ status: "sent", channel: "email", attempts: 1, last_error: null });
    expect(sent.sent_at).not.toBeNull();
    // In the site's language.
    expect((JSON.parse(sent.payload) as MailPayload).subject).toContain("E-mail de test");
    const log = (await (await admin(`/deliveries?site=${site}`)).json()) as DeliveriesResponse;
    expect(log.deliveries.find((delivery) => delivery.id === body.delivery.id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("the EMAIL binding gets the builder form: from MAIL_FROM, to, subject, text, html and the List-Unsubscribe headers", async () => {
    const site = await newSite();
    const headers = {
      "List-Unsubscribe": "<https://comments.example/subscription/t?action=unsubscribe>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    };
    const delivery = await logged(site, { payload: mail("reader@mail.example", "Hi", headers), to: "reader@mail.example" });
    const { binding, sent } = recordingBinding();
    expect(await deliver({ ...env, EMAIL: binding }, delivery, 1)).toBe("done");
    expect(sent).toEqual([
      {
        from: "comments@blog.example",
        to: "reader@mail.example",
        subject: "About Hi",
        text: "Hi",
        html: expect.stringContaining("<p>Hi</p>"),
        headers,
      },
    ]);
    expect(await row(delivery.id)).toMatchObject({ status: "sent", channel: "email", attempts: 1 });
  });

  it("with no owner e-mail: 409 owner_email_missing; unknown site 404; no token 401", async () => {
    const site = await newSite();
    const res = await admin(`/sites/${site}/test-mail`, { method: "POST" });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "owner_email_missing", field: "ownerEmails" } });
    expect((await admin("/sites/no-such-site/test-mail", { method: "POST" })).status).toBe(404);
    expect((await admin(`/sites/${site}/test-mail`, { method: "POST", token: null })).status).toBe(401);
  });

  it("is queued even when mail isn't configured (202), and the log then says what to set", async () => {
    const site = await newSite({ ownerEmails: ["owner@blog.example"] });
    const unconfigured = { ...env, MAIL_FROM: "" };
    const request = new Request(`http://localhost/api/v1/admin/sites/${site}/test-mail`, {
      method: "POST",
      headers: { authorization: "Bearer test-admin-token" },
    });
    expect((await worker.fetch(request, unconfigured, createExecutionContext())).status).toBe(202);

    const delivery = await logged(site, { kind: "test", to: "owner@blog.example", payload: mail("owner@blog.example") });
    const result = await runQueue("bascule-events", [{ id: "m1", attempts: 1, body: { kind: "delivery", id: delivery.id } }], unconfigured);
    expect(result.explicitAcks).toEqual(["m1"]);
    const failed = await row(delivery.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.last_error).toMatch(/not configured.*MAIL_FROM/);

    for (const [extra, named] of [
      [{ MAIL_PROVIDER: "sendgrid" }, "MAIL_PROVIDER"],
      [{ MAIL_PROVIDER: "resend", MAIL_API_KEY: "" }, "MAIL_API_KEY"],
    ] as const) {
      const another = await logged(site, { kind: "test", to: "owner@blog.example", payload: mail("owner@blog.example") });
      expect(await deliver({ ...env, ...extra }, another, 1)).toBe("done");
      expect((await row(another.id)).last_error).toContain(named);
    }
  });
});

describe("GET /api/v1/health, mail", () => {
  async function health(extra: Partial<Env>) {
    const res = await worker.fetch(new Request("http://localhost/api/v1/health"), { ...env, ...extra }, createExecutionContext());
    expect(res.status).toBe(200);
    return ((await res.json()) as { ok: boolean; mail: unknown }).mail;
  }

  it("says whether mail is configured and which transport is in use, by name only", async () => {
    expect(await health({})).toEqual({ configured: true, transport: "email" });
    expect(await health({ MAIL_PROVIDER: "Postmark", MAIL_API_KEY: "pm-secret-value" })).toEqual({
      configured: true,
      transport: "postmark",
    });
    const missingKey = await health({ MAIL_PROVIDER: "mailgun", MAIL_API_KEY: "" });
    expect(missingKey).toMatchObject({ configured: false, transport: null, problem: expect.stringContaining("MAIL_API_KEY") });
    const noFrom = await health({ MAIL_FROM: "" });
    expect(noFrom).toMatchObject({ configured: false, transport: null, problem: expect.stringContaining("MAIL_FROM") });
    const badFrom = JSON.stringify(await health({ MAIL_FROM: "Not An Address <oops>" }));
    expect(badFrom).toContain("MAIL_FROM");
    expect(badFrom).not.toContain("oops");
    expect(JSON.stringify(await health({ MAIL_PROVIDER: "sendgrid", MAIL_API_KEY: "sg-secret-value" }))).not.toContain("secret-value");
  });
});

describe("suppression", () => {
  it("a suppressed address is not mailed: the delivery is marked suppressed and says why", async () => {
    const site = await newSite();
    const to = "bounced@mail.example";
    await env.DB.prepare("INSERT INTO suppressions (site_key, email_hash, reason, created_at) VALUES (?, ?, ?, ?)")
      .bind(site, await hashOf(to), "Postmark 422 ErrorCode 406: inactive recipient", new Date().toISOString())
      .run();
    const delivery = await logged(site, { to, payload: mail(to) });
    const { binding, sent } = recordingBinding();
    expect(await deliver({ ...env, EMAIL: binding }, delivery, 1)).toBe("done");
    expect(sent).toEqual([]);
    const after = await row(delivery.id);
    expect(after.status).toBe("suppressed");
    expect(after.last_error).toMatch(/suppressed on this site.*inactive recipient/);
    // Only on that site: the same address elsewhere is mailed.
    const elsewhere = await logged(await newSite(), { to, payload: mail(to) });
    expect(await deliver({ ...env, EMAIL: binding }, elsewhere, 1)).toBe("done");
    expect(sent).toHaveLength(1);
  });

  it("the binding's E_RECIPIENT_SUPPRESSED fails the delivery and suppresses the address; E_SENDER_NOT_VERIFIED fails it alone", async () => {
    const site = await newSite();
    const refusing = (code: string) =>
      ({
        send: async () => {
          throw Object.assign(new Error(`refused: ${code}`), { code });
        },
      }) as unknown as SendEmail;
    const first = await logged(site);
    expect(await deliver({ ...env, EMAIL: refusing("E_SENDER_NOT_VERIFIED") }, first, 1)).toBe("done");
    expect(await row(first.id)).toMatchObject({ status: "failed", last_error: expect.stringContaining("E_SENDER_NOT_VERIFIED") });
    expect(await deliver(env, await logged(site, { to: first.to_address, payload: mail(first.to_address) }), 1)).toBe("done");

    const second = await logged(site);
    expect(await deliver({ ...env, EMAIL: refusing("E_RECIPIENT_SUPPRESSED") }, second, 1)).toBe("done");
    expect(await row(second.id)).toMatchObject({ status: "failed", last_error: expect.stringContaining("now suppressed") });
    const next = await logged(site, { to: second.to_address, payload: mail(second.to_address) });
    expect(await deliver(env, next, 1)).toBe("done");
    expect((await row(next.id)).status).toBe("suppressed");

    // A temporary refusal is retried.
    const third = await logged(site);
    expect(await deliver({ ...env, EMAIL: refusing("E_RATE_LIMIT_EXCEEDED") }, third, 1)).toBe("retry");
    expect(await row(third.id)).toMatchObject({
      status: "queued",
      attempts: 1,
      last_error: expect.stringContaining("E_RATE_LIMIT_EXCEEDED"),
    });
  });
});

describe("the reader throttle", () => {
  /** `count` reader mails already sent to `to` in the last hour. */
  async function alreadySent(site: string, to: string, count: number): Promise<void> {
    const now = new Date().toISOString();
    for (let i = 0; i < count; i++) {
      const delivery = await logged(site, { to, payload: mail(to, `earlier ${i}`) });
      await env.DB.prepare("UPDATE deliveries SET status = 'sent', sent_at = ?, attempts = 1 WHERE id = ?").bind(now, delivery.id).run();
    }
  }

  it("the 11th reader mail in an hour waits; a confirmation or an owner mail doesn't; the cron sends one gathered mail", async () => {
    const site = await newSite();
    const to = `busy-${crypto.randomUUID().slice(0, 6)}@mail.example`;
    await alreadySent(site, to, READER_MAILS_PER_HOUR);
    const { binding, sent } = recordingBinding();
    const withBinding = { ...env, EMAIL: binding };

    const unsubscribe = (n: number) => ({
      "List-Unsubscribe": `<https://comments.example/subscription/${n}?action=unsubscribe>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    const eleventh = await logged(site, { to, payload: mail(to, "ELEVENTH reply", unsubscribe(11)) });
    expect(await deliver(withBinding, eleventh, 1)).toBe("done");
    const twelfth = await logged(site, { to, kind: "reader.approved", payload: mail(to, "TWELFTH approved", unsubscribe(12)) });
    expect(await deliver(withBinding, twelfth, 1)).toBe("done");
    expect(sent).toEqual([]);
    const held = await row(eleventh.id);
    expect(held).toMatchObject({ status: "queued", attempts: 0 });
    expect(held.last_error).toMatch(/^gathered: /);
    expect(held.gathered_at).not.toBeNull();
    // A message for it that comes again changes nothing.
    expect(await deliver(withBinding, held, 2)).toBe("done");
    expect(sent).toEqual([]);

    for (const kind of ["reader.confirm", "owner.comment", "test"]) {
      const other = await logged(site, { to, kind, payload: mail(to, kind) });
      expect(await deliver(withBinding, other, 1)).toBe("done");
      expect((await row(other.id)).status).toBe("sent");
    }
    expect(sent).toHaveLength(3);

    await worker.scheduled(createScheduledController({ cron: "17 * * * *", scheduledTime: Date.now() }), env);
    const carried = await row(eleventh.id);
    expect(carried.gathered_into).not.toBeNull();
    const gatheredId = carried.gathered_into ?? "";
    const gathered = await row(gatheredId);
    expect(gathered).toMatchObject({ kind: "reader.gathered", to_address: to, site_key: site });
    const payload = JSON.parse(gathered.payload) as MailPayload;
    expect(payload.subject).toContain("2 notifications");
    expect(payload.text).toContain("ELEVENTH reply");
    expect(payload.text).toContain("TWELFTH approved");
    expect(payload.html).toContain("<p>ELEVENTH reply</p>");
    expect(payload.html.match(/<body/g)).toHaveLength(1);
    expect(payload.headers).toEqual(unsubscribe(12)); // the most recent one's

    // The real consumer sends it (the gathered mail is never held back), and what it carried becomes sent.
    expect(await waitForRow(gatheredId, (current) => current.status !== "queued")).toMatchObject({ status: "sent", attempts: 1 });
    for (const id of [eleventh.id, twelfth.id]) {
      const after = await waitForRow(id, (current) => current.status !== "queued");
      expect(after).toMatchObject({ status: "sent", last_error: `sent in gathered delivery ${gatheredId}` });
    }
    // A second run finds nothing left to gather.
    await worker.scheduled(createScheduledController({ cron: "17 * * * *", scheduledTime: Date.now() }), env);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM deliveries WHERE kind = 'reader.gathered' AND to_hash = ?")
      .bind(await hashOf(to))
      .first<{ n: number }>()) ?? { n: -1 };
    expect(n).toBe(1);
  });

  it("under the limit nothing waits: the 10th reader mail in an hour is sent", async () => {
    const site = await newSite();
    const to = `calm-${crypto.randomUUID().slice(0, 6)}@mail.example`;
    await alreadySent(site, to, READER_MAILS_PER_HOUR - 1);
    const tenth = await logged(site, { to, payload: mail(to) });
    expect(await deliver(env, tenth, 1)).toBe("done");
    expect((await row(tenth.id)).status).toBe("sent");
  });
});

describe("the queue: retries with backoff, and the dead-letter queue", () => {
  it("a temporary failure is retried later, with a longer delay each attempt, and the error is in the log", async () => {
    const site = await newSite();
    const delivery = await logged(site);
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.hostname !== "api.resend.com") throw new Error(`unexpected fetch to ${url.hostname}`);
      return Response.json({ statusCode: 503, name: "internal_server_error", message: "Resend is down" }, { status: 503 });
    });
    try {
      const resend = { ...env, MAIL_PROVIDER: "resend", MAIL_API_KEY: "re_test" };
      const first = await runQueue("bascule-events", [{ id: "r1", attempts: 1, body: { kind: "delivery", id: delivery.id } }], resend);
      const second = await runQueue("bascule-events", [{ id: "r2", attempts: 2, body: { kind: "delivery", id: delivery.id } }], resend);
      expect(first.retryMessages.map((message) => message.msgId)).toEqual(["r1"]);
      expect(second.retryMessages.map((message) => message.msgId)).toEqual(["r2"]);
      expect({ ...first.delays, ...second.delays }).toEqual({ r1: 10, r2: 40 });
      expect(await row(delivery.id)).toMatchObject({
        status: "queued",
        channel: "resend",
        attempts: 2,
        last_error: "Resend 503 internal_server_error: Resend is down",
      });
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it("the dead-letter queue marks it failed, keeping the last error and saying it gave up", async () => {
    const site = await newSite();
    const delivery = await logged(site);
    await env.DB.prepare("UPDATE deliveries SET attempts = 5, last_error = 'Resend 503: down' WHERE id = ?").bind(delivery.id).run();
    const result = await runQueue(DEAD_LETTER_QUEUE, [{ id: "x1", attempts: 1, body: { kind: "delivery", id: delivery.id } }]);
    expect(result.explicitAcks).toEqual(["x1"]);
    expect(await row(delivery.id)).toMatchObject({
      status: "failed",
      attempts: 5,
      last_error: "Resend 503: down; gave up after 5 attempts",
    });
    // A sent one stays sent.
    const sent = await logged(site);
    expect(await deliver(env, sent, 1)).toBe("done");
    await runQueue(DEAD_LETTER_QUEUE, [{ id: "x2", attempts: 1, body: { kind: "delivery", id: sent.id } }]);
    expect((await row(sent.id)).status).toBe("sent");
  });
});

describe("deleting a site", () => {
  it("deletes its deliveries, subscribers and suppressions too", async () => {
    const site = await newSite();
    await logged(site);
    await logged(site, { kind: "test" });
    const now = new Date().toISOString();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO suppressions (site_key, email_hash, reason, created_at) VALUES (?, 'h', 'bounce', ?)").bind(site, now),
      env.DB.prepare("INSERT INTO subscribers (id, site_key, email, email_hash, created_at) VALUES (?, ?, 'a@mail.example', 'h', ?)").bind(
        unique("s"),
        site,
        now,
      ),
    ]);
    const run = await deleteSiteData(env.DB, site);
    expect(run).toMatchObject({ done: true, deleted: { deliveries: 2, subscribers: 1, suppressions: 1 } });
    for (const table of ["deliveries", "subscribers", "suppressions"]) {
      const left = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE site_key = ?`).bind(site).first<{ n: number }>();
      expect(left?.n).toBe(0);
    }
  });
});

describe("the notices' catalogues", () => {
  it("every locale has every key of the English one", () => {
    const keys = Object.keys(NOTICE_CATALOGUES.en ?? {}).sort();
    expect(keys.length).toBeGreaterThan(0);
    for (const [locale, catalogue] of Object.entries(NOTICE_CATALOGUES)) {
      expect({ locale, keys: Object.keys(catalogue).sort() }).toEqual({ locale, keys });
      for (const text of Object.values(catalogue)) expect(text.trim()).not.toBe("");
    }
  });
});
