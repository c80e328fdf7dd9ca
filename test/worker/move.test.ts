import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { childPath } from "../../worker/lib/thread-order.ts";
import { getThread } from "./helpers.ts";
import { freshSite, imported, owner, storedComments, storedThreads } from "./import-helpers.ts";

// Moving threads when URLs change: one thread (move), or every thread under a prefix
// (rewrite), merging in date order into a thread that already has comments.

interface Comment {
  id: number;
  created: string;
  text: string;
  parent?: number;
  mode?: number;
}

/** Threads with comments at the given times, imported from an Isso file. */
async function seed(site: string, threads: Record<string, Comment[]>): Promise<void> {
  const file = Object.entries(threads).map(([id, comments]) => ({
    id,
    title: `Title of ${id}`,
    comments: comments.map((comment) => ({ author: "A", ...comment })),
  }));
  await imported(site, "isso", JSON.stringify(file));
}

async function move(body: object): Promise<Response> {
  return owner("/threads/move", { method: "POST", json: body });
}

async function rewrite(body: object): Promise<Response> {
  return owner("/threads/rewrite", { method: "POST", json: body });
}

async function audits(site: string) {
  const { results } = await env.DB.prepare("SELECT actor, action, detail FROM audit WHERE site_key = ? ORDER BY id")
    .bind(site)
    .all<{ actor: string; action: string; detail: string }>();
  return results.map((row) => ({ ...row, detail: JSON.parse(row.detail) as unknown }));
}

/** Every stored comment's path is what its parent's path and its own time and id make. */
async function expectConsistentPaths(site: string): Promise<void> {
  const rows = await storedComments(site);
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const row of rows) {
    const parent = row.parent_id === null ? null : byId.get(row.parent_id);
    expect(row.path).toBe(childPath(parent?.path ?? null, row.created_at, row.id));
    expect(row.root_id).toBe(parent?.root_id ?? row.id);
    if (parent) expect(parent.page).toBe(row.page);
  }
}

describe("POST /api/v1/admin/threads/move", () => {
  it("moves a thread to a new page key, with its title, and writes an audit row", async () => {
    const site = await freshSite("move");
    await seed(site, {
      "https://old.example/post/": [
        { id: 1, created: "2020-01-01 10:00:00", text: "one" },
        { id: 2, created: "2020-01-02 10:00:00", text: "two", parent: 1 },
      ],
    });
    const res = await move({ site, from: "https://old.example/post/", to: "https://new.example/post/?utm=x" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ moved: [{ from: "https://old.example/post", to: "https://new.example/post", merged: false }] });

    expect((await storedThreads(site)).map((thread) => [thread.page, thread.url, thread.title, thread.comment_count])).toEqual([
      ["https://new.example/post", "https://new.example/post", "Title of https://old.example/post/", 2],
    ]);
    expect((await getThread("https://new.example/post", "", site)).comments.map((comment) => comment.html)).toEqual([
      "<p>one</p>",
      "<p>two</p>",
    ]);
    expect((await getThread("https://old.example/post", "", site)).comments).toEqual([]);
    expect((await audits(site)).filter((row) => row.action === "thread_move")).toEqual([
      {
        actor: expect.stringMatching(/^[0-9a-f]{12}$/),
        action: "thread_move",
        detail: { moved: [{ from: "https://old.example/post", to: "https://new.example/post", merged: false }] },
      },
    ]);
  });

  it("merges into a thread that already has comments, in date order, replies under their parents", async () => {
    const site = await freshSite("merge");
    await seed(site, {
      "/old": [
        { id: 1, created: "2020-01-01 10:00:00", text: "old 1" },
        { id: 2, created: "2020-01-05 10:00:00", text: "old 1, reply", parent: 1 },
        { id: 3, created: "2020-01-03 10:00:00", text: "old 3" },
        { id: 4, created: "2020-01-06 10:00:00", text: "old 4, pending", mode: 2 },
      ],
      "/new": [
        { id: 1, created: "2020-01-02 10:00:00", text: "new 2" },
        { id: 2, created: "2020-01-04 10:00:00", text: "new 4" },
        { id: 3, created: "2020-01-04 12:00:00", text: "new 4, reply", parent: 2 },
      ],
    });
    const res = await move({ site, from: "/old", to: "/new" });
    expect(await res.json()).toEqual({ moved: [{ from: "/old", to: "/new", merged: true }] });

    const threads = await storedThreads(site);
    expect(threads.map((thread) => [thread.page, thread.comment_count, thread.title])).toEqual([["/new", 6, "Title of /new"]]);
    const thread = await getThread("/new", "", site);
    expect(thread.comments.map((comment) => [comment.depth, comment.html])).toEqual([
      [0, "<p>old 1</p>"],
      [1, "<p>old 1, reply</p>"],
      [0, "<p>new 2</p>"],
      [0, "<p>old 3</p>"],
      [0, "<p>new 4</p>"],
      [1, "<p>new 4, reply</p>"],
    ]);
    expect(thread.thread.count).toBe(6);
    expect((await storedComments(site)).filter((row) => row.status === "pending").map((row) => row.page)).toEqual(["/new"]);
    await expectConsistentPaths(site);
  });

  it("refuses an unknown thread (404), the same page (400) and bad input (400)", async () => {
    const site = await freshSite("move-errors");
    await seed(site, { "/here": [{ id: 1, created: "2020-01-01 10:00:00", text: "x" }] });
    const missing = await move({ site, from: "/nowhere", to: "/here" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "thread_not_found", field: "from" } });
    const same = await move({ site, from: "/here", to: " /here " });
    expect(same.status).toBe(400);
    expect(await same.json()).toMatchObject({ error: { code: "to_same_page" } });
    const bad = await move({ site, from: "/here" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "to_required", field: "to" } });
    expect((await storedThreads(site)).map((thread) => thread.page)).toEqual(["/here"]);
  });

  it("a moved thread's file imported again creates nothing, at the old key or the new", async () => {
    const site = await freshSite("move-again");
    await imported(site, "wxr", env.FIXTURE_ISSO_WXR);
    const before = (await storedComments(site)).length;
    await move({ site, from: "http://example.tld/2014/test", to: "https://example.tld/2014/test" });
    await move({ site, from: "http://example.tld/", to: "https://example.tld/2014/test" });
    const again = await imported(site, "wxr", env.FIXTURE_ISSO_WXR);
    expect(again).toMatchObject({ threads: 0, comments: 0, existing: before });
    expect((await storedThreads(site)).map((thread) => thread.page)).toEqual(["https://example.tld/2014/test"]);
  });

  it("refuses a new key that normalisation makes longer than 2000 characters", async () => {
    const site = await freshSite("move-long");
    await seed(site, { "/here": [{ id: 1, created: "2020-01-01 10:00:00", text: "x" }] });
    // 500 characters as sent, 3000 once the URL percent-encodes them.
    const res = await move({ site, from: "/here", to: `https://blog.example/${"é".repeat(500)}` });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "to_invalid", field: "to" } });
    expect((await storedThreads(site)).map((thread) => thread.page)).toEqual(["/here"]);
  });
});

describe("POST /api/v1/admin/threads/rewrite", () => {
  it("moves every thread under a prefix (a domain change), merging where the new key has a thread", async () => {
    const site = await freshSite("rewrite");
    await seed(site, {
      "http://blog.example/a": [{ id: 1, created: "2020-01-01 10:00:00", text: "a old" }],
      "http://blog.example/b/": [
        { id: 1, created: "2020-01-01 10:00:00", text: "b old" },
        { id: 2, created: "2020-01-03 10:00:00", text: "b old 2" },
      ],
      "https://blog.example/b": [{ id: 1, created: "2020-01-02 10:00:00", text: "b new" }],
      "http://other.example/c": [{ id: 1, created: "2020-01-01 10:00:00", text: "untouched" }],
    });
    const res = await rewrite({ site, prefixFrom: "http://blog.example/", prefixTo: "https://blog.example/" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      moved: [
        { from: "http://blog.example/a", to: "https://blog.example/a", merged: false },
        { from: "http://blog.example/b", to: "https://blog.example/b", merged: true },
      ],
    });
    expect((await storedThreads(site)).map((thread) => [thread.page, thread.comment_count])).toEqual([
      ["http://other.example/c", 1],
      ["https://blog.example/a", 1],
      ["https://blog.example/b", 3],
    ]);
    expect((await getThread("https://blog.example/b", "", site)).comments.map((comment) => comment.html)).toEqual([
      "<p>b old</p>",
      "<p>b new</p>",
      "<p>b old 2</p>",
    ]);
    await expectConsistentPaths(site);
    expect((await audits(site)).filter((row) => row.action === "thread_rewrite")).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({ prefixFrom: "http://blog.example/", prefixTo: "https://blog.example/" }),
      }),
    ]);
  });

  it("moves threads onto keys that other moving threads leave, without merging them", async () => {
    const site = await freshSite("rewrite-chain");
    await seed(site, {
      "/a/x": [{ id: 1, created: "2020-01-01 10:00:00", text: "was /a/x" }],
      "/a/b/x": [{ id: 1, created: "2020-01-01 10:00:00", text: "was /a/b/x" }],
    });
    const res = await rewrite({ site, prefixFrom: "/a/", prefixTo: "/a/b/" });
    expect(await res.json()).toEqual({
      moved: [
        { from: "/a/b/x", to: "/a/b/b/x", merged: false },
        { from: "/a/x", to: "/a/b/x", merged: false },
      ],
    });
    const pages = Object.fromEntries(
      await Promise.all(
        ["/a/b/x", "/a/b/b/x"].map(async (page) => [page, (await getThread(page, "", site)).comments.map((comment) => comment.html)]),
      ),
    );
    expect(pages).toEqual({ "/a/b/x": ["<p>was /a/x</p>"], "/a/b/b/x": ["<p>was /a/b/x</p>"] });
  });

  it("does nothing, and writes no audit row, when no thread has the prefix", async () => {
    const site = await freshSite("rewrite-none");
    await seed(site, { "/keep": [{ id: 1, created: "2020-01-01 10:00:00", text: "x" }] });
    expect(await (await rewrite({ site, prefixFrom: "/gone/", prefixTo: "/new/" })).json()).toEqual({ moved: [] });
    expect((await audits(site)).map((row) => row.action)).toEqual(["import"]);
    const empty = await rewrite({ site, prefixFrom: "", prefixTo: "/new/" });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: "prefix_from_empty", field: "prefixFrom" } });
  });

  it("refuses a rewrite that would leave a thread with an empty key or one over 2000 characters, naming it, and moves nothing", async () => {
    const site = await freshSite("rewrite-bad-key");
    await seed(site, {
      "/old": [{ id: 1, created: "2020-01-01 10:00:00", text: "x" }],
      "/old/kept": [{ id: 1, created: "2020-01-01 10:00:00", text: "y" }],
    });
    for (const prefixTo of ["", "  "]) {
      const empty = await rewrite({ site, prefixFrom: "/old", prefixTo });
      expect(empty.status).toBe(400);
      const { error } = (await empty.json()) as { error: { code: string; message: string; field: string } };
      expect(error).toMatchObject({ code: "prefix_to_invalid", field: "prefixTo" });
      expect(error.message).toContain('"/old"');
    }
    const long = await rewrite({ site, prefixFrom: "/old/", prefixTo: `/${"z".repeat(1_996)}/` });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ error: { code: "prefix_to_invalid", message: expect.stringContaining('"/old/kept"') } });
    expect((await storedThreads(site)).map((thread) => thread.page)).toEqual(["/old", "/old/kept"]);
    expect((await audits(site)).map((row) => row.action)).toEqual(["import"]);
  });

  it("merges into a thread that the rewrite leaves where it is, instead of failing on its key", async () => {
    const site = await freshSite("rewrite-stays");
    await seed(site, {
      "https://blog.example/p": [{ id: 1, created: "2020-01-01 10:00:00", text: "p" }],
      "https://blog.example/pa": [{ id: 1, created: "2020-01-02 10:00:00", text: "pa" }],
    });
    // "/p" becomes "/p?", which normalises back to "/p"; "/pa" becomes "/p?a", which is "/p" too.
    const res = await rewrite({ site, prefixFrom: "https://blog.example/p", prefixTo: "https://blog.example/p?" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ moved: [{ from: "https://blog.example/pa", to: "https://blog.example/p", merged: true }] });
    expect((await storedThreads(site)).map((thread) => [thread.page, thread.comment_count])).toEqual([["https://blog.example/p", 2]]);
    await expectConsistentPaths(site);
  });
});
