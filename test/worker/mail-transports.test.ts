// Issue 11, the transports: each HTTP mail API (Resend, Postmark, Mailgun) stubbed at the
// fetch boundary for its own host only, with the request shape of the provider's current
// docs; a 5xx or no answer is retried, a permanent refusal of the recipient suppresses it.
// And the webhook channel: a signature the receiver can check, and retries on 5xx or timeout.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findDelivery, insertDelivery, type DeliveryRow, type MailPayload, type NewDelivery } from "../../worker/db/deliveries.ts";
import { normaliseEmail, saltedHash } from "../../worker/lib/hash.ts";
import { deliver, WEBHOOK_TIMEOUT_MS } from "../../worker/notify/deliver.ts";
import { createSite } from "./helpers.ts";

afterEach(() => vi.restoreAllMocks());

let counter = 0;
function unique(label: string): string {
  counter += 1;
  return `${label}-${counter}-${crypto.randomUUID().slice(0, 6)}`;
}

async function newSite(): Promise<string> {
  const key = unique("transport");
  await createSite(key, { moderation: "none" });
  return key;
}

const UNSUBSCRIBE = {
  "List-Unsubscribe": "<https://comments.example/subscription/tok?action=unsubscribe>",
  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
};

async function logged(site: string, fields: Partial<NewDelivery> = {}): Promise<DeliveryRow> {
  const to = fields.to ?? `${unique("reader")}@mail.example`;
  const payload: MailPayload = {
    to,
    subject: "A reply to your comment",
    text: "Bob replied.",
    html: "<p>Bob replied.</p>",
    headers: UNSUBSCRIBE,
  };
  const delivery: NewDelivery = {
    id: unique("d"),
    site,
    kind: "reader.reply",
    channel: "email",
    to,
    toHash: await saltedHash(env.HASH_SALT, normaliseEmail(to)),
    payload,
    ...fields,
  };
  await insertDelivery(env.DB, delivery, new Date().toISOString()).run();
  return row(delivery.id);
}

async function row(id: string): Promise<DeliveryRow> {
  const found = await findDelivery(env.DB, id);
  if (found === null) throw new Error(`no delivery ${id}`);
  return found;
}

interface Seen {
  url: URL;
  method: string;
  headers: Headers;
  body: string;
  form: FormData | null;
  init: RequestInit | undefined;
}

/** Answers fetches to `host` only; any other host is a test failure, never a real call. */
function answerFetch(host: string, answer: (seen: Seen) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.hostname !== host) throw new Error(`unexpected fetch to ${url.hostname}`);
    const type = request.headers.get("content-type") ?? "";
    const form = type.startsWith("multipart/form-data") ? await request.clone().formData() : null;
    const entry: Seen = { url, method: request.method, headers: request.headers, body: form ? "" : await request.text(), form, init };
    seen.push(entry);
    return answer(entry);
  });
  return { seen, spy };
}

const resendEnv = { ...env, MAIL_PROVIDER: "resend", MAIL_API_KEY: "re_key_123" };
const postmarkEnv = { ...env, MAIL_PROVIDER: "postmark", MAIL_API_KEY: "pm-token-123" };
const mailgunEnv = { ...env, MAIL_PROVIDER: "mailgun", MAIL_API_KEY: "key-mg-123" };

/** After a permanent refusal of the recipient: the next mail to it is suppressed without a call. */
async function expectSuppressedNext(site: string, to: string, withEnv: Env, calls: () => number): Promise<void> {
  const before = calls();
  const next = await logged(site, { to });
  expect(await deliver(withEnv, next, 1)).toBe("done");
  expect(calls()).toBe(before);
  expect(await row(next.id)).toMatchObject({ status: "suppressed", last_error: expect.stringContaining("suppressed on this site") });
}

describe("Resend", () => {
  it("POSTs JSON to api.resend.com/emails with the Bearer key, from MAIL_FROM, with the headers", async () => {
    const { seen } = answerFetch("api.resend.com", () => Response.json({ id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" }));
    const delivery = await logged(await newSite());
    expect(await deliver(resendEnv, delivery, 1)).toBe("done");
    expect(seen).toHaveLength(1);
    const [call] = seen;
    expect(call?.url.href).toBe("https://api.resend.com/emails");
    expect(call?.method).toBe("POST");
    expect(call?.headers.get("authorization")).toBe("Bearer re_key_123");
    expect(call?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(call?.body ?? "")).toEqual({
      from: "comments@blog.example",
      to: [delivery.to_address],
      subject: "A reply to your comment",
      text: "Bob replied.",
      html: "<p>Bob replied.</p>",
      headers: UNSUBSCRIBE,
    });
    expect(await row(delivery.id)).toMatchObject({ status: "sent", channel: "resend", attempts: 1, last_error: null });
  });

  it("a 5xx or a 429 is retried with Resend's own error; no answer at all too", async () => {
    const site = await newSite();
    let answer = () =>
      Response.json({ statusCode: 500, name: "application_error", message: "An unexpected error occurred." }, { status: 500 });
    answerFetch("api.resend.com", () => answer());
    const delivery = await logged(site);
    expect(await deliver(resendEnv, delivery, 1)).toBe("retry");
    expect(await row(delivery.id)).toMatchObject({
      status: "queued",
      channel: "resend",
      attempts: 1,
      last_error: "Resend 500 application_error: An unexpected error occurred.",
    });
    answer = () =>
      Response.json(
        { statusCode: 429, name: "daily_quota_exceeded", message: "You have reached your daily email sending quota." },
        { status: 429 },
      );
    expect(await deliver(resendEnv, await row(delivery.id), 2)).toBe("retry");
    expect((await row(delivery.id)).last_error).toContain("daily_quota_exceeded");
    answer = () => {
      throw new TypeError("Network connection lost.");
    };
    expect(await deliver(resendEnv, await row(delivery.id), 3)).toBe("retry");
    expect(await row(delivery.id)).toMatchObject({ attempts: 3, last_error: expect.stringContaining("Network connection lost") });
  });

  it("an invalid recipient fails for good and suppresses it; a bad API key fails without suppressing", async () => {
    const site = await newSite();
    let answer = () =>
      Response.json(
        {
          statusCode: 422,
          name: "validation_error",
          message: "Invalid `to` field. The email address needs to follow the `email@example.com` format.",
        },
        { status: 422 },
      );
    const { seen } = answerFetch("api.resend.com", () => answer());
    const delivery = await logged(site);
    expect(await deliver(resendEnv, delivery, 1)).toBe("done");
    expect(await row(delivery.id)).toMatchObject({
      status: "failed",
      last_error: expect.stringMatching(/^Resend 422 validation_error: Invalid `to` field.*now suppressed/),
    });
    await expectSuppressedNext(site, delivery.to_address, resendEnv, () => seen.length);

    answer = () => Response.json({ statusCode: 403, name: "invalid_api_key", message: "API key is invalid" }, { status: 403 });
    const other = await logged(site);
    expect(await deliver(resendEnv, other, 1)).toBe("done");
    expect(await row(other.id)).toMatchObject({ status: "failed", last_error: "Resend 403 invalid_api_key: API key is invalid" });
    const suppressed = await env.DB.prepare("SELECT count(*) AS n FROM suppressions WHERE site_key = ? AND email_hash = ?")
      .bind(site, other.to_hash)
      .first<{ n: number }>();
    expect(suppressed?.n).toBe(0);
  });
});

describe("Postmark", () => {
  it("POSTs JSON to api.postmarkapp.com/email with the server token, its field names, no tracking", async () => {
    const { seen } = answerFetch("api.postmarkapp.com", () =>
      Response.json({ To: "x", SubmittedAt: "2026-12-02T10:00:00Z", MessageID: "b7bc2f4a", ErrorCode: 0, Message: "OK" }),
    );
    const delivery = await logged(await newSite());
    expect(await deliver(postmarkEnv, delivery, 1)).toBe("done");
    const [call] = seen;
    expect(call?.url.href).toBe("https://api.postmarkapp.com/email");
    expect(call?.method).toBe("POST");
    expect(call?.headers.get("x-postmark-server-token")).toBe("pm-token-123");
    expect(call?.headers.get("accept")).toBe("application/json");
    expect(JSON.parse(call?.body ?? "")).toEqual({
      From: "comments@blog.example",
      To: delivery.to_address,
      Subject: "A reply to your comment",
      TextBody: "Bob replied.",
      HtmlBody: "<p>Bob replied.</p>",
      Headers: [
        { Name: "List-Unsubscribe", Value: UNSUBSCRIBE["List-Unsubscribe"] },
        { Name: "List-Unsubscribe-Post", Value: "List-Unsubscribe=One-Click" },
      ],
      MessageStream: "outbound",
      TrackOpens: false,
      TrackLinks: "None",
    });
    expect(await row(delivery.id)).toMatchObject({ status: "sent", channel: "postmark", attempts: 1 });
  });

  it("ErrorCode 406 (inactive recipient) suppresses the address; a 503 is retried", async () => {
    const site = await newSite();
    let answer = () =>
      Response.json(
        {
          ErrorCode: 406,
          Message:
            "You tried to send to recipient(s) that have been marked as inactive. Inactive recipients are ones that have generated a hard bounce, a spam complaint, or a manual suppression.",
        },
        { status: 422 },
      );
    const { seen } = answerFetch("api.postmarkapp.com", () => answer());
    const delivery = await logged(site);
    expect(await deliver(postmarkEnv, delivery, 1)).toBe("done");
    expect(await row(delivery.id)).toMatchObject({
      status: "failed",
      last_error: expect.stringMatching(/^Postmark 422 ErrorCode 406: You tried to send/),
    });
    await expectSuppressedNext(site, delivery.to_address, postmarkEnv, () => seen.length);

    answer = () => new Response("Service Unavailable", { status: 503 });
    const other = await logged(site);
    expect(await deliver(postmarkEnv, other, 1)).toBe("retry");
    expect(await row(other.id)).toMatchObject({ status: "queued", last_error: "Postmark 503: Service Unavailable" });
  });
});

describe("Mailgun", () => {
  it("POSTs a form to api.mailgun.net/v3/<MAIL_FROM's domain>/messages with Basic api:key, headers as h:…", async () => {
    const { seen } = answerFetch("api.mailgun.net", () =>
      Response.json({ id: "<20261202.1@blog.example>", message: "Queued. Thank you." }),
    );
    const delivery = await logged(await newSite());
    expect(await deliver(mailgunEnv, delivery, 1)).toBe("done");
    const [call] = seen;
    expect(call?.url.href).toBe("https://api.mailgun.net/v3/blog.example/messages");
    expect(call?.method).toBe("POST");
    expect(call?.headers.get("authorization")).toBe(`Basic ${btoa("api:key-mg-123")}`);
    const fields = Object.fromEntries([...(call?.form?.entries() ?? [])].map(([name, value]) => [name, String(value)]));
    expect(fields).toEqual({
      from: "comments@blog.example",
      to: delivery.to_address,
      subject: "A reply to your comment",
      text: "Bob replied.",
      html: "<p>Bob replied.</p>",
      "o:tracking": "no",
      "h:List-Unsubscribe": UNSUBSCRIBE["List-Unsubscribe"],
      "h:List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(await row(delivery.id)).toMatchObject({ status: "sent", channel: "mailgun" });
  });

  it("MAILGUN_REGION=eu and MAILGUN_DOMAIN choose the host and the domain", async () => {
    const { seen } = answerFetch("api.eu.mailgun.net", () => Response.json({ id: "<1@mg.blog.example>", message: "Queued. Thank you." }));
    const delivery = await logged(await newSite());
    expect(await deliver({ ...mailgunEnv, MAILGUN_REGION: "eu", MAILGUN_DOMAIN: "mg.blog.example" }, delivery, 1)).toBe("done");
    expect(seen[0]?.url.href).toBe("https://api.eu.mailgun.net/v3/mg.blog.example/messages");
  });

  it("a 400 'to parameter is not a valid address' suppresses the address; a 500 is retried; a 401 fails alone", async () => {
    const site = await newSite();
    let answer = () => Response.json({ message: "to parameter is not a valid address. please check documentation" }, { status: 400 });
    const { seen } = answerFetch("api.mailgun.net", () => answer());
    const delivery = await logged(site);
    expect(await deliver(mailgunEnv, delivery, 1)).toBe("done");
    expect(await row(delivery.id)).toMatchObject({
      status: "failed",
      last_error: expect.stringMatching(/^Mailgun 400: to parameter is not a valid address/),
    });
    await expectSuppressedNext(site, delivery.to_address, mailgunEnv, () => seen.length);

    answer = () => new Response("Internal Server Error", { status: 500 });
    const retried = await logged(site);
    expect(await deliver(mailgunEnv, retried, 1)).toBe("retry");
    expect((await row(retried.id)).last_error).toBe("Mailgun 500: Internal Server Error");

    answer = () => new Response("Forbidden", { status: 401 });
    const refused = await logged(site);
    expect(await deliver(mailgunEnv, refused, 1)).toBe("done");
    expect(await row(refused.id)).toMatchObject({ status: "failed", last_error: "Mailgun 401: Forbidden" });
  });
});

describe("the webhook channel", () => {
  const secret = "whsec_test_secret";

  async function webhook(site: string, url = "https://hooks.example.org/bascule"): Promise<DeliveryRow> {
    return logged(site, {
      kind: "webhook",
      channel: "webhook",
      to: url,
      toHash: null,
      payload: { url, secret, contentType: "application/json", body: '{"type":"comment.created","id":"e1"}' },
    });
  }

  async function hmacHex(key: string, text: string): Promise<string> {
    const encoder = new TextEncoder();
    const cryptoKey = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(text));
    return [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  it("POSTs the body with a Bascule-Signature the receiver can verify, never following a redirect", async () => {
    const { seen } = answerFetch("hooks.example.org", () => new Response("ok"));
    const delivery = await webhook(await newSite());
    const before = Math.floor(Date.now() / 1000);
    expect(await deliver(env, delivery, 1)).toBe("done");
    const [call] = seen;
    expect(call?.method).toBe("POST");
    expect(call?.body).toBe('{"type":"comment.created","id":"e1"}');
    expect(call?.headers.get("content-type")).toBe("application/json");
    expect(call?.headers.get("user-agent")).toBe("Bascule-Webhook");
    expect(call?.init?.redirect).toBe("manual");
    expect(call?.init?.signal).toBeInstanceOf(AbortSignal);
    // The receiver's side, as docs/webhooks.md shows it.
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(call?.headers.get("bascule-signature") ?? "");
    expect(match).not.toBeNull();
    const [, t = "", v1 = ""] = match ?? [];
    expect(Number(t)).toBeGreaterThanOrEqual(before);
    expect(Number(t)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(v1).toBe(await hmacHex(secret, `${t}.${call?.body}`));
    expect(v1).not.toBe(await hmacHex("another secret", `${t}.${call?.body}`));
    expect(await row(delivery.id)).toMatchObject({ status: "sent", channel: "webhook", attempts: 1 });
  });

  it("a 5xx, a redirect or no answer in time is retried, with the status and the start of the answer in the log", async () => {
    const site = await newSite();
    let answer = (): Response => new Response(`upstream broke ${"x".repeat(1000)}`, { status: 503 });
    answerFetch("hooks.example.org", () => answer());
    const delivery = await webhook(site);
    expect(await deliver(env, delivery, 1)).toBe("retry");
    const after = await row(delivery.id);
    expect(after).toMatchObject({ status: "queued", attempts: 1 });
    expect(after.last_error).toMatch(/^Webhook answered HTTP 503: upstream broke x+/);
    expect((after.last_error ?? "").length).toBeLessThan(400);

    answer = () => new Response(null, { status: 302, headers: { location: "https://elsewhere.example/" } });
    expect(await deliver(env, await row(delivery.id), 2)).toBe("retry");
    expect((await row(delivery.id)).last_error).toBe("Webhook answered HTTP 302");

    // What AbortSignal.timeout(10 s) makes fetch throw when the receiver never answers.
    answer = () => {
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    };
    expect(await deliver(env, await row(delivery.id), 3)).toBe("retry");
    expect(await row(delivery.id)).toMatchObject({ attempts: 3, last_error: `Webhook: no answer in ${WEBHOOK_TIMEOUT_MS / 1000} s` });
  });
});
