/// <reference types="vite/client" />
// Issue 11, "Webhooks and feeds": the `webhooks` setting (and the addresses it refuses), the
// planner for each event and format, payloads with no e-mail or IP hash, the signature as
// docs/webhooks.md verifies it, and a delivery through the real queue, each attempt in the log.
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import docs from "../../docs/webhooks.md?raw";
import verifySource from "../../docs/webhook-verify.js?raw";
import { verifyBasculeSignature } from "../../docs/webhook-verify.js";
import { findCommentInSite } from "../../worker/db/comments.ts";
import { findDelivery, insertDelivery, type NewDelivery, type WebhookPayload } from "../../worker/db/deliveries.ts";
import { findSite } from "../../worker/db/sites.ts";
import { parseStoredSettings, settingsForLog, webhookUrlProblem } from "../../worker/lib/settings.ts";
import { webhookSignature } from "../../worker/lib/webhook-signature.ts";
import { deletedSnapshot, type CommentEvent, type CommentEventType } from "../../worker/notify/events.ts";
import { deliveryId } from "../../worker/notify/fanout.ts";
import { asciiHeader, CHAT_STRINGS, excerpt } from "../../worker/notify/webhook-formats.ts";
import { webhookDeliveries } from "../../worker/notify/webhooks.ts";
import { backoffSeconds, DEAD_LETTER_QUEUE } from "../../worker/notify/queue.ts";
import { runQueue } from "./queue-helpers.ts";
import { admin, call, createSite, freshPage, postComment } from "./helpers.ts";

const HOOK_HOST = "hooks.bascule-test.example";
const SECRET = "whsec-0123456789abcdef";

// Every webhook of this file points at HOOK_HOST: the real queue consumer calls it in the
// background after each comment, and only that host is answered here (the rest goes on to fetch).
/** A call as the receiver saw it (read at once: the queue consumer's streams can't be read from a test). */
interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}
const calls: Call[] = [];
let answer: (request: Request) => Response = () => new Response(null, { status: 204 });
const realFetch = globalThis.fetch;
beforeAll(() => {
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (new URL(request.url).hostname !== HOOK_HOST) return realFetch(input, init);
    calls.push({ url: request.url, method: request.method, headers: new Headers(request.headers), body: await request.text() });
    return answer(request);
  });
});
afterAll(() => vi.restoreAllMocks());

let counter = 0;
function hookUrl(label: string): string {
  counter += 1;
  return `https://${HOOK_HOST}/${label}-${counter}-${crypto.randomUUID().slice(0, 6)}`;
}

async function newSite(settings: object): Promise<string> {
  const key = `hooks-${crypto.randomUUID().slice(0, 8)}`;
  await createSite(key, { moderation: "none", ...settings });
  return key;
}

function event(type: CommentEventType, site: string, commentId: string, extra: Partial<CommentEvent> = {}): CommentEvent {
  return {
    id: crypto.randomUUID(),
    type,
    site,
    commentId,
    by: "reader",
    origin: "https://comments.example",
    at: new Date().toISOString(),
    ...extra,
  };
}

/**
 * The planner, as fanOut runs it, for one event. `webhooks` stand in for the site's own: kept out
 * of D1, the real queue consumer (which runs after every comment) never calls them.
 */
async function plan(e: CommentEvent, webhooks?: object[]): Promise<NewDelivery[]> {
  const stored = await findSite(env.DB, e.site);
  if (stored === null) throw new Error(`no site ${e.site}`);
  const site = webhooks === undefined ? stored : { ...stored, settings: parseStoredSettings(JSON.stringify({ webhooks })) };
  return webhookDeliveries(env, { event: e, site, comment: await findCommentInSite(env.DB, e.commentId) });
}

const payloadOf = (delivery: NewDelivery | undefined) => delivery?.payload as WebhookPayload;

const AUTHOR = { name: "Ada", email: "ada.secret@mail.example", website: "https://ada.example" };

/** A comment with everything a payload must not show: an e-mail, its hash, an IP hash. */
async function comment(site: string, input: { body?: string; page?: string; author?: object; homepage?: string } = {}) {
  const page = input.page ?? freshPage("hook");
  const { comment } = await postComment({
    site,
    page,
    url: "http://localhost:8787/article",
    title: "Un article",
    body: input.body ?? "Bonjour *tout* le monde",
    author: { ...AUTHOR, ...input.author },
    ...(input.homepage ? { homepage: input.homepage } : {}),
  });
  const row = await findCommentInSite(env.DB, comment.id);
  if (row === null) throw new Error("not stored");
  return row;
}

/** What must never leave in a webhook: the e-mail, its salted hash, the IP hash. */
function secretsOf(row: { author_email: string | null; email_hash: string | null; ip_hash: string | null }): string[] {
  return [row.author_email, row.email_hash, row.ip_hash].filter((value): value is string => value !== null && value !== "");
}

describe("the webhooks setting", () => {
  it("takes up to 5 webhooks, with events and format defaulted, and the owner reads them back", async () => {
    const key = await newSite({});
    const url = hookUrl("settings");
    const put = await admin(`/sites/${key}`, {
      method: "PUT",
      json: {
        webhooks: [
          { url, secret: SECRET },
          {
            url: "http://localhost:8788/hook",
            secret: SECRET,
            events: ["comment.deleted", "comment.created", "comment.created"],
            format: "slack",
          },
          { url: "http://127.0.0.1:9000/", secret: SECRET, format: "ntfy" },
        ],
      },
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const got = (await (await admin(`/sites/${key}`)).json()) as { webhooks: unknown };
    expect(got.webhooks).toEqual([
      { url, secret: SECRET, events: ["comment.created", "comment.published", "comment.deleted"], format: "json" },
      { url: "http://localhost:8788/hook", secret: SECRET, events: ["comment.created", "comment.deleted"], format: "slack" },
      {
        url: "http://127.0.0.1:9000/",
        secret: SECRET,
        events: ["comment.created", "comment.published", "comment.deleted"],
        format: "ntfy",
      },
    ]);
    // A PUT of other settings (the admin page's form) keeps them.
    await admin(`/sites/${key}`, { method: "PUT", json: { maxLinks: 3 } });
    expect(((await (await admin(`/sites/${key}`)).json()) as { webhooks: unknown[] }).webhooks).toHaveLength(3);
    // A new site has none.
    const created = await admin("/sites", { method: "POST", json: { key: `${key}-new`, origins: ["https://blog.example"] } });
    expect(((await created.json()) as { webhooks: unknown }).webhooks).toEqual([]);
  });

  const good = { url: "https://hooks.example/x", secret: SECRET };
  it.each([
    [{ ...good, url: "http://hooks.example/x" }, "webhooks.0.url", "url_not_https"],
    [{ ...good, url: "ftp://hooks.example/x" }, "webhooks.0.url", "url_not_https"],
    [{ ...good, url: "hooks.example/x" }, "webhooks.0.url", "url_invalid"],
    [{ ...good, url: "https://user:pass@hooks.example/x" }, "webhooks.0.url", "url_has_credentials"],
    [{ ...good, url: `https://hooks.example/${"a".repeat(2000)}` }, "webhooks.0.url", "url_too_long"],
    [{ ...good, url: "https://10.0.0.8/hook" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://169.254.169.254/latest/meta-data" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://192.168.1.1/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://172.20.0.1/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://100.64.0.1/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://0.0.0.0/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "http://127.0.0.2/" }, "webhooks.0.url", "url_not_https"],
    [{ ...good, url: "https://127.0.0.2/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://2130706442/" }, "webhooks.0.url", "url_private_address"], // 127.0.0.10, written as a number
    [{ ...good, url: "https://0x0a.0.0.1/" }, "webhooks.0.url", "url_private_address"], // 10.0.0.1
    [{ ...good, url: "https://[::1]/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://[fd12:3456::1]/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://[fe80::1]/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://[::ffff:10.0.0.1]/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://[64:ff9b::a9fe:a9fe]/" }, "webhooks.0.url", "url_private_address"], // NAT64 of 169.254.169.254
    [{ ...good, url: "https://intranet/hook" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://metadata.google.internal/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://printer.local/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, url: "https://evil.localhost/" }, "webhooks.0.url", "url_private_address"],
    [{ ...good, secret: "too-short" }, "webhooks.0.secret", "secret_too_short"],
    [{ ...good, secret: "x".repeat(201) }, "webhooks.0.secret", "secret_too_long"],
    [{ ...good, secret: "sixteen-chars-é-é-é" }, "webhooks.0.secret", "secret_invalid"],
    [{ url: good.url }, "webhooks.0.secret", "secret_required"],
    [{ ...good, events: [] }, "webhooks.0.events", "events_too_small"],
    [{ ...good, events: ["comment.liked"] }, "webhooks.0.events.0", "events_invalid"],
    [{ ...good, format: "teams" }, "webhooks.0.format", "format_invalid"],
    [{ ...good, headers: {} }, "webhooks.0.headers", "headers_unknown_field"],
  ])("refuses the webhook %j, naming %s", async (webhook, field, code) => {
    const res = await admin("/sites/demo", { method: "PUT", json: { webhooks: [webhook] } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code, field } });
  });

  it("refuses a sixth webhook, a URL listed twice, and a list that isn't one", async () => {
    const six = Array.from({ length: 6 }, (_, index) => ({ url: `https://hooks.example/${index}`, secret: SECRET }));
    const tooMany = await admin("/sites/demo", { method: "PUT", json: { webhooks: six } });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { code: "webhooks_too_large", field: "webhooks" } });
    const twice = await admin("/sites/demo", { method: "PUT", json: { webhooks: [good, { ...good, format: "slack" }] } });
    expect(await twice.json()).toMatchObject({ error: { code: "url_duplicate", field: "webhooks.1.url" } });
    const notList = await admin("/sites/demo", { method: "PUT", json: { webhooks: good } });
    expect(await notList.json()).toMatchObject({ error: { field: "webhooks" } });
  });

  it("settings as a log keeps them hide each webhook's secret", () => {
    const settings = parseStoredSettings(JSON.stringify({ maxLinks: 4, webhooks: [{ url: "https://hooks.example/x", secret: SECRET }] }));
    const logged = JSON.stringify(settingsForLog(settings));
    expect(logged).not.toContain(SECRET);
    expect(logged).toContain("https://hooks.example/x");
    expect(settings.webhooks[0]?.secret).toBe(SECRET); // the settings themselves are untouched
  });

  it("the audit trail of a site created and changed with webhooks never holds a secret", async () => {
    const key = `hooks-audit-${crypto.randomUUID().slice(0, 6)}`;
    const webhooks = [{ url: hookUrl("audit"), secret: SECRET }];
    expect((await admin("/sites", { method: "POST", json: { key, origins: ["https://blog.example"], webhooks } })).status).toBe(201);
    const changed = [{ url: hookUrl("audit"), secret: `${SECRET}-new` }];
    expect((await admin(`/sites/${key}`, { method: "PUT", json: { webhooks: changed } })).status).toBe(200);
    const { results } = await env.DB.prepare("SELECT detail FROM audit WHERE site_key = ?").bind(key).all<{ detail: string }>();
    expect(results).toHaveLength(2);
    for (const row of results) expect(row.detail).not.toContain(SECRET);
  });

  it("lets public hosts through, and says why a private one is refused", () => {
    for (const url of [
      "https://hooks.slack.com/services/T/B/x",
      "https://ntfy.sh/topic",
      "https://8.8.8.8/",
      "https://[2606:4700::1111]/",
      "https://localhost/",
    ]) {
      expect(webhookUrlProblem(url), url).toBeNull();
    }
    expect(webhookUrlProblem("https://10.1.2.3/")?.message).toMatch(/private or internal address/);
  });
});

describe("the planner", () => {
  it("queues one delivery per webhook listening to the event, named by the event and the URL", async () => {
    const all = hookUrl("all");
    const publishedOnly = hookUrl("published");
    const slack = hookUrl("slack");
    const key = await newSite({
      webhooks: [
        { url: all, secret: SECRET, events: ["comment.created", "comment.published", "comment.deleted"], format: "json" },
        { url: publishedOnly, secret: `${SECRET}-2`, events: ["comment.published"], format: "json" },
        { url: slack, secret: SECRET, events: ["comment.created"], format: "slack" },
      ],
    });
    const row = await comment(key);
    const created = event("comment.created", key, row.id, { reason: "moderation off" });
    const deliveries = await plan(created);
    expect(deliveries.map((delivery) => delivery.to)).toEqual([all, slack]);
    expect(deliveries[0]).toMatchObject({
      id: await deliveryId(created.id, "webhook", all),
      site: key,
      kind: "webhook",
      channel: "webhook",
      to: all,
      toHash: null,
      payload: { url: all, secret: SECRET, contentType: "application/json" },
    });
    const published = await plan(event("comment.published", key, row.id));
    expect(published.map((delivery) => [delivery.to, payloadOf(delivery).secret])).toEqual([
      [all, SECRET],
      [publishedOnly, `${SECRET}-2`],
    ]);
  });

  it("a site without webhooks queues none", async () => {
    const key = await newSite({});
    expect(await plan(event("comment.created", key, (await comment(key)).id))).toEqual([]);
  });

  it("the JSON event is the public comment with its status and thread, never an e-mail or an IP hash", async () => {
    const url = hookUrl("json");
    const key = await newSite({ webhooks: [{ url, secret: SECRET }] });
    const row = await comment(key);
    expect(secretsOf(row)).toHaveLength(3); // the test would prove nothing without them
    const created = event("comment.created", key, row.id, { reason: "moderation off" });
    const body = payloadOf((await plan(created))[0]).body;
    for (const secret of secretsOf(row)) expect(body).not.toContain(secret);
    expect(body).not.toMatch(/email|ipHash|ip_hash/i);
    expect(JSON.parse(body)).toEqual({
      id: created.id,
      type: "comment.created",
      createdAt: created.at,
      site: key,
      by: "reader",
      reason: "moderation off",
      thread: { page: row.page, url: "http://localhost:8787/article", title: "Un article" },
      comment: {
        id: row.id,
        parentId: null,
        depth: 0,
        author: { name: "Ada", website: "https://ada.example", avatar: null },
        html: row.html,
        createdAt: row.created_at,
        editedAt: null,
        likes: 0,
        byOwner: false,
        deleted: false,
        status: "approved",
      },
    });
  });

  it("tells a held comment as created with status pending, its publication once approved, and spam never", async () => {
    const url = hookUrl("held");
    const key = await newSite({ moderation: "all", webhooks: [{ url, secret: SECRET }] });
    const held = await comment(key);
    expect(held.status).toBe("pending");
    const created = JSON.parse(payloadOf((await plan(event("comment.created", key, held.id)))[0]).body);
    expect(created.comment.status).toBe("pending");
    // Not published yet: an early or stale published event tells nothing.
    expect(await plan(event("comment.published", key, held.id))).toEqual([]);
    await admin(`/comments/${held.id}`, { method: "PATCH", json: { status: "approved" } });
    const published = JSON.parse(payloadOf((await plan(event("comment.published", key, held.id, { by: "owner" })))[0]).body);
    expect(published).toMatchObject({ type: "comment.published", by: "owner", comment: { id: held.id, status: "approved" } });

    const spam = await comment(key, { homepage: "https://spam.example" });
    expect(spam.status).toBe("spam");
    expect(await plan(event("comment.created", key, spam.id))).toEqual([]);
    expect(await plan(event("comment.deleted", key, spam.id, { snapshot: deletedSnapshot(spam) }))).toEqual([]);
  });

  it("tells a deletion from the event's snapshot, the row being gone", async () => {
    const url = hookUrl("deleted");
    const key = await newSite({ webhooks: [{ url, secret: SECRET, format: "json" }] });
    const row = await comment(key);
    const snapshot = deletedSnapshot(row);
    expect((await admin(`/comments/${row.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await findCommentInSite(env.DB, row.id)).toBeNull();
    const deleted = event("comment.deleted", key, row.id, { by: "owner", snapshot });
    const body = payloadOf((await plan(deleted))[0]).body;
    for (const secret of secretsOf(row)) expect(body).not.toContain(secret);
    expect(JSON.parse(body)).toEqual({
      id: deleted.id,
      type: "comment.deleted",
      createdAt: deleted.at,
      site: key,
      by: "owner",
      thread: { page: row.page, url: "http://localhost:8787/article", title: "Un article" },
      comment: {
        id: row.id,
        author: { name: "Ada", website: null, avatar: null },
        createdAt: row.created_at,
        deleted: true,
        status: "deleted",
        previousStatus: "approved",
      },
    });
    // A comment deleted before the queue ran tells nothing as created.
    expect(await plan(event("comment.created", key, row.id))).toEqual([]);
  });
});

describe("the chat formats", () => {
  async function formatted(format: string, input: Parameters<typeof comment>[1] = {}, settings: object = {}) {
    const url = hookUrl(format);
    const key = await newSite({ webhooks: [{ url, secret: SECRET, format }], ...settings });
    const row = await comment(key, input);
    const [delivery] = await plan(event("comment.created", key, row.id));
    return { row, payload: payloadOf(delivery) };
  }

  it("slack: { text } with a short line, the quoted text escaped, and a link to the comment", async () => {
    const { row, payload } = await formatted("slack", {
      body: "Hi <!channel> & <https://evil.example|click>",
      author: { name: "Bob <b>" },
    });
    expect(payload.contentType).toBe("application/json");
    const message = JSON.parse(payload.body) as Record<string, unknown>;
    expect(Object.keys(message)).toEqual(["text"]);
    expect(message.text).toBe(
      [
        "*New comment by Bob &lt;b&gt; on Un article*",
        "> Hi &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;",
        `<http://localhost:8787/article#comment-${row.id}|Read it>`,
      ].join("\n"),
    );
    for (const secret of secretsOf(row)) expect(payload.body).not.toContain(secret);
  });

  it("discord: { content } of at most 2000 characters that pings nobody", async () => {
    const { row, payload } = await formatted("discord", { body: `@everyone look ${"é".repeat(5000)}`, author: { name: "**Eve**" } });
    const message = JSON.parse(payload.body) as { content: string; allowed_mentions: unknown };
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.content.length).toBeLessThanOrEqual(2000);
    expect(message.content.startsWith("**New comment by \\*\\*Eve\\*\\* on Un article**\n> \\@everyone look ééé")).toBe(true);
    expect(message.content).toContain(`[Read it](<http://localhost:8787/article#comment-${row.id}>)`);
    for (const secret of secretsOf(row)) expect(payload.body).not.toContain(secret);
  });

  it("ntfy: the text as plain text, the title and the click-through as ASCII headers", async () => {
    const { row, payload } = await formatted("ntfy", { body: "Très bien\r\nvraiment", author: { name: "Zoë" } }, { locale: "fr" });
    expect(payload.contentType).toBe("text/plain; charset=utf-8");
    expect(payload.body).toBe(`Très bien\nvraiment\n\nhttp://localhost:8787/article#comment-${row.id}`);
    expect(payload.headers?.Click).toBe(`http://localhost:8787/article#comment-${row.id}`);
    expect(payload.headers?.Tags).toBe("speech_balloon");
    const title = payload.headers?.Title ?? "";
    expect(title).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeWords(title)).toBe("Nouveau commentaire de Zoë sur Un article");
    for (const secret of secretsOf(row)) expect(JSON.stringify(payload)).not.toContain(secret);
  });

  it("a held comment links to the admin page, never to a moderation link", async () => {
    const { payload } = await formatted("slack", {}, { moderation: "all" });
    const { text } = JSON.parse(payload.body) as { text: string };
    expect(text).toContain("waiting for approval");
    expect(text).toContain("<https://comments.example/admin|Moderate it>");
    expect(text).not.toContain("/moderate/");
  });

  it("quotes at most 300 characters of the text, never half a character", () => {
    expect(excerpt("court")).toBe("court");
    const cut = excerpt("😀".repeat(400));
    expect([...cut]).toHaveLength(300);
    expect(cut.endsWith("😀…")).toBe(true);
  });

  it("RFC 2047 words stay within 75 characters and decode back", () => {
    const text = "Ünïcödé ".repeat(20);
    const header = asciiHeader(text);
    for (const word of header.split(" ")) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeWords(header)).toBe(text);
    expect(asciiHeader("plain\r\nline")).toBe("plain  line");
  });

  it("every locale has every string", () => {
    const keys = Object.keys(CHAT_STRINGS.en ?? {}).sort();
    for (const [locale, strings] of Object.entries(CHAT_STRINGS)) expect(Object.keys(strings).sort(), locale).toEqual(keys);
  });
});

/** Decodes RFC 2047 B-encoded words as ntfy does. */
function decodeWords(header: string): string {
  const words = header.split(" ").filter((word) => word.startsWith("=?"));
  if (words.length === 0) return header;
  const bytes = words.flatMap((word) => [...atob(word.slice("=?UTF-8?B?".length, -2))].map((char) => char.charCodeAt(0)));
  return new TextDecoder().decode(new Uint8Array(bytes));
}

describe("Bascule-Signature, as docs/webhooks.md verifies it", () => {
  it("the documented code is docs/webhook-verify.js, word for word", () => {
    const block = /```js\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(block).toBe(verifySource);
  });

  it("accepts what the worker signs, and nothing else", async () => {
    const body = JSON.stringify({ id: "e1", type: "comment.created", text: "é" });
    const now = Math.floor(Date.now() / 1000);
    const header = await webhookSignature(SECRET, now, body);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(await verifyBasculeSignature(SECRET, header, body)).toBe(true);
    expect(await verifyBasculeSignature(`${SECRET}x`, header, body)).toBe(false);
    expect(await verifyBasculeSignature(SECRET, header, `${body} `)).toBe(false);
    expect(await verifyBasculeSignature(SECRET, header.replace(/t=\d+/, `t=${now + 1}`), body)).toBe(false);
    expect(await verifyBasculeSignature(SECRET, await webhookSignature(SECRET, now - 301, body), body)).toBe(false);
    expect(await verifyBasculeSignature(SECRET, await webhookSignature(SECRET, now - 290, body), body)).toBe(true);
    expect(await verifyBasculeSignature(SECRET, null, body)).toBe(false);
    expect(await verifyBasculeSignature(SECRET, "t=1,v1=zz", body)).toBe(false);
  });
});

describe("delivery through the queue", () => {
  async function waitFor<T>(read: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
    const start = Date.now();
    for (;;) {
      const value = await read();
      if (value !== null) return value;
      if (Date.now() - start > timeoutMs) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("a new comment reaches the webhook signed, and the log says sent", async () => {
    const url = hookUrl("e2e");
    const key = await newSite({ webhooks: [{ url, secret: SECRET, events: ["comment.created"] }] });
    const page = freshPage("e2e");
    const { comment: posted } = await postComment({ site: key, page, body: "Par la file", author: AUTHOR });
    const request = await waitFor(async () => calls.find((call) => call.url === url) ?? null);
    expect(request.method).toBe("POST");
    expect(request.headers.get("content-type")).toBe("application/json");
    const raw = request.body;
    expect(await verifyBasculeSignature(SECRET, request.headers.get("bascule-signature"), raw)).toBe(true);
    expect(JSON.parse(raw)).toMatchObject({ type: "comment.created", site: key, comment: { id: posted.id, status: "approved" } });
    expect(raw).not.toContain(AUTHOR.email);

    const rows = await env.DB.prepare("SELECT id FROM deliveries WHERE site_key = ? AND channel = 'webhook'")
      .bind(key)
      .all<{ id: string }>();
    expect(rows.results).toHaveLength(1);
    const id = rows.results[0]?.id ?? "";
    const sent = await waitFor(async () => {
      const row = await findDelivery(env.DB, id);
      return row?.status === "sent" ? row : null;
    });
    expect(sent).toMatchObject({ kind: "webhook", channel: "webhook", to_address: url, attempts: 1 });
    // The log shows the owner the webhook, never its secret.
    const log = await (await admin(`/deliveries?site=${key}`)).text();
    expect(log).not.toContain(SECRET);
  });

  it("an ntfy webhook arrives with its Title and Click headers, and ours are not replaced", async () => {
    const url = hookUrl("ntfy-e2e");
    const key = await newSite({ webhooks: [{ url, secret: SECRET, events: ["comment.created"], format: "ntfy" }] });
    await postComment({ site: key, page: freshPage("ntfy"), body: "Un mot pour ntfy", author: AUTHOR });
    const request = await waitFor(async () => calls.find((call) => call.url === url) ?? null);
    expect(request.headers.get("title")).toBeTruthy();
    expect(request.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await verifyBasculeSignature(SECRET, request.headers.get("bascule-signature"), request.body)).toBe(true);
  });

  it("a refusing webhook is retried with backoff, each attempt in the log, and given up after the last", async () => {
    const url = hookUrl("retry");
    const key = await newSite({});
    const row = await comment(key);
    // The planner's delivery, written to the log but not queued: this test drives each attempt.
    const [delivery] = await plan(event("comment.published", key, row.id), [{ url, secret: SECRET }]);
    if (delivery === undefined) throw new Error("no delivery");
    await insertDelivery(env.DB, delivery, new Date().toISOString()).run();
    const refusing = answer;
    let status = 503;
    answer = (request) => (request.url === url ? new Response("busy, try later", { status }) : refusing(request));
    try {
      const first = await runQueue(QUEUE, [{ id: "m1", attempts: 1, body: { kind: "delivery", id: delivery.id } }]);
      expect(first.retryMessages.map((message) => message.msgId)).toEqual(["m1"]);
      expect(first.delays.m1).toBe(backoffSeconds(1));
      expect(await findDelivery(env.DB, delivery.id)).toMatchObject({
        status: "queued",
        attempts: 1,
        last_error: "Webhook answered HTTP 503: busy, try later",
      });

      status = 500;
      const second = await runQueue(QUEUE, [{ id: "m2", attempts: 2, body: { kind: "delivery", id: delivery.id } }]);
      expect(second.delays.m2).toBe(backoffSeconds(2));
      expect(await findDelivery(env.DB, delivery.id)).toMatchObject({
        status: "queued",
        attempts: 2,
        last_error: expect.stringContaining("HTTP 500"),
      });

      // max_retries is 4 (wrangler.toml): after the fifth attempt the message goes to the dead-letter queue.
      await runQueue(DEAD_LETTER_QUEUE, [{ id: "m3", attempts: 1, body: { kind: "delivery", id: delivery.id } }]);
      const failed = await findDelivery(env.DB, delivery.id);
      expect(failed).toMatchObject({ status: "failed", attempts: 2 });
      expect(failed?.last_error).toContain("gave up after 2 attempts");
    } finally {
      answer = refusing;
    }
  });

  it("a webhook that answers on the second attempt is sent, with two attempts in the log", async () => {
    const url = hookUrl("second");
    const key = await newSite({});
    const [delivery] = await plan(event("comment.published", key, (await comment(key)).id), [{ url, secret: SECRET }]);
    if (delivery === undefined) throw new Error("no delivery");
    await insertDelivery(env.DB, delivery, new Date().toISOString()).run();
    const ok = answer;
    let refuse = true;
    answer = (request) => (request.url === url && refuse ? new Response(null, { status: 502 }) : ok(request));
    try {
      await runQueue(QUEUE, [{ id: "a1", attempts: 1, body: { kind: "delivery", id: delivery.id } }]);
      refuse = false;
      const second = await runQueue(QUEUE, [{ id: "a2", attempts: 2, body: { kind: "delivery", id: delivery.id } }]);
      expect(second.retryMessages).toEqual([]);
      expect(await findDelivery(env.DB, delivery.id)).toMatchObject({ status: "sent", attempts: 2 });
      // Each attempt was signed at its own time, and both verify.
      const attempts = calls.filter((call) => call.url === url);
      expect(attempts).toHaveLength(2);
      for (const attempt of attempts) {
        expect(await verifyBasculeSignature(SECRET, attempt.headers.get("bascule-signature"), attempt.body)).toBe(true);
      }
    } finally {
      answer = ok;
    }
  });
});

const QUEUE = "bascule-events";

describe("the feed link and the signature never leak through public routes", () => {
  it("a public thread read says nothing of the site's webhooks", async () => {
    const key = await newSite({ webhooks: [{ url: hookUrl("public"), secret: SECRET }] });
    const res = await call(`/api/v1/threads?site=${key}&page=${freshPage()}`);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(HOOK_HOST);
  });
});
