import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { postJson } from "./helpers.ts";
import { freshSite, imported, storedComments, storedThreads, unusedSite } from "./import-helpers.ts";

// Bascule's own export read back: what the file says about the site and its threads is
// checked like what an owner or a reader sends, never stored as the file wrote it.

const at = "2024-01-01T00:00:00.000Z";

function comment(id: string, fields: { parent?: string; status?: string; body?: string } = {}) {
  return {
    id,
    parent: fields.parent ?? null,
    author: fields.status === "deleted" ? null : { name: `Author ${id}`, email: null, website: null },
    body: fields.body ?? (fields.status === "deleted" ? "" : `Text of ${id}`),
    status: fields.status ?? "approved",
    createdAt: at,
    editedAt: null,
    likes: 0,
    likeRecords: [],
    pinned: false,
    ipHash: null,
  };
}

function exportFile(threads: object[], origins = ["https://blog.example"]) {
  return JSON.stringify({ format: "bascule", version: 1, site: { origins, settings: {}, createdAt: at }, threads });
}

function thread(page: string, comments: object[], fields: { url?: string | null } = {}) {
  return { page, url: fields.url ?? null, title: `Title of ${page}`, createdAt: at, closed: false, source: null, comments };
}

describe("Bascule import", () => {
  it("stores the site's origins as the settings route would (trimmed, lower-cased): the site's pages can be written to", async () => {
    const site = unusedSite("origins");
    await imported(site, "bascule", exportFile([], [" HTTPS://Blog.Example "]));
    const row = await env.DB.prepare("SELECT origins FROM sites WHERE key = ?").bind(site).first<{ origins: string }>();
    expect(JSON.parse(row?.origins ?? "null")).toEqual(["https://blog.example"]);
    const res = await postJson(
      "/api/v1/comments",
      { site, page: "https://blog.example/post", body: "Hello" },
      { origin: "https://blog.example" },
    );
    expect([201, 202]).toContain(res.status);
  });

  it("keeps a thread's url only when it is an http or https address, and says so", async () => {
    const site = await freshSite("bascule-url");
    const answer = await imported(
      site,
      "bascule",
      exportFile([
        thread("/script", [comment("bascule:a")], { url: "javascript:alert(1)" }),
        thread("/long", [comment("bascule:b")], { url: `https://blog.example/${"x".repeat(2_000)}` }),
        thread("/good", [comment("bascule:c")], { url: "https://blog.example/good/" }),
      ]),
    );
    expect(answer).toMatchObject({ threads: 3, comments: 3 });
    expect(answer.problems.map((problem) => problem.code)).toEqual(["url_dropped", "url_dropped"]);
    expect((await storedThreads(site)).map((row) => [row.page, row.url])).toEqual([
      ["/good", "https://blog.example/good/"],
      ["/long", null],
      ["/script", null],
    ]);
  });

  it("leaves out placeholders nobody replied to, however deep, and keeps those with replies", async () => {
    const site = await freshSite("bascule-prune");
    const answer = await imported(
      site,
      "bascule",
      exportFile([
        thread("/p", [
          comment("bascule:lone", { status: "deleted" }),
          comment("bascule:top", { status: "deleted" }),
          comment("bascule:middle", { status: "deleted", parent: "bascule:top" }),
          comment("bascule:kept", { status: "deleted" }),
          comment("bascule:reply", { parent: "bascule:kept" }),
        ]),
      ]),
    );
    expect(answer).toEqual({ threads: 1, comments: 2, skipped: 3, existing: 0, problems: [] });
    expect(Object.fromEntries((await storedComments(site)).map((row) => [row.source_id, row.status]))).toEqual({
      kept: "deleted",
      reply: "approved",
    });
    expect(await imported(site, "bascule", exportFile([thread("/p", [comment("bascule:only", { status: "deleted" })])]))).toEqual({
      threads: 0,
      comments: 0,
      skipped: 1,
      existing: 0,
      problems: [],
    });
  });
});
