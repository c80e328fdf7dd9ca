import { env } from "cloudflare:workers";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import type { BasculeExport } from "../../worker/lib/export/bascule-format.ts";
import { generateWxr } from "../../bench/wxr-generator.ts";
import { call, postJson } from "./helpers.ts";
import { exported, freshSite, imported, storedComments, storedThreads, unusedSite } from "./import-helpers.ts";

// Exports: Bascule's JSON holds everything and survives a round trip; WXR is read back by
// our own importer with nothing lost, and has WordPress's structure.

async function basculeExport(site: string): Promise<BasculeExport> {
  return (await exported(site, "bascule")).json();
}

/** An export without what differs between two sites holding the same comments. */
function comparable(data: BasculeExport): unknown {
  const { site, exportedAt: _exportedAt, ...rest } = data;
  const { key: _key, ...siteRest } = site;
  return { ...rest, site: siteRest };
}

/** A site with a bit of everything: imported WordPress comments plus comments written here, edited, liked, pinned, deleted. */
async function richSite(label: string): Promise<string> {
  const site = await freshSite(label, { moderation: "none", minSubmitSeconds: 0, holdWords: ["casino"], locale: "fr" });
  await imported(site, "wxr", env.FIXTURE_WP_THEME_WXR);
  const { xml } = generateWxr({ posts: 12, comments: 300, seed: 11, site: "https://generated.example" });
  await imported(site, "wxr", xml);
  const page = "https://blog.example/written-here";
  const post = async (body: string, parentId?: string, ip = "198.51.100.7") => {
    const res = await postJson(
      "/api/v1/comments",
      { site, page, title: "Written here", body, author: { name: " Zoé ", email: "Zoe@Example.org" }, ...(parentId ? { parentId } : {}) },
      { headers: { "cf-connecting-ip": ip } },
    );
    expect(res.status).toBe(201);
    const { comment, editToken } = (await res.json()) as { comment: { id: string }; editToken: string };
    tokens.set(comment.id, editToken);
    return comment.id;
  };
  const tokens = new Map<string, string>();
  const first = await post("First **native** comment");
  const reply = await post("A reply with a [link](https://example.org)", first, "198.51.100.8");
  const gone = await post("Soon a placeholder", undefined, "198.51.100.9");
  await post("Reply that keeps the placeholder", gone, "198.51.100.10");
  const removed = await call(`/api/v1/comments/${gone}`, { method: "DELETE", headers: { authorization: `Bearer ${tokens.get(gone)}` } });
  expect(removed.status).toBe(204);
  await postJson(`/api/v1/comments/${first}/like`, { reader: "reader-one-123" }, { headers: { "cf-connecting-ip": "203.0.113.1" } });
  await postJson(`/api/v1/comments/${first}/like`, { reader: "reader-two-456" }, { headers: { "cf-connecting-ip": "203.0.113.2" } });
  await env.DB.batch([
    env.DB.prepare("UPDATE comments SET pinned = 1 WHERE id = ?").bind(first),
    env.DB.prepare("UPDATE comments SET body = 'Edited', html = '<p>Edited</p>', edited_at = ? WHERE id = ?").bind(
      "2026-01-02T03:04:05.678Z",
      reply,
    ),
    env.DB.prepare("UPDATE threads SET closed = 1 WHERE site_key = ? AND page = ?").bind(site, page),
  ]);
  return site;
}

describe("Bascule export", () => {
  it("holds the site settings, threads and comments with every field, placeholders included", async () => {
    const site = await richSite("export-all");
    const data = await basculeExport(site);
    expect(data).toMatchObject({
      format: "bascule",
      version: 1,
      site: { key: site, origins: ["http://localhost:8787"], settings: { holdWords: ["casino"], locale: "fr" } },
    });
    const comments = data.threads.flatMap((thread) => thread.comments);
    expect(comments).toHaveLength((await storedComments(site)).length);
    expect(data.threads.map((thread) => thread.page)).toEqual((await storedThreads(site)).map((thread) => thread.page));

    const here = data.threads.find((thread) => thread.page === "https://blog.example/written-here");
    expect(here).toMatchObject({ title: "Written here", closed: true, count: 3, source: null });
    const [first, reply, placeholder, last] = here?.comments ?? [];
    expect(first).toMatchObject({
      id: expect.stringMatching(/^bascule:[A-Za-z0-9_-]{21}$/),
      parent: null,
      author: { name: " Zoé ", email: "zoe@example.org", website: null },
      body: "First **native** comment",
      html: "<p>First <strong>native</strong> comment</p>",
      status: "approved",
      likes: 2,
      pinned: true,
      ipHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(first?.likeRecords).toHaveLength(2);
    expect(reply).toMatchObject({ parent: first?.id, body: "Edited", editedAt: "2026-01-02T03:04:05.678Z" });
    expect(placeholder).toMatchObject({ status: "deleted", author: null, body: "", html: "" });
    expect(last).toMatchObject({ parent: placeholder?.id });

    const wordpress = data.threads.find((thread) => thread.title === "Template: Comments");
    expect(wordpress?.source).toBe("wxr:1148");
    expect(wordpress?.comments[0]?.id).toMatch(/^wxr:1148#\d+$/);
  });

  it("round trip: export, import into a fresh site, export again: the same file (WordPress fixture and generated data)", async () => {
    const site = await richSite("round-a");
    const first = await basculeExport(site);
    const fresh = unusedSite("round-b");
    const answer = await imported(fresh, "bascule", JSON.stringify(first));
    expect(answer).toMatchObject({
      threads: first.threads.length,
      comments: first.threads.flatMap((thread) => thread.comments).length,
      existing: 0,
      problems: [],
    });
    const second = await basculeExport(fresh);
    expect(second.site.key).toBe(fresh);
    expect(comparable(second)).toEqual(comparable(first));
    // And importing the same export again creates nothing.
    expect(await imported(fresh, "bascule", JSON.stringify(first))).toMatchObject({ threads: 0, comments: 0 });
    // Nor does importing a site's export into the site itself.
    expect(await imported(site, "bascule", JSON.stringify(first))).toMatchObject({ threads: 0, comments: 0, existing: answer.comments });
  });

  it("replaces an existing site's settings only when asked", async () => {
    const site = await richSite("settings-a");
    const data = await basculeExport(site);
    const other = await freshSite("settings-b", { moderation: "all" });
    await imported(other, "bascule", JSON.stringify({ ...data, threads: [] }));
    expect((await basculeExport(other)).site.settings).toEqual({ moderation: "all" });
    await imported(other, "bascule", JSON.stringify({ ...data, threads: [] }), "&settings=replace");
    expect((await basculeExport(other)).site.settings).toEqual(data.site.settings);
  });
});

interface XmlNode {
  name: string;
  children: XmlNode[];
}

/** The element tree of an XML file, read with saxes directly. */
function tree(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: "#document", children: [] };
  const stack = [root];
  parser.on("opentag", (tag) => {
    const node = { name: tag.name, children: [] };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on("closetag", () => void stack.pop());
  parser.write(xml).close();
  return root;
}

const childNamed = (node: XmlNode | undefined, name: string) => node?.children.filter((child) => child.name === name) ?? [];

describe("WXR export", () => {
  it("is read back by our own WXR importer with nothing lost", async () => {
    const site = await richSite("wxr-a");
    const wxr = await (await exported(site, "wxr")).text();
    const copy = await freshSite("wxr-b");
    const answer = await imported(copy, "wxr", wxr);
    const original = await basculeExport(site);
    expect(answer).toMatchObject({
      threads: original.threads.length,
      comments: original.threads.flatMap((thread) => thread.comments).length,
      skipped: 0,
      problems: [],
    });
    // Everything but the site's settings, which WXR has no place for.
    const back = await basculeExport(copy);
    expect(back.threads).toEqual(original.threads);
  });

  it("parses as XML with the structure of WordPress's own export: rss > channel > item > wp:comment, same fields", async () => {
    const site = await richSite("wxr-shape");
    const res = await exported(site, "wxr");
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    const ours = tree(await res.text());
    const theirs = tree(env.FIXTURE_WP_THEME_WXR);
    const comments = (doc: XmlNode) =>
      childNamed(childNamed(childNamed(doc, "rss")[0], "channel")[0], "item").flatMap((item) => childNamed(item, "wp:comment"));
    const fields = (comment: XmlNode) => comment.children.map((child) => child.name).filter((name) => name !== "wp:commentmeta");
    const theirFields = comments(theirs).map(fields);
    const ourFields = comments(ours).map(fields);
    expect(new Set(theirFields.map((names) => names.join()))).toEqual(new Set([ourFields[0]?.join()]));
    expect(new Set(ourFields.map((names) => names.join())).size).toBe(1);
    expect(ourFields.length).toBe((await storedComments(site)).length);
    for (const comment of comments(ours)) {
      for (const meta of childNamed(comment, "wp:commentmeta"))
        expect(meta.children.map((child) => child.name)).toEqual(["wp:meta_key", "wp:meta_value"]);
    }
    const channel = childNamed(childNamed(ours, "rss")[0], "channel")[0];
    expect(childNamed(channel, "wp:wxr_version")).toHaveLength(1);
  });

  it("writes WordPress's threading and approval states", async () => {
    const site = await freshSite("wxr-states");
    await imported(
      site,
      "isso",
      JSON.stringify([
        {
          id: "https://blog.example/states",
          title: "States",
          comments: [
            { id: 1, author: "A", created: "2021-01-01 10:00:00", text: "approved" },
            { id: 2, author: "B", created: "2021-01-02 10:00:00", text: "pending", parent: 1, mode: 2 },
            { id: 3, created: "2021-01-03 10:00:00", text: "", mode: 4 },
            { id: 4, author: "D", created: "2021-01-04 10:00:00", text: "reply to a placeholder", parent: 3 },
          ],
        },
      ]),
    );
    await env.DB.prepare("UPDATE comments SET status = 'spam' WHERE source_id = ?").bind("https://blog.example/states#4").run();
    const wxr = await (await exported(site, "wxr")).text();
    const rows = [
      ...wxr.matchAll(
        /<wp:comment_id>(\d+)<\/wp:comment_id>[\s\S]*?<wp:comment_approved><!\[CDATA\[(\w+)\]\]><\/wp:comment_approved>[\s\S]*?<wp:comment_parent>(\d+)<\/wp:comment_parent>/g,
      ),
    ];
    expect(rows.map(([, id, approved, parent]) => [id, approved, parent])).toEqual([
      ["1", "1", "0"],
      ["2", "0", "1"],
      ["3", "trash", "0"],
      ["4", "spam", "3"],
    ]);
  });
});
