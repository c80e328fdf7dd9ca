// Issue 10, item 12: DELETE /api/v1/admin/sites/:site removes a site and all its data, once
// the request confirms the key, in bounded steps; and migration 0010 removes an unused demo site.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deleteSiteData, SITE_DELETE_STEPS } from "../../worker/db/site-delete.ts";
import worker from "../../worker/index.ts";
import { DEMO_SITE, demoSiteSql } from "../../scripts/demo-seed.ts";
import { admin, call, freshPage, postComment, postJson } from "./helpers.ts";

let siteCounter = 0;

/** A site with threads, a reply chain, likes, a ban and audit rows: something in every table that holds a site's data. */
async function populatedSite(): Promise<string> {
  siteCounter += 1;
  const key = `doomed-${siteCounter}-${crypto.randomUUID().slice(0, 6)}`;
  expect(
    (await admin("/sites", { method: "POST", json: { key, origins: ["http://localhost:8787"], moderation: "none", minSubmitSeconds: 0 } }))
      .status,
  ).toBe(201);
  for (const page of [freshPage(), freshPage()]) {
    let parentId: string | undefined;
    for (let depth = 0; depth < 3; depth++) {
      const { comment } = await postComment({ site: key, page, parentId, body: `level ${depth} ${crypto.randomUUID()}` });
      await postJson(`/api/v1/comments/${comment.id}/like`, { reader: crypto.randomUUID() });
      parentId = comment.id;
    }
  }
  expect((await admin("/bans", { method: "POST", json: { site: key, kind: "name", value: "Spammer" } })).status).toBeLessThan(300);
  expect((await admin(`/sites/${key}`, { method: "PUT", json: { maxLinks: 3 } })).status).toBe(200);
  return key;
}

async function rowsOf(key: string): Promise<Record<string, number>> {
  const count = async (sql: string) => (await env.DB.prepare(sql).bind(key).first<{ n: number }>())?.n ?? -1;
  return {
    sites: await count("SELECT count(*) AS n FROM sites WHERE key = ?"),
    threads: await count("SELECT count(*) AS n FROM threads WHERE site_key = ?"),
    comments: await count("SELECT count(*) AS n FROM comments JOIN threads ON threads.id = comments.thread_id WHERE threads.site_key = ?"),
    likes: await count(
      "SELECT count(*) AS n FROM likes JOIN comments ON comments.id = likes.comment_id JOIN threads ON threads.id = comments.thread_id WHERE threads.site_key = ?",
    ),
    bans: await count("SELECT count(*) AS n FROM bans WHERE site_key = ?"),
    audit: await count("SELECT count(*) AS n FROM audit WHERE site_key = ?"),
  };
}

const EMPTY = { sites: 0, threads: 0, comments: 0, likes: 0, bans: 0, audit: 0 };

function deleteSite(key: string, json: unknown, token?: string | null) {
  return admin(`/sites/${key}`, { method: "DELETE", json, token });
}

describe("DELETE /api/v1/admin/sites/:site", () => {
  it("removes the site and everything it holds, and nothing of another site", async () => {
    const doomed = await populatedSite();
    const kept = await populatedSite();
    const before = await rowsOf(kept);
    expect((await rowsOf(doomed)).likes).toBe(6);

    const res = await deleteSite(doomed, { confirm: doomed });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ site: doomed, done: true, deleted: { threads: 2, comments: 6, likes: 6, bans: 1 } });
    expect(await rowsOf(doomed)).toEqual(EMPTY);
    expect(await rowsOf(kept)).toEqual(before);
    expect((await admin(`/sites/${doomed}`)).status).toBe(404);
    const audit = await env.DB.prepare("SELECT detail FROM audit WHERE action = 'site.delete' AND detail LIKE ?")
      .bind(`%"${doomed}"%`)
      .first();
    expect(audit).not.toBeNull();
  });

  it("needs the key typed again in the body", async () => {
    const key = await populatedSite();
    for (const json of [{}, { confirm: "other" }, { confirm: key.toUpperCase() }]) {
      const res = await deleteSite(key, json);
      expect(res.status).toBe(400);
      expect((await res.json()) as object).toMatchObject({ error: { field: "confirm" } });
    }
    const extra = await deleteSite(key, { confirm: key, also: 1 });
    expect(extra.status).toBe(400);
    expect((await rowsOf(key)).sites).toBe(1);
  });

  it("needs the admin token, and answers 404 for an unknown site", async () => {
    const key = await populatedSite();
    expect((await deleteSite(key, { confirm: key }, null)).status).toBe(401);
    expect((await deleteSite(key, { confirm: key }, "wrong")).status).toBe(401);
    expect((await rowsOf(key)).sites).toBe(1);
    const unknown = await deleteSite("no-such-site", { confirm: "no-such-site" });
    expect(unknown.status).toBe(404);
  });

  it("works in bounded steps: a call never deletes more than steps × batch rows, and replies go before their parents", async () => {
    const key = await populatedSite();
    const calls: Awaited<ReturnType<typeof deleteSiteData>>[] = [];
    for (let i = 0; i < 50; i++) {
      const call = await deleteSiteData(env.DB, key, { batch: 2, steps: 2 });
      calls.push(call);
      const { threads, comments, likes, bans, audit } = call.deleted;
      // A step is at most two statements of `batch` rows, and the thread row itself.
      expect(threads + comments + likes + bans + audit).toBeLessThanOrEqual(2 * (2 * 2 + 1));
      if (call.done) break;
    }
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.at(-1)?.done).toBe(true);
    expect(await rowsOf(key)).toEqual(EMPTY);
  });

  it("answers 202 while data is left, and the same request again finishes the work", async () => {
    const key = await populatedSite();
    // One step per small thread: more threads than one call's steps.
    for (let i = 0; i < SITE_DELETE_STEPS; i++) await postComment({ site: key, page: freshPage() });
    const first = await deleteSite(key, { confirm: key });
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ site: key, done: false });
    expect((await rowsOf(key)).sites).toBe(1);
    const second = await deleteSite(key, { confirm: key });
    expect(second.status).toBe(200);
    expect(await rowsOf(key)).toEqual(EMPTY);
  });
});

describe("migration 0010 and the demo site", () => {
  const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0010_"));

  async function runMigration(): Promise<void> {
    if (migration === undefined) throw new Error("no migration 0010");
    for (const query of migration.queries) await env.DB.prepare(query).run();
  }

  /** The demo site exactly as 0001 inserted it. */
  async function asMigration0001Inserted(): Promise<void> {
    await env.DB.prepare("DELETE FROM sites WHERE key = 'demo' AND NOT EXISTS (SELECT 1 FROM threads WHERE site_key = 'demo')").run();
    await env.DB.prepare(demoSiteSql()).run();
  }

  const demoExists = async () =>
    (await env.DB.prepare("SELECT count(*) AS n FROM sites WHERE key = 'demo'").first<{ n: number }>())?.n === 1;

  it("no migration creates the demo site any more: a migrated database without it stays without it", async () => {
    const settings = await env.DB.prepare("SELECT origins, settings FROM sites WHERE key = 'demo'").first<{
      origins: string;
      settings: string;
    }>();
    // The tests' setup created it with the same SQL as `npm run dev`, which is 0001's row.
    expect(settings).toEqual({ origins: JSON.stringify(DEMO_SITE.origins), settings: JSON.stringify(DEMO_SITE.settings) });
    expect(env.TEST_MIGRATIONS[0]?.queries.join("\n")).toContain(settings?.settings);
  });

  it("removes a demo site that was never used", async () => {
    await asMigration0001Inserted();
    await runMigration();
    expect(await demoExists()).toBe(false);
    await env.DB.prepare(demoSiteSql()).run();
  });

  it("keeps a demo site whose settings changed, or that has a thread", async () => {
    await asMigration0001Inserted();
    await env.DB.prepare(`UPDATE sites SET settings = '{"moderation":"all"}' WHERE key = 'demo'`).run();
    await runMigration();
    expect(await demoExists()).toBe(true);

    await env.DB.prepare("DELETE FROM sites WHERE key = 'demo'").run();
    await env.DB.prepare(demoSiteSql()).run();
    await postComment({ page: freshPage() });
    await runMigration();
    expect(await demoExists()).toBe(true);
  });

  it("/ is the demo article only where BASCULE_DEMO is on (npm run dev), a page for the owner elsewhere", async () => {
    const production = await worker.fetch(new Request("http://localhost/"), env);
    expect(production.status).toBe(200);
    const page = await production.text();
    expect(page).toContain('href="/admin"');
    expect(page).not.toContain("embed.js");
    expect(production.headers.get("content-security-policy")).toContain("script-src 'self'");

    const dev = await worker.fetch(new Request("http://localhost/"), { ...env, BASCULE_DEMO: "on" } as Env);
    expect(dev.status).toBe(200);
    expect(await dev.text()).toContain('data-site="demo"');
    expect((await call("/")).status).toBe(200);
  });
});
