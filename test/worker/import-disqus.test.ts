import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getThread } from "./helpers.ts";
import { freshSite, imported, storedComments, storedThreads, tally } from "./import-helpers.ts";

// The counts the tests expect come from the file, read with regular expressions.
function posts(xml: string) {
  return [...xml.matchAll(/<post dsq:id="(\d+)">([\s\S]*?)<\/post>/g)].map(([, id = "", body = ""]) => ({
    id,
    thread: /<thread dsq:id="(\d+)"/.exec(body)?.[1] ?? "",
    parent: /<parent dsq:id="(\d+)"/.exec(body)?.[1] ?? null,
    deleted: /<isDeleted>true<\/isDeleted>/.test(body),
    spam: /<isSpam>true<\/isSpam>/.test(body),
  }));
}
function threadsWithLinks(xml: string): Set<string> {
  return new Set(
    [...xml.matchAll(/<thread dsq:id="(\d+)">([\s\S]*?)<\/thread>/g)]
      .filter(([, , body = ""]) => /<link>\S+<\/link>/.test(body))
      .map(([, id = ""]) => id),
  );
}

describe("Disqus import", () => {
  it("imports Isso's Disqus file with exact counts: threads from <thread>, replies from <parent>, deletions and orphans", async () => {
    const xml = env.FIXTURE_ISSO_DISQUS;
    const all = posts(xml);
    const known = threadsWithLinks(xml);
    const placed = all.filter((post) => known.has(post.thread));
    const repliedTo = new Set(placed.map((post) => post.parent));
    const kept = placed.filter((post) => !post.deleted || repliedTo.has(post.id));
    expect([all.length, placed.length, kept.length]).toEqual([6, 5, 5]);

    const site = await freshSite("disqus");
    const answer = await imported(site, "disqus", xml);
    expect(answer).toMatchObject({
      threads: new Set(kept.map((post) => post.thread)).size,
      comments: kept.length,
      skipped: all.length - kept.length,
      existing: 0,
    });
    expect(answer.problems).toEqual([expect.objectContaining({ code: "thread_missing", source: "disqus:6" })]);

    const threads = await storedThreads(site);
    expect(threads.map((thread) => [thread.page, thread.title, thread.source_id])).toEqual([
      ["http://example.org/", "Hello, World!", "2"],
      ["http://localhost:4000/blog/2013/02/12/redacted/index.html", null, "7"],
    ]);
    const stored = await storedComments(site);
    const byKey = new Map(stored.map((row) => [row.source_id, row]));
    expect(tally(stored.map((row) => row.status))).toEqual(
      tally(kept.map((post) => (post.deleted ? "deleted" : post.spam ? "spam" : "approved"))),
    );
    for (const post of kept) {
      const parent = post.parent === null ? null : byKey.get(post.parent)?.id;
      expect(byKey.get(post.id)?.parent_id ?? null, `parent of ${post.id}`).toBe(parent ?? null);
    }
    expect(byKey.get("5")).toMatchObject({
      author_name: "user",
      author_email: "foo@bar.com",
      html: "<p>Hello, World.</p>",
      created_at: "2013-10-11T06:51:33.000Z",
    });
    // Post 9 is deleted but has a reply: a placeholder, with no author and no text.
    expect(byKey.get("9")).toMatchObject({ status: "deleted", author_name: null, author_email: null, body: "", html: "" });
    expect(byKey.get("11")?.parent_id).toBe(byKey.get("9")?.id);
    expect(threads[0]?.comment_count).toBe(3);

    // Posts 4 and 9 have the same time, so either comes first; each is followed by its reply.
    const thread = await getThread("http://example.org/", "", site);
    expect(thread.comments).toHaveLength(4);
    for (const [index, comment] of thread.comments.entries()) {
      if (comment.depth === 0) expect(thread.comments[index + 1]).toMatchObject({ depth: 1, parentId: comment.id, deleted: false });
    }
    expect(thread.comments.filter((comment) => comment.deleted)).toEqual([expect.objectContaining({ depth: 0, author: null, html: "" })]);
  });

  it("honours isSpam, drops deleted posts nobody replied to, and imports nothing twice", async () => {
    const post = (id: number, flags: { spam?: boolean; deleted?: boolean; parent?: number } = {}) => `
      <post dsq:id="${id}">
        <message><![CDATA[<p>Post ${id}</p>]]></message>
        <createdAt>2020-05-0${id}T10:00:00Z</createdAt>
        <isDeleted>${flags.deleted === true}</isDeleted>
        <isSpam>${flags.spam === true}</isSpam>
        <author><name>Name ${id}</name><email>Name${id}@Example.org</email></author>
        <thread dsq:id="1" />${flags.parent ? `<parent dsq:id="${flags.parent}" />` : ""}
      </post>`;
    const xml = `<?xml version="1.0"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><link>https://blog.example/post/</link><title>Post</title></thread>
  ${post(1)}${post(2, { spam: true })}${post(3, { deleted: true })}${post(4, { deleted: true })}${post(5, { deleted: true, parent: 4 })}
</disqus>`;
    const site = await freshSite("disqus-flags");
    const answer = await imported(site, "disqus", xml);
    // 3 is deleted with no reply; 5 is deleted with no reply, so 4 is left with none either.
    expect(answer).toEqual({ threads: 1, comments: 2, skipped: 3, existing: 0, problems: [] });
    expect(Object.fromEntries((await storedComments(site)).map((row) => [row.source_id, [row.status, row.author_email]]))).toEqual({
      "1": ["approved", "name1@example.org"],
      "2": ["spam", "name2@example.org"],
    });
    expect(await imported(site, "disqus", xml)).toEqual({ threads: 0, comments: 0, skipped: 3, existing: 2, problems: [] });
  });

  it("keeps a thread's link as its url only when it is an http or https address, and says so", async () => {
    const xml = `<?xml version="1.0"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="1"><link>javascript:alert(1)</link><title>Odd</title></thread>
  <post dsq:id="2"><message><![CDATA[<p>Hi</p>]]></message><createdAt>2020-05-01T10:00:00Z</createdAt><thread dsq:id="1" /></post>
</disqus>`;
    const site = await freshSite("disqus-url");
    const answer = await imported(site, "disqus", xml);
    expect(answer).toMatchObject({ threads: 1, comments: 1 });
    expect(answer.problems.map((problem) => [problem.code, problem.source])).toEqual([["url_dropped", "disqus:1"]]);
    expect((await storedThreads(site)).map((thread) => [thread.page, thread.url])).toEqual([["javascript:alert(1)", null]]);
  });
});
