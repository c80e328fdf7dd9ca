// Issue 10, item 11: a worker that is not fully configured refuses writes instead of writing
// with a guessable salt, a site that asks for Turnstile without the secret refuses posts, and
// writers without CF-Connecting-IP share one bucket instead of skipping every limit.
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index.ts";
import { ADMIN_TOKEN, createSite, formToken, freshPage, ORIGIN, postComment, randomTestIp } from "./helpers.ts";

type Overrides = Partial<Omit<Env, "HASH_SALT">> & { HASH_SALT?: string | undefined };

function request(method: string, path: string, init: { body?: unknown; headers?: Record<string, string>; ip?: string | null } = {}) {
  const headers = new Headers({ origin: ORIGIN, ...init.headers });
  if (init.ip !== null) headers.set("cf-connecting-ip", init.ip ?? randomTestIp());
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return new Request(`http://localhost${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

function send(req: Request, overrides: Overrides = {}): Promise<Response> {
  return Promise.resolve(worker.fetch(req, { ...env, ...overrides } as Env, createExecutionContext()));
}

async function newCommentBody(site: string, page: string, body = `Salut ${crypto.randomUUID()}`) {
  return { site, page, body, formToken: await formToken(site, page) };
}

async function threadsOf(site: string, page: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM threads WHERE site_key = ? AND page = ?")
    .bind(site, page)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** A limiter that remembers the keys it was asked about and refuses once `allow` calls are used. */
function recordingLimiter(allow = Number.POSITIVE_INFINITY): RateLimit & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    limit: async ({ key }: { key: string }) => {
      keys.push(key);
      return { success: keys.length <= allow };
    },
  } as RateLimit & { keys: string[] };
}

describe("without a usable HASH_SALT", () => {
  const badSalts: [string, string | undefined, string][] = [
    ["unset", undefined, "missing"],
    ["empty", "", "missing"],
    ["31 characters", "s".repeat(31), "too_short"],
  ];

  it.each(badSalts)("every write is refused with 403 server_not_configured (salt %s)", async (_label, salt) => {
    const { comment, editToken } = await postComment({ page: freshPage() });
    const page = freshPage();
    const writes = [
      request("POST", "/api/v1/comments", { body: await newCommentBody("demo", page) }),
      request("PATCH", `/api/v1/comments/${comment.id}`, { body: { body: "edited" }, headers: { authorization: `Bearer ${editToken}` } }),
      request("DELETE", `/api/v1/comments/${comment.id}`, { headers: { authorization: `Bearer ${editToken}` } }),
      request("POST", `/api/v1/comments/${comment.id}/like`, { body: {} }),
      request("POST", "/api/v1/preview", { body: { body: "**hi**" } }),
      request("POST", "/api/v1/admin/bans", {
        body: { site: "demo", kind: "ip", value: "192.0.2.1" },
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      }),
    ];
    for (const write of writes) {
      const res = await send(write, { HASH_SALT: salt });
      expect(res.status, `${write.method} ${new URL(write.url).pathname}`).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "server_not_configured" } });
    }
    // Nothing was written: the comment is unchanged and the new page has no thread.
    expect(await threadsOf("demo", page)).toBe(0);
    const still = await env.DB.prepare("SELECT body, status, likes FROM comments WHERE id = ?").bind(comment.id).first();
    expect(still).toEqual({ body: "Bonjour", status: "approved", likes: 0 });
  });

  it("reads go on", async () => {
    const site = await send(request("GET", "/api/v1/admin/sites/demo", { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }), {
      HASH_SALT: undefined,
    });
    expect(site.status).toBe(200);
    const counts = await send(request("GET", `/api/v1/counts?site=demo&page=${freshPage()}`), { HASH_SALT: undefined });
    expect(counts.status).toBe(200);
  });

  it("GET /api/v1/health names what is missing, never the value", async () => {
    const short = "a-secret-value-of-31-characters";
    const res = await send(request("GET", "/api/v1/health"), { HASH_SALT: short });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(short);
    expect(JSON.parse(text)).toMatchObject({ ok: false, writes: "refused", problems: [{ name: "HASH_SALT", problem: "too_short" }] });
    const unset = await (await send(request("GET", "/api/v1/health"), { HASH_SALT: undefined })).json();
    expect(unset).toMatchObject({ ok: false, problems: [{ name: "HASH_SALT", problem: "missing" }] });
  });

  it("a configured worker is healthy and accepts writes", async () => {
    expect(await (await send(request("GET", "/api/v1/health"))).json()).toMatchObject({ ok: true, writes: "accepted", problems: [] });
    expect((await send(request("POST", "/api/v1/comments", { body: await newCommentBody("demo", freshPage()) }))).status).toBe(201);
  });
});

describe("Turnstile without its secret", () => {
  it("a site with a Turnstile site key refuses posts while TURNSTILE_SECRET is missing, instead of publishing unchecked", async () => {
    await createSite("turnstile-no-secret", { moderation: "none", turnstileSiteKey: "0x4AAAAAAA" });
    const page = freshPage();
    const res = await send(request("POST", "/api/v1/comments", { body: await newCommentBody("turnstile-no-secret", page) }), {
      TURNSTILE_SECRET: "",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "turnstile_not_configured" } });
    expect(await threadsOf("turnstile-no-secret", page)).toBe(0);
  });
});

describe("writers without CF-Connecting-IP", () => {
  it("share one comment bucket: the limiter is asked, with one key for all of them", async () => {
    const limiter = recordingLimiter(1);
    const first = await send(request("POST", "/api/v1/comments", { body: await newCommentBody("demo", freshPage()), ip: null }), {
      COMMENT_LIMIT: limiter,
    });
    expect(first.status).toBe(201);
    const second = await send(request("POST", "/api/v1/comments", { body: await newCommentBody("demo", freshPage()), ip: null }), {
      COMMENT_LIMIT: limiter,
    });
    expect(second.status).toBe(429);
    expect(limiter.keys).toHaveLength(2);
    expect(limiter.keys[0]).toBe(limiter.keys[1]);
  });

  it("count as one writer for the duplicate rule", async () => {
    const page = freshPage();
    const body = `Same words ${crypto.randomUUID()}`;
    const first = await send(request("POST", "/api/v1/comments", { body: await newCommentBody("demo", page, body), ip: null }));
    expect(first.status).toBe(201);
    const second = await send(request("POST", "/api/v1/comments", { body: await newCommentBody("demo", page, body), ip: null }));
    expect(second.status).toBe(409);
  });

  it("share one like bucket and one preview bucket; a writer with an address has its own", async () => {
    const { comment } = await postComment({ page: freshPage() });
    const likes = recordingLimiter(1);
    const like = (ip: string | null) =>
      send(request("POST", `/api/v1/comments/${comment.id}/like`, { body: { reader: crypto.randomUUID() }, ip }), { LIKE_LIMIT: likes });
    expect((await like(null)).status).toBe(200);
    expect((await like(null)).status).toBe(429);
    await like("192.0.2.44");
    expect(likes.keys[0]).toBe(likes.keys[1]);
    expect(likes.keys[2]).not.toBe(likes.keys[0]);

    const previews = recordingLimiter(1);
    const preview = () => send(request("POST", "/api/v1/preview", { body: { body: "hi" }, ip: null }), { PREVIEW_LIMIT: previews });
    expect((await preview()).status).toBe(200);
    expect((await preview()).status).toBe(429);
  });
});
