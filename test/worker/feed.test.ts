// Issue 11, "Webhooks and feeds": the Atom 1.0 feeds of a site and of a thread, parsed with a
// real XML parser (saxes) and checked against what RFC 4287 requires; published comments only,
// no e-mail, HTML escaped, 50 at most, read from an index; and `thread.feed` in the thread read.
import { env } from "cloudflare:workers";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import type { ThreadResponse } from "../../worker/api-types.ts";
import { selectSiteFeed, selectThreadFeed } from "../../worker/db/feed.ts";
import { explain, recordingDb, type Captured } from "./query-plan.ts";
import { admin, call, createSite, freshPage, ORIGIN, postComment } from "./helpers.ts";

const ATOM = "http://www.w3.org/2005/Atom";

interface Element {
  name: string;
  ns: string;
  attributes: Record<string, string>;
  text: string;
  children: Element[];
}

/** The document as a tree of elements; saxes throws on anything that isn't well-formed, namespaced XML. */
function parse(xml: string): Element {
  const parser = new SaxesParser({ xmlns: true });
  const root: Element = { name: "", ns: "", attributes: {}, text: "", children: [] };
  const stack = [root];
  parser.on("opentag", (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((attribute) => [attribute.local, attribute.value]));
    const element: Element = { name: tag.local, ns: tag.uri, attributes, text: "", children: [] };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  });
  parser.on("text", (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on("closetag", () => void stack.pop());
  parser.write(xml).close();
  const [feed] = root.children;
  if (!feed) throw new Error("no root element");
  return feed;
}

const child = (element: Element, name: string) => element.children.find((item) => item.name === name);
const children = (element: Element, name: string) => element.children.filter((item) => item.name === name);

/** RFC 4287 §4.1.1–4.1.2: what every feed and every entry must have. */
function expectValidAtom(feed: Element): void {
  expect(feed.name).toBe("feed");
  expect(feed.ns).toBe(ATOM);
  for (const element of [feed, ...children(feed, "entry")]) {
    expect(children(element, "id")).toHaveLength(1);
    expect(children(element, "title")).toHaveLength(1);
    expect(children(element, "updated")).toHaveLength(1);
    expect(child(element, "id")?.text).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // RFC 3339 date-time.
    expect(child(element, "updated")?.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  }
  const self = children(feed, "link").find((link) => link.attributes.rel === "self");
  expect(self?.attributes.href).toMatch(/^http:\/\/localhost\/api\/v1\/feed\?site=/);
  for (const entry of children(feed, "entry")) {
    // A feed without an <author> needs one in every entry (§4.1.1); each entry has content.
    expect(child(child(entry, "author") ?? entry, "name")?.text).toBeTruthy();
    expect(child(entry, "content")?.attributes.type).toBe("html");
  }
  // Entry ids are unique in a feed.
  const ids = children(feed, "entry").map((entry) => child(entry, "id")?.text);
  expect(new Set(ids).size).toBe(ids.length);
}

async function newSite(settings: object = {}): Promise<string> {
  const key = `feed-${crypto.randomUUID().slice(0, 8)}`;
  await createSite(key, { moderation: "none", ...settings });
  return key;
}

async function getFeed(query: string, origin: string | null = null): Promise<{ res: Response; xml: string; feed: Element }> {
  const res = await call(`/api/v1/feed?${query}`, { origin });
  const xml = await res.text();
  expect(res.status, xml).toBe(200);
  const feed = parse(xml);
  expectValidAtom(feed);
  return { res, xml, feed };
}

const entryHtml = (feed: Element) => children(feed, "entry").map((entry) => child(entry, "content")?.text);

describe("GET /api/v1/feed", () => {
  it("a site's feed holds its published comments, newest first, as valid Atom with no e-mail", async () => {
    const key = await newSite();
    const [pageA, pageB] = [freshPage("a"), freshPage("b")];
    const email = "reader.hidden@mail.example";
    const first = await postComment({
      site: key,
      page: pageA,
      title: "Article A",
      url: "http://localhost:8787/a",
      body: "premier",
      author: { name: "Ada", email },
    });
    const second = await postComment({ site: key, page: pageB, body: "second", author: { name: "Bob", email } });
    const { res, xml, feed } = await getFeed(`site=${key}`);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(xml).not.toContain(email);
    expect(xml).not.toContain("mail.example");

    const entries = children(feed, "entry");
    expect(entries.map((entry) => child(child(entry, "author") ?? entry, "name")?.text)).toEqual(["Bob", "Ada"]);
    expect(entryHtml(feed)).toEqual([second.comment.html, first.comment.html]);
    const [bob, ada] = entries;
    if (!bob || !ada) throw new Error("entries missing");
    expect(child(ada, "title")?.text).toBe("Ada on Article A");
    expect(child(bob, "title")?.text).toBe(`Bob on ${pageB}`);
    expect(children(ada, "link").find((link) => link.attributes.rel === "alternate")?.attributes.href).toBe(
      `http://localhost:8787/a#comment-${first.comment.id}`,
    );
    // No thread URL known: no link, the entry still has its content.
    expect(children(bob, "link")).toEqual([]);
    expect(child(ada, "published")?.text).toBe(first.comment.createdAt);
    expect(child(ada, "updated")?.text).toBe(first.comment.createdAt);
    expect(child(feed, "updated")?.text).toBe(second.comment.createdAt);
    expect(child(feed, "title")?.text).toBe(`Comments on ${key}`);
  });

  it("holds no held, spam or deleted comment, and a placeholder's replies stay", async () => {
    const key = await newSite();
    const page = freshPage();
    const shown = await postComment({ site: key, page, body: "visible" });
    const held = await postComment({ site: key, page, body: "held later" });
    const spam = await postComment({ site: key, page, body: "spam later" });
    const gone = await postComment({ site: key, page, body: "deleted" });
    const parent = await postComment({ site: key, page, body: "parent, then a placeholder" });
    const reply = await postComment({ site: key, page, body: "reply", parentId: parent.comment.id });
    await admin(`/comments/${held.comment.id}`, { method: "PATCH", json: { status: "pending" } });
    await admin(`/comments/${spam.comment.id}`, { method: "PATCH", json: { status: "spam" } });
    await admin(`/comments/${gone.comment.id}`, { method: "DELETE" });
    await admin(`/comments/${parent.comment.id}`, { method: "DELETE" });
    const placeholder = await env.DB.prepare("SELECT status FROM comments WHERE id = ?")
      .bind(parent.comment.id)
      .first<{ status: string }>();
    expect(placeholder?.status).toBe("deleted");

    const expected = [reply.comment.html, shown.comment.html];
    expect(entryHtml((await getFeed(`site=${key}`)).feed)).toEqual(expected);
    expect(entryHtml((await getFeed(`site=${key}&page=${page}`)).feed)).toEqual(expected);
  });

  it("a thread's feed holds that thread only, and names it", async () => {
    const key = await newSite({ locale: "fr" });
    const [page, other] = [freshPage("t"), freshPage("o")];
    const mine = await postComment({ site: key, page, title: "Mon article", url: "http://localhost:8787/mon-article", body: "ici" });
    await postComment({ site: key, page: other, body: "ailleurs" });
    const { feed } = await getFeed(`site=${key}&page=${encodeURIComponent(page)}`);
    expect(entryHtml(feed)).toEqual([mine.comment.html]);
    expect(child(feed, "title")?.text).toBe("Commentaires : Mon article");
    expect(children(feed, "link").find((link) => link.attributes.rel === "alternate")?.attributes.href).toBe(
      "http://localhost:8787/mon-article",
    );
    expect(child(children(feed, "entry")[0] ?? feed, "title")?.text).toBe("Anonyme");
    // The site's feed has both; the ids are the same comment's in either feed.
    const site = (await getFeed(`site=${key}`)).feed;
    expect(children(site, "entry")).toHaveLength(2);
    const idIn = (f: Element) =>
      child(children(f, "entry").find((entry) => child(entry, "content")?.text === mine.comment.html) ?? f, "id")?.text;
    expect(idIn(site)).toBe(idIn(feed));
    expect(child(site, "id")?.text).not.toBe(child(feed, "id")?.text);
  });

  it("holds the 50 latest at most", async () => {
    const key = await newSite();
    const page = freshPage("many");
    for (let i = 0; i < 53; i++) await postComment({ site: key, page, body: `n° ${i}` });
    for (const query of [`site=${key}`, `site=${key}&page=${page}`]) {
      const { feed } = await getFeed(query);
      const html = entryHtml(feed);
      expect(html).toHaveLength(50);
      expect(html[0]).toContain("n° 52");
      expect(html[49]).toContain("n° 3");
    }
  });

  it("escapes HTML and names so they come back exactly, whatever they hold", async () => {
    const key = await newSite();
    const page = freshPage();
    const nasty = await postComment({
      site: key,
      page,
      title: 'Tom & "Jerry" <3 ]]>',
      body: "**gras** & <b>x</b>\n\n<script>alert(1)</script> ]]> \u0007",
      author: { name: "<img src=x onerror=alert(1)> & co" },
    });
    const { xml, feed } = await getFeed(`site=${key}&page=${page}`);
    expect(xml).not.toContain("<script");
    expect(xml).not.toContain("<img");
    expect(xml).not.toContain("<strong>");
    const [entry] = children(feed, "entry");
    expect(child(entry ?? feed, "content")?.text).toBe(nasty.comment.html);
    expect(nasty.comment.html).toContain("<strong>gras</strong>");
    expect(nasty.comment.html).not.toContain("<script");
    expect(child(child(entry ?? feed, "author") ?? feed, "name")?.text).toBe("<img src=x onerror=alert(1)> & co");
    expect(child(feed, "title")?.text).toBe('Comments: Tom & "Jerry" <3 ]]>');
  });

  it("an edited comment's entry is updated then, and keeps its id", async () => {
    const key = await newSite();
    const page = freshPage();
    const { comment } = await postComment({ site: key, page, body: "avant" });
    const before = children((await getFeed(`site=${key}&page=${page}`)).feed, "entry")[0];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const edited = await admin(`/comments/${comment.id}`, { method: "PATCH", json: { body: "après" } });
    const editedAt = ((await edited.json()) as { comment: { editedAt: string } }).comment.editedAt;
    const after = children((await getFeed(`site=${key}&page=${page}`)).feed, "entry")[0];
    expect(child(after ?? before ?? ({} as Element), "updated")?.text).toBe(editedAt);
    expect(child(after ?? ({} as Element), "published")?.text).toBe(comment.createdAt);
    expect(child(after ?? ({} as Element), "id")?.text).toBe(child(before ?? ({} as Element), "id")?.text);
  });

  it("is read without an Origin (a feed reader's), and the site's pages may read it too", async () => {
    const key = await newSite();
    await postComment({ site: key, page: freshPage(), body: "x" });
    const bare = await getFeed(`site=${key}`, null);
    expect(bare.res.headers.get("access-control-allow-origin")).toBeNull();
    const fromSite = await getFeed(`site=${key}`, ORIGIN);
    expect(fromSite.res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const fromElsewhere = await getFeed(`site=${key}`, "https://elsewhere.example");
    expect(fromElsewhere.res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers an ETag, and a 304 to If-None-Match", async () => {
    const key = await newSite();
    await postComment({ site: key, page: freshPage(), body: "x" });
    const { res } = await getFeed(`site=${key}`);
    const tag = res.headers.get("etag");
    expect(tag).toBeTruthy();
    const again = await call(`/api/v1/feed?site=${key}`, { origin: null, headers: { "if-none-match": tag ?? "" } });
    expect(again.status).toBe(304);
  });

  it("a page without comments has an empty feed; an unknown site or a bad query is the JSON error", async () => {
    const key = await newSite();
    const { feed } = await getFeed(`site=${key}&page=${freshPage("empty")}`);
    expect(children(feed, "entry")).toEqual([]);
    const unknown = await call("/api/v1/feed?site=no-such-site", { origin: null });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "site_not_found", field: "site" } });
    const bad = await call("/api/v1/feed?site=NOT%20A%20KEY", { origin: null });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "site" } });
    expect((await call("/api/v1/feed", { origin: null })).status).toBe(400);
    const post = await call(`/api/v1/feed?site=${key}`, { method: "POST", origin: null });
    expect(post.status).toBe(405);
  });
});

describe("thread.feed", () => {
  it("the thread read gives the thread feed's URL on the worker's origin, and it is that feed", async () => {
    const key = await newSite();
    const page = `${freshPage("link")}?x=1&y=é`;
    const posted = await postComment({ site: key, page, body: "lien" });
    const res = await call(`/api/v1/threads?site=${key}&page=${encodeURIComponent(page)}`);
    const { thread } = (await res.json()) as ThreadResponse;
    expect(thread.feed).toBe(`http://localhost/api/v1/feed?${new URLSearchParams({ site: key, page: thread.page })}`);
    const feedPath = new URL(thread.feed ?? "").pathname + new URL(thread.feed ?? "").search;
    const { feed } = await getFeed(feedPath.replace("/api/v1/feed?", ""));
    expect(entryHtml(feed)).toEqual([posted.comment.html]);
    // A page with no thread yet has its feed URL too.
    const empty = (await (await call(`/api/v1/threads?site=${key}&page=${freshPage("none")}`)).json()) as ThreadResponse;
    expect(empty.thread.feed).toMatch(/^http:\/\/localhost\/api\/v1\/feed\?site=.+&page=none-/);
  });
});

describe("the feeds' cost", () => {
  it("reads comments through the feed indexes, never scanning", async () => {
    const captured: Captured[] = [];
    const db = recordingDb(captured);
    selectSiteFeed(db, "demo");
    selectThreadFeed(db, "demo", "p");
    expect(captured).toHaveLength(2);
    for (const query of captured) {
      const details = await explain(query);
      expect(
        details.filter((detail) => /^SCAN /.test(detail) && !/USING (COVERING )?INDEX/.test(detail)),
        details.join("\n"),
      ).toEqual([]);
      expect(
        details.some((detail) => /comments_(site|thread)_published/.test(detail)),
        details.join("\n"),
      ).toBe(true);
      // Read in order from the index: no sort of the site's comments.
      expect(
        details.some((detail) => /TEMP B-TREE/.test(detail)),
        details.join("\n"),
      ).toBe(false);
    }
  });

  it("reads about the rows it shows, whatever the site and the others hold", async () => {
    const key = await newSite();
    const other = await newSite();
    const page = freshPage("cost");
    const rowsRead = async () => {
      const [site, thread] = await Promise.all([selectSiteFeed(env.DB, key).all(), selectThreadFeed(env.DB, key, page).all()]);
      expect(site.results.length).toBeGreaterThan(0);
      return [site.meta.rows_read, thread.meta.rows_read];
    };
    for (let i = 0; i < 55; i++) await postComment({ site: key, page, body: `a ${i}` });
    const before = await rowsRead();
    for (const read of before) expect(read).toBeLessThanOrEqual(3 * 50 + 5);
    // More comments here and on another site: the same rows read.
    for (let i = 0; i < 20; i++) await postComment({ site: key, page, body: `b ${i}` });
    for (let i = 0; i < 20; i++) await postComment({ site: other, page, body: `c ${i}` });
    expect(await rowsRead()).toEqual(before);
  });
});
