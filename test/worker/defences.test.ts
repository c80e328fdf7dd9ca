import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PublicComment } from "../../worker/api-types.ts";
import app from "../../worker/index.ts";
import { signFormToken } from "../../worker/lib/form-token.ts";
import { ORIGIN, call, createSite, formToken, freshPage, getThread, postJson } from "./helpers.ts";

let ipCounter = 0;
/** A network address no other test of this file uses. */
function freshIp(): string {
  ipCounter += 1;
  return `10.${Math.floor(ipCounter / 250)}.${ipCounter % 250}.9`;
}

async function storedStatus(res: Response): Promise<string | undefined> {
  const { comment } = (await res.json()) as { comment: PublicComment };
  const row = await env.DB.prepare("SELECT status FROM comments WHERE id = ?").bind(comment.id).first<{ status: string }>();
  return row?.status;
}

function postFrom(ip: string, body: Record<string, unknown>): Promise<Response> {
  return postJson(
    "/api/v1/comments",
    { site: "demo", page: freshPage(), body: `Bonjour ${crypto.randomUUID()}`, ...body },
    { headers: { "cf-connecting-ip": ip } },
  );
}

/** The token (site.nonce.issued.signature) with another issue time: its signature no longer fits. */
function withIssuedAt(token: string, issuedAt: number): string {
  const [site, nonce, , signature] = token.split(".");
  return [site, nonce, issuedAt.toString(36), signature].join(".");
}

/** The binding counts in fixed windows aligned to the clock: start a burst well inside one. */
async function awayFromMinuteEdge(): Promise<void> {
  const intoMinute = (Date.now() / 1000) % 60;
  if (intoMinute > 50) await new Promise((resolve) => setTimeout(resolve, (61 - intoMinute) * 1000));
}

describe("bot traps", () => {
  it("publishes a comment with a form token older than the minimum", async () => {
    expect((await postFrom(freshIp(), {})).status).toBe(201);
  });

  it("sends a filled honeypot to spam with the 202 a held comment gets", async () => {
    const res = await postFrom(freshIp(), { homepage: "http://cheap.example" });
    expect(res.status).toBe(202);
    expect(await storedStatus(res)).toBe("spam");
  });

  it.each([
    ["missing", async () => undefined],
    ["too fast", async (page: string) => formToken("demo", page, 1)],
    ["for another site", async (page: string) => formToken("other-site", page, 60)],
    ["for another page", async () => formToken("demo", freshPage(), 60)],
    ["tampered", async (page: string) => withIssuedAt(await formToken("demo", page, 60), Date.now() - 600_000)],
    ["garbage", async () => "not-a-token"],
  ])("sends a comment whose form token is %s to spam", async (_, token) => {
    // A present-but-undefined formToken stops the helper from adding one; JSON then leaves it out.
    const page = freshPage();
    const res = await postFrom(freshIp(), { page, formToken: await token(page) });
    expect(res.status).toBe(202);
    expect(await storedStatus(res)).toBe("spam");
  });

  it("asks for a reload when the form is older than a day", async () => {
    const page = freshPage();
    const old = await signFormToken(env.HASH_SALT, { site: "demo", page, issuedAt: Date.now() - 25 * 3_600_000 });
    const res = await postFrom(freshIp(), { page, formToken: old });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "form_expired", field: "formToken" } });
  });

  it("hands out a fresh form token with every thread read", async () => {
    const { form } = await getThread(freshPage());
    expect(form.token.startsWith("demo.")).toBe(true);
    expect(form.turnstileSiteKey).toBeNull();
  });
});

describe("rate limits", () => {
  it("allow 5 comments a minute per writer and site, then answer 429 with Retry-After", async () => {
    await awayFromMinuteEdge();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await postFrom(ip, {})).status).toBe(201);
    const limited = await postFrom(ip, {});
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect((await postFrom(freshIp(), {})).status).toBe(201); // another writer is not affected
  }, 30_000); // may first wait up to 11 s for the next minute

  it("treat an IPv6 /64 as one writer", async () => {
    await awayFromMinuteEdge();
    for (let i = 0; i < 5; i++) expect((await postFrom(`2001:db8:aa:bb::${i + 1}`, {})).status).toBe(201);
    expect((await postFrom("2001:db8:aa:bb:ffff::1", {})).status).toBe(429);
  }, 30_000); // may first wait up to 11 s for the next minute

  it("allow 30 comments an hour, counted in D1", async () => {
    const ip = freshIp();
    const res = await postFrom(ip, {});
    expect(res.status).toBe(201);
    const { ip_hash } = (await env.DB.prepare("SELECT ip_hash FROM comments ORDER BY created_at DESC LIMIT 1").first<{
      ip_hash: string;
    }>())!;
    const thread = await env.DB.prepare("SELECT thread_id FROM comments WHERE ip_hash = ?").bind(ip_hash).first<{ thread_id: number }>();
    // 29 more within the hour, the oldest 50 minutes ago.
    for (let i = 0; i < 29; i++) {
      const at = new Date(Date.now() - (50 - i) * 60_000).toISOString();
      await env.DB.prepare(
        `INSERT INTO comments (id, thread_id, root_id, depth, path, body, html, status, created_at, ip_hash)
         VALUES (?1, ?2, ?1, 0, ?1, 'x', '<p>x</p>', 'approved', ?3, ?4)`,
      )
        .bind(`hourly${i}-${crypto.randomUUID()}`.slice(0, 21), thread?.thread_id, at, ip_hash)
        .run();
    }
    const limited = await postFrom(ip, {});
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(9 * 60);
    expect(retryAfter).toBeLessThanOrEqual(10 * 60);
  });
});

describe("duplicates", () => {
  it("refuse the same body from the same writer in the same thread within 10 minutes (409)", async () => {
    const ip = freshIp();
    const page = freshPage();
    const body = { page, body: "Exactement la même chose" };
    expect((await postFrom(ip, body)).status).toBe(201);
    const again = await postFrom(ip, body);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "duplicate_comment", field: "body" } });
    expect((await postFrom(ip, { ...body, page: freshPage() })).status).toBe(201);
    expect((await postFrom(freshIp(), body)).status).toBe(201);
  });
});

describe("request rules", () => {
  it("answers a wrong method with 405, Allow and the JSON error", async () => {
    const res = await call("/api/v1/threads?site=demo&page=x", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(await res.json()).toMatchObject({ error: { code: "method_not_allowed" } });
    const put = await call("/api/v1/comments/abc", { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toContain("PATCH");
  });

  it("sends nosniff on API answers, errors included", async () => {
    for (const path of ["/api/v1/health", "/api/v1/nothing"]) {
      expect((await call(path)).headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

// Third-party services are outside this machine: only `fetch` toward them is replaced.
describe("optional services", () => {
  afterEach(() => vi.restoreAllMocks());

  async function postWithEnv(extraEnv: Partial<Env>, body: Record<string, unknown>): Promise<Response> {
    const site = String(body.site ?? "demo");
    const page = freshPage();
    const request = new Request("http://localhost/api/v1/comments", {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "cf-connecting-ip": freshIp() },
      body: JSON.stringify({ site, page, body: `Salut ${crypto.randomUUID()}`, formToken: await formToken(site, page), ...body }),
    });
    return app.fetch(request, { ...env, ...extraEnv }, createExecutionContext());
  }

  function answerFetch(host: string, answer: () => Response) {
    const real = globalThis.fetch;
    return vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.hostname.endsWith(host)) return answer();
      return real(input, init);
    });
  }

  it("Turnstile: a site with a site key needs a passing check (403 otherwise)", async () => {
    await createSite("turnstile-on", { moderation: "none", turnstileSiteKey: "0x4AAAAAAA" });
    const siteverify = answerFetch("challenges.cloudflare.com", () => Response.json({ success: false }));
    const failed = await postWithEnv({ TURNSTILE_SECRET: "secret" }, { site: "turnstile-on", turnstileToken: "bad" });
    expect(failed.status).toBe(403);
    expect(await failed.json()).toMatchObject({ error: { code: "turnstile_failed" } });
    expect(siteverify).toHaveBeenCalledTimes(1);

    siteverify.mockImplementation(async () => Response.json({ success: true }));
    expect((await postWithEnv({ TURNSTILE_SECRET: "secret" }, { site: "turnstile-on", turnstileToken: "good" })).status).toBe(201);
    const thread = await getThread(freshPage(), "", "turnstile-on");
    expect(thread.form.turnstileSiteKey).toBe("0x4AAAAAAA");
  });

  it("Turnstile is never called for a site without a site key", async () => {
    const siteverify = answerFetch("challenges.cloudflare.com", () => Response.json({ success: false }));
    expect((await postWithEnv({ TURNSTILE_SECRET: "secret" }, {})).status).toBe(201);
    expect(siteverify).not.toHaveBeenCalled();
  });

  it("Akismet: spam goes to spam, ham is published, unreachable is held", async () => {
    const akismet = answerFetch("rest.akismet.com", () => new Response("true"));
    const spam = await postWithEnv({ AKISMET_KEY: "key123" }, {});
    expect(spam.status).toBe(202);
    expect(await storedStatus(spam)).toBe("spam");
    const [url, init] = akismet.mock.calls[0] ?? [];
    expect(String(url)).toBe("https://key123.rest.akismet.com/1.1/comment-check");
    expect(String(init?.body)).toContain("comment_content=Salut");

    akismet.mockImplementation(async () => new Response("false"));
    expect((await postWithEnv({ AKISMET_KEY: "key123" }, {})).status).toBe(201);

    akismet.mockImplementation(async () => {
      throw new TypeError("network down");
    });
    const unreachable = await postWithEnv({ AKISMET_KEY: "key123" }, {});
    expect(unreachable.status).toBe(202);
    expect(await storedStatus(unreachable)).toBe("pending");
  });
});
