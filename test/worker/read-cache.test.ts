import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CountsResponse, NewCommentResponse, ThreadResponse } from "../../worker/api-types.ts";
import worker from "../../worker/index.ts";
import { ORIGIN, admin, call, createSite, freshPage, postComment, postJson, randomTestIp } from "./helpers.ts";
import { imported, unusedSite } from "./import-helpers.ts";

// Cached reads (issue 12, worker/http/read-cache.ts). Reads go straight to the worker with
// a D1 binding that counts queries, and hot entries kept 60 s, as in production (5 s):
// so a stale answer left behind by a write shows. Writes go through the worker as usual.

let queries = 0;

/** Counts every statement prepared and batch run, on the database and on its sessions. */
function counting<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property) as unknown;
      if (typeof value !== "function") return value;
      if (property === "prepare" || property === "batch") {
        return (...args: unknown[]) => {
          queries += 1;
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      }
      if (property === "withSession") {
        return (...args: unknown[]) => counting((value as (...a: unknown[]) => object).apply(object, args));
      }
      return (value as (...a: unknown[]) => unknown).bind(object);
    },
  });
}

const cachingEnv = { ...env, DB: counting(env.DB), BASCULE_VERSION_TTL: "60" };

interface Read {
  res: Response;
  status: string | null;
  queries: number;
}

async function read(path: string, headers: Record<string, string> = {}, readEnv: object = cachingEnv): Promise<Read> {
  const before = queries;
  const ctx = createExecutionContext();
  const request = new Request(`http://localhost${path}`, { headers: { origin: ORIGIN, "cf-connecting-ip": randomTestIp(), ...headers } });
  const res = await worker.fetch(request, readEnv as Env, ctx);
  await waitOnExecutionContext(ctx);
  return { res, status: res.headers.get("cf-cache-status"), queries: queries - before };
}

const threadPath = (site: string, page: string, query = "") => `/api/v1/threads?site=${site}&page=${encodeURIComponent(page)}${query}`;

async function thread(site: string, page: string, query = ""): Promise<ThreadResponse & { read: Read }> {
  const result = await read(threadPath(site, page, query));
  expect(result.res.status).toBe(200);
  return { ...((await result.res.json()) as ThreadResponse), read: result };
}

/** Reads the thread twice: the second read must be a hit. */
async function warm(site: string, page: string, query = ""): Promise<ThreadResponse> {
  await thread(site, page, query);
  const hit = await thread(site, page, query);
  expect(hit.read.status).toBe("HIT");
  expect(hit.read.queries).toBe(0);
  return hit;
}

/** A read after a write: answered anew, not the cached one. */
async function fresh(site: string, page: string, query = ""): Promise<ThreadResponse> {
  const answer = await thread(site, page, query);
  expect(answer.read.status).toBe("MISS");
  return answer;
}

async function site(settings: object = {}, origins = [ORIGIN]): Promise<string> {
  const key = unusedSite("cache");
  await createSite(key, { moderation: "none", ...settings }, origins);
  return key;
}

async function comment(key: string, page: string, body = "Bonjour", extra: object = {}): Promise<NewCommentResponse> {
  return postComment({ site: key, page, body, ...extra });
}

/** The comments' text, tags left out. */
const bodies = (answer: ThreadResponse) => answer.comments.map((c) => c.html.replace(/<[^>]*>/g, "").trim());

describe("GET /api/v1/threads from the edge cache", () => {
  it("answers a miss from D1, then a hit with no D1 query at all", async () => {
    const key = await site();
    const page = freshPage();
    await comment(key, page, "un");
    const miss = await thread(key, page);
    expect(miss.read.status).toBe("MISS");
    expect(miss.read.queries).toBeGreaterThan(0);
    const hit = await thread(key, page);
    expect(hit.read.status).toBe("HIT");
    expect(hit.read.queries).toBe(0);
    expect({ ...hit, form: null, read: null }).toEqual({ ...miss, form: null, read: null });
    expect(hit.read.res.headers.get("cache-control")).toBe("no-cache");
    expect(hit.read.res.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("keeps each sort and limit apart, and pages after the first out of the cache", async () => {
    const key = await site();
    const page = freshPage();
    for (const body of ["a", "b", "c"]) await comment(key, page, body);
    const oldest = await warm(key, page);
    const newest = await thread(key, page, "&sort=newest");
    expect(newest.read.status).toBe("MISS");
    expect(bodies(newest)).toEqual([...bodies(oldest)].reverse());
    const two = await thread(key, page, "&limit=2");
    expect(two.read.status).toBe("MISS");
    expect(two.comments).toHaveLength(2);
    const next = await thread(key, page, `&limit=2&cursor=${encodeURIComponent(two.nextCursor ?? "")}`);
    expect(next.read.status).toBeNull();
    expect(bodies(next)).toEqual(["c"]);
  });

  it("gives every read a form token of its own, hits included, each accepted by POST /comments", async () => {
    const key = await site({ minSubmitSeconds: 0 });
    const page = freshPage();
    await comment(key, page);
    await thread(key, page);
    const first = await thread(key, page);
    const second = await thread(key, page);
    expect([first.read.status, second.read.status]).toEqual(["HIT", "HIT"]);
    expect(first.form.token).not.toBe(second.form.token);
    for (const token of [first.form.token, second.form.token]) {
      const res = await postJson("/api/v1/comments", { site: key, page, body: "avec le jeton", formToken: token });
      expect(res.status).toBe(201);
    }
  });

  it("answers a hit with CORS for the site's origins only", async () => {
    const key = await site();
    const page = freshPage();
    await warm(key, page);
    const own = await read(threadPath(key, page));
    expect(own.status).toBe("HIT");
    expect(own.res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(own.res.headers.get("access-control-expose-headers")).toContain("x-d1-bookmark");
    const other = await read(threadPath(key, page), { origin: "https://elsewhere.example" });
    expect(other.status).toBe("HIT");
    expect(other.res.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.res.headers.get("vary")).toContain("Origin");
  });

  it("never serves nor stores the answer of a reader holding edit tokens", async () => {
    const key = await site({ moderation: "all" });
    const page = freshPage();
    const held = await comment(key, page, "en attente");
    const own = await read(threadPath(key, page), { "Bascule-Tokens": held.editToken });
    expect(own.status).toBeNull();
    expect(own.queries).toBeGreaterThan(0);
    expect(((await own.res.json()) as ThreadResponse).comments.map((c) => c.id)).toEqual([held.comment.id]);
    // Nothing was stored: the shared read is a miss, and does not show the held comment.
    const shared = await thread(key, page);
    expect(shared.read.status).toBe("MISS");
    expect(shared.comments).toEqual([]);
    // Nor is the shared answer served to the token holder.
    const again = await read(threadPath(key, page), { "Bascule-Tokens": held.editToken });
    expect(again.status).toBeNull();
    expect(((await again.res.json()) as ThreadResponse).comments).toHaveLength(1);
  });

  it("answers If-None-Match with a 304 and no D1 query, and a new ETag after a write", async () => {
    const key = await site();
    const page = freshPage();
    await comment(key, page);
    const first = await thread(key, page);
    const etag = first.read.res.headers.get("etag");
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}-[0-9a-z]+"$/);
    const same = await read(threadPath(key, page), { "If-None-Match": etag ?? "" });
    expect(same.res.status).toBe(304);
    expect(same.queries).toBe(0);
    expect(await same.res.text()).toBe("");
    expect(same.res.headers.get("etag")).toBe(etag);
    expect(same.res.headers.get("access-control-allow-origin")).toBe(ORIGIN);

    await comment(key, page, "deux");
    const changed = await read(threadPath(key, page), { "If-None-Match": etag ?? "" });
    expect(changed.res.status).toBe(200);
    expect(changed.res.headers.get("etag")).not.toBe(etag);
    // Edit tokens get their own answer, never a 304 for the shared one.
    const tokens = await read(threadPath(key, page), { "If-None-Match": changed.res.headers.get("etag") ?? "", "Bascule-Tokens": "x" });
    expect(tokens.res.status).toBe(200);
  });

  it("never caches an error answer", async () => {
    const missing = unusedSite("nosite");
    for (let i = 0; i < 2; i += 1) {
      const res = await read(threadPath(missing, "/p"));
      expect(res.res.status).toBe(404);
      expect(res.status).toBeNull();
      expect(res.queries).toBeGreaterThan(0);
    }
    const key = await site();
    for (let i = 0; i < 2; i += 1) {
      const res = await read(threadPath(key, "/p", "&limit=0"));
      expect(res.res.status).toBe(400);
      expect(res.status).toBeNull();
    }
    // A site created after a 404 is read at once.
    await createSite(missing, { moderation: "none" });
    expect((await read(threadPath(missing, "/p"))).res.status).toBe(200);
  });

  it("lets another data centre serve the old answer until its hot entry expires, never longer", async () => {
    const key = await site();
    const page = freshPage();
    const { comment: mine } = await comment(key, page, "avant");
    await warm(key, page);
    // A write elsewhere: straight into D1, so this data centre's epoch does not change.
    await env.DB.prepare("UPDATE comments SET html = '<p>après</p>' WHERE id = ?").bind(mine.id).run();
    expect(bodies(await thread(key, page))).toEqual(["avant"]);
    // Once the hot entry is gone (BASCULE_VERSION_TTL), the triggers' versions are read again.
    const expired = await read(threadPath(key, page), {}, { ...cachingEnv, BASCULE_VERSION_TTL: "0" });
    expect(expired.status).toBe("MISS");
    expect(((await expired.res.json()) as ThreadResponse).comments.map((c) => c.html)).toEqual(["<p>après</p>"]); // as written straight into D1
  });
});

describe("every write invalidates what it changed", () => {
  it("a reader's published comment", async () => {
    const key = await site();
    const page = freshPage();
    await warm(key, page);
    await comment(key, page, "nouveau");
    const after = await fresh(key, page);
    expect(bodies(after)).toEqual(["nouveau"]);
    expect(after.thread.count).toBe(1);
  });

  it("a reader's held comment changes nothing others see", async () => {
    const key = await site({ moderation: "all" });
    const page = freshPage();
    const before = await warm(key, page);
    await comment(key, page, "en attente");
    const after = await thread(key, page);
    expect({ ...after, form: null, read: null }).toEqual({ ...before, form: null, read: null });
  });

  it("a reader's edit", async () => {
    const key = await site();
    const page = freshPage();
    const mine = await comment(key, page, "premier jet");
    await warm(key, page);
    const res = await postJson(
      `/api/v1/comments/${mine.comment.id}`,
      { body: "corrigé" },
      {
        method: "PATCH",
        headers: { authorization: `Bearer ${mine.editToken}` },
      },
    );
    expect(res.status).toBe(200);
    expect(bodies(await fresh(key, page))).toEqual(["corrigé"]);
  });

  it("a reader's delete", async () => {
    const key = await site();
    const page = freshPage();
    const mine = await comment(key, page, "à effacer");
    await warm(key, page);
    const res = await call(`/api/v1/comments/${mine.comment.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${mine.editToken}` },
    });
    expect(res.status).toBeLessThan(300);
    const after = await fresh(key, page);
    expect(after.comments).toEqual([]);
    expect(after.thread.count).toBe(0);
  });

  it("a like", async () => {
    const key = await site();
    const page = freshPage();
    const liked = await comment(key, page);
    await warm(key, page);
    expect((await postJson(`/api/v1/comments/${liked.comment.id}/like`, { reader: "reader-cachecache" })).status).toBe(200);
    expect((await fresh(key, page)).comments[0]?.likes).toBe(1);
  });

  it("an owner's approval, then spam", async () => {
    const key = await site({ moderation: "all" });
    const page = freshPage();
    const held = await comment(key, page, "à modérer");
    await warm(key, page);
    await admin(`/comments/${held.comment.id}`, { method: "PATCH", json: { status: "approved" } });
    expect(bodies(await fresh(key, page))).toEqual(["à modérer"]);
    await warm(key, page);
    await admin(`/comments/${held.comment.id}`, { method: "PATCH", json: { status: "spam" } });
    expect((await fresh(key, page)).comments).toEqual([]);
  });

  it("an owner's delete", async () => {
    const key = await site();
    const page = freshPage();
    const gone = await comment(key, page);
    await warm(key, page);
    expect((await admin(`/comments/${gone.comment.id}`, { method: "DELETE" })).status).toBeLessThan(300);
    expect((await fresh(key, page)).comments).toEqual([]);
  });

  it("an owner's edit", async () => {
    const key = await site();
    const page = freshPage();
    const edited = await comment(key, page, "coquille");
    await warm(key, page);
    expect((await admin(`/comments/${edited.comment.id}`, { method: "PATCH", json: { body: "propre" } })).status).toBe(200);
    expect(bodies(await fresh(key, page))).toEqual(["propre"]);
  });

  it("an owner's pin", async () => {
    const key = await site();
    const page = freshPage();
    await comment(key, page, "premier");
    const second = await comment(key, page, "second");
    await warm(key, page);
    expect((await admin(`/comments/${second.comment.id}`, { method: "PATCH", json: { pinned: true } })).status).toBe(200);
    expect(bodies(await fresh(key, page))).toEqual(["second", "premier"]);
  });

  it("an owner's reply", async () => {
    const key = await site();
    const page = freshPage();
    const parent = await comment(key, page, "question");
    await warm(key, page);
    expect((await admin(`/comments/${parent.comment.id}/reply`, { method: "POST", json: { body: "réponse" } })).status).toBe(201);
    const after = await fresh(key, page);
    expect(bodies(after)).toEqual(["question", "réponse"]);
    expect(after.comments[1]?.byOwner).toBe(true);
  });

  it("closing a thread", async () => {
    const key = await site();
    const page = freshPage();
    await comment(key, page);
    await warm(key, page);
    expect((await admin("/threads/close", { method: "POST", json: { site: key, page, closed: true } })).status).toBe(200);
    expect((await fresh(key, page)).thread.closed).toBe(true);
  });

  it("a thread's new title", async () => {
    const key = await site();
    const page = freshPage();
    await comment(key, page);
    await warm(key, page);
    expect((await admin("/threads", { method: "PATCH", json: { site: key, page, title: "Nouveau titre" } })).status).toBe(200);
    expect((await fresh(key, page)).thread.title).toBe("Nouveau titre");
  });

  it("an import into the thread", async () => {
    const key = await site();
    const page = `/imported-${crypto.randomUUID().slice(0, 8)}/`;
    await warm(key, page);
    const file = [{ id: page, title: "Importé", comments: [{ id: 1, author: "A", created: "2020-01-01 10:00:00", text: "ancien" }] }];
    await imported(key, "isso", JSON.stringify(file));
    const after = await fresh(key, page);
    expect(after.comments).toHaveLength(1);
    expect(after.thread.title).toBe("Importé");
  });

  it("a move, on both pages", async () => {
    const key = await site();
    const from = freshPage("from");
    const to = freshPage("to");
    await comment(key, from, "voyageur");
    await warm(key, from);
    await warm(key, to);
    expect((await admin("/threads/move", { method: "POST", json: { site: key, from, to } })).status).toBe(200);
    expect((await fresh(key, from)).comments).toEqual([]);
    expect(bodies(await fresh(key, to))).toEqual(["voyageur"]);
  });

  it("a settings change (displayDepth)", async () => {
    const key = await site({ displayDepth: 3 });
    const page = freshPage();
    await warm(key, page);
    expect((await admin(`/sites/${key}`, { method: "PUT", json: { displayDepth: 5 } })).status).toBe(200);
    expect((await fresh(key, page)).site.displayDepth).toBe(5);
  });

  it("a change of the site's origins", async () => {
    const key = await site();
    const page = freshPage();
    await warm(key, page);
    expect((await admin(`/sites/${key}`, { method: "PUT", json: { origins: ["https://new.example"] } })).status).toBe(200);
    const mine = await read(threadPath(key, page));
    expect(mine.status).toBe("MISS");
    expect(mine.res.headers.get("access-control-allow-origin")).toBeNull();
    const theirs = await read(threadPath(key, page), { origin: "https://new.example" });
    expect(theirs.res.headers.get("access-control-allow-origin")).toBe("https://new.example");
  });

  it("a write to another thread of the site leaves this one cached", async () => {
    const key = await site();
    const page = freshPage();
    await comment(key, page);
    await warm(key, page);
    await comment(key, freshPage(), "ailleurs");
    const after = await thread(key, page);
    expect(after.read.status).toBe("HIT");
    // The epoch changed, so the versions were read again: one query, and the answer still cached.
    expect(after.read.queries).toBe(1);
  });
});

describe("the triggers alone, as another data centre sees a write once its hot entry expires", () => {
  // Writes straight into D1 leave this data centre's epoch as it was: only the versions can tell.
  const expired = { ...cachingEnv, BASCULE_VERSION_TTL: "0" };
  const sql = (query: string, ...values: unknown[]) =>
    env.DB.prepare(query)
      .bind(...values)
      .run();
  const threadId = async (key: string, page: string) =>
    (await env.DB.prepare("SELECT id FROM threads WHERE site_key = ? AND page = ?").bind(key, page).first<{ id: number }>())?.id;

  async function readExpired(key: string, page: string): Promise<ThreadResponse> {
    const result = await read(threadPath(key, page), {}, expired);
    expect(result.status).toBe("MISS");
    return result.res.json();
  }

  it("an inserted comment, even one that leaves the count as it was", async () => {
    const key = await site();
    const page = freshPage();
    const first = await comment(key, page, "un");
    await warm(key, page);
    const id = `cache-insert-${crypto.randomUUID().slice(0, 8)}`;
    await sql(
      `INSERT INTO comments (id, thread_id, root_id, depth, path, body, html, status, created_at)
       SELECT ?1, thread_id, ?1, 0, 'zz', 'deux', '<p>deux</p>', 'approved', created_at FROM comments WHERE id = ?2`,
      id,
      first.comment.id,
    );
    expect((await readExpired(key, page)).comments).toHaveLength(2);
  });

  it("a deleted comment", async () => {
    const key = await site();
    const page = freshPage();
    const gone = await comment(key, page, "parti");
    await warm(key, page);
    await sql("DELETE FROM comments WHERE id = ?", gone.comment.id);
    expect((await readExpired(key, page)).comments).toEqual([]);
  });

  it("a deleted thread, in the counts", async () => {
    const key = await site();
    const page = freshPage();
    await comment(key, page);
    const path = `/api/v1/counts?site=${key}&page=${encodeURIComponent(page)}`;
    await read(path);
    expect((await read(path)).status).toBe("HIT");
    const id = await threadId(key, page);
    await sql("DELETE FROM comments WHERE thread_id = ?", id);
    await sql("DELETE FROM threads WHERE id = ?", id);
    const after = await read(path, {}, expired);
    expect(after.status).toBe("MISS");
    expect(((await after.res.json()) as CountsResponse).counts[page]).toBe(0);
  });

  it("a thread deleted and made again, even under the same id", async () => {
    const key = await site();
    const page = freshPage();
    await comment(key, page, "ancien");
    await warm(key, page);
    const id = await threadId(key, page);
    await sql("DELETE FROM comments WHERE thread_id = ?", id);
    await sql("DELETE FROM threads WHERE id = ?", id);
    // The same writes again: the same row id (it was the last) and as many bumps as the old thread had.
    await comment(key, page, "nouveau");
    expect(await threadId(key, page)).toBe(id);
    expect(bodies(await readExpired(key, page))).toEqual(["nouveau"]);
  });

  it("a site deleted and made again under the same key", async () => {
    const key = await site({ displayDepth: 3 });
    const page = freshPage();
    await warm(key, page);
    await sql("DELETE FROM sites WHERE key = ?", key);
    await createSite(key, { moderation: "none", displayDepth: 5 });
    expect((await readExpired(key, page)).site.displayDepth).toBe(5);
  });
});

describe("GET /api/v1/counts from the edge cache", () => {
  const countsPath = (key: string, pages: string[]) =>
    `/api/v1/counts?site=${key}${pages.map((p) => `&page=${encodeURIComponent(p)}`).join("")}`;

  it("answers a hit without D1, and a new count after a published comment on one of the pages", async () => {
    const key = await site();
    const pages = [freshPage(), freshPage(), freshPage()];
    await comment(key, pages[0] ?? "");
    const miss = await read(countsPath(key, pages));
    expect(miss.status).toBe("MISS");
    const hit = await read(countsPath(key, [...pages].reverse()));
    expect(hit.status).toBe("HIT");
    expect(hit.queries).toBe(0);
    expect(((await hit.res.json()) as CountsResponse).counts).toEqual({ [pages[0] ?? ""]: 1, [pages[1] ?? ""]: 0, [pages[2] ?? ""]: 0 });

    await comment(key, pages[2] ?? "");
    const after = await read(countsPath(key, pages));
    expect(after.status).toBe("MISS");
    expect(((await after.res.json()) as CountsResponse).counts[pages[2] ?? ""]).toBe(1);
  });

  it("answers If-None-Match with a 304, and no 404 is cached", async () => {
    const key = await site();
    const first = await read(countsPath(key, ["/a"]));
    const etag = first.res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    const again = await read(countsPath(key, ["/a"]), { "If-None-Match": etag });
    expect(again.res.status).toBe(304);
    expect(again.queries).toBe(0);
    const missing = unusedSite("nocounts");
    expect((await read(countsPath(missing, ["/a"]))).res.status).toBe(404);
    expect((await read(countsPath(missing, ["/a"]))).status).toBeNull();
  });
});

describe("D1 sessions", () => {
  it("answers a bookmark, accepts it back (reading the versions from D1, not the edge), and ignores a garbage one", async () => {
    const key = await site();
    const page = freshPage();
    await comment(key, page);
    const first = await read(threadPath(key, page));
    const bookmark = first.res.headers.get("x-d1-bookmark");
    expect(bookmark).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/);
    const back = await read(threadPath(key, page), { "x-d1-bookmark": bookmark ?? "" });
    expect(back.res.status).toBe(200);
    expect(back.status).toBe("HIT");
    expect(back.queries).toBe(1);
    expect(back.res.headers.get("x-d1-bookmark")).toMatch(/^[0-9a-f]{8}-/);
    const garbage = await read(threadPath(key, page), { "x-d1-bookmark": "'; DROP TABLE comments; --" });
    expect(garbage.res.status).toBe(200);
    expect(garbage.queries).toBe(0);
    const counts = await read(`/api/v1/counts?site=${key}&page=${encodeURIComponent(page)}`, { "x-d1-bookmark": bookmark ?? "" });
    expect(counts.res.status).toBe(200);
    expect(counts.res.headers.get("x-d1-bookmark")).toMatch(/^[0-9a-f]{8}-/);
  });

  it("answers a write's bookmark, which the writer's next read may send back", async () => {
    const key = await site();
    const page = freshPage();
    const posted = await postJson("/api/v1/comments", { site: key, page, body: "écrit" });
    expect(posted.status).toBe(201);
    const bookmark = posted.headers.get("x-d1-bookmark");
    expect(bookmark).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/);
    expect(posted.headers.get("access-control-expose-headers")).toContain("x-d1-bookmark");
    const owner = await admin(`/sites/${key}`, { method: "PUT", json: { displayDepth: 4 } });
    expect(owner.headers.get("x-d1-bookmark")).toMatch(/^[0-9a-f]{8}-/);
    const next = await read(threadPath(key, page), { "x-d1-bookmark": bookmark ?? "" });
    expect(bodies((await next.res.json()) as ThreadResponse)).toEqual(["écrit"]);
  });

  it("allows the bookmark header in preflight", async () => {
    const res = await call("/api/v1/threads", { method: "OPTIONS", headers: { "access-control-request-headers": "x-d1-bookmark" } });
    expect(res.headers.get("access-control-allow-headers")).toContain("x-d1-bookmark");
  });
});
