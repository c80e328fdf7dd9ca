import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { saltedHash } from "../../worker/lib/hash.ts";
import { getThread } from "./helpers.ts";
import { freshSite, imported, storedComments, storedThreads, tally } from "./import-helpers.ts";
import { unsafeParts } from "./safe-html.ts";

// What the file holds, read with plain regular expressions (not the importer's XML parser),
// so that the counts the tests expect don't come from the code under test.

interface FileComment {
  postId: string;
  link: string;
  id: string;
  parent: string;
  author: string;
  email: string;
  url: string;
  dateGmt: string;
  approved: string;
  type: string;
  content: string;
}

interface FileItem {
  title: string;
  link: string;
  postId: string;
  commentStatus: string;
  comments: FileComment[];
}

function field(block: string, name: string): string {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block);
  return (match?.[1] ?? "").replace(/^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/, "$1").trim();
}

function readItems(xml: string): FileItem[] {
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, item = ""]) => {
    const withoutComments = item.replace(/<wp:comment>[\s\S]*?<\/wp:comment>/g, "");
    const postId = field(withoutComments, "wp:post_id");
    const link = field(withoutComments, "link");
    return {
      title: field(withoutComments, "title"),
      link,
      postId,
      commentStatus: field(withoutComments, "wp:comment_status"),
      comments: [...item.matchAll(/<wp:comment>([\s\S]*?)<\/wp:comment>/g)].map(([, block = ""]) => ({
        postId,
        link,
        id: field(block, "wp:comment_id"),
        parent: field(block, "wp:comment_parent"),
        author: field(block, "wp:comment_author"),
        email: field(block, "wp:comment_author_email"),
        url: field(block, "wp:comment_author_url"),
        dateGmt: field(block, "wp:comment_date_gmt"),
        approved: field(block, "wp:comment_approved"),
        type: field(block, "wp:comment_type"),
        content: field(block, "wp:comment_content"),
      })),
    };
  });
}

const isPing = (comment: FileComment) => comment.type === "pingback" || comment.type === "trackback";
const withoutTrailingSlash = (link: string) => link.replace(/\/+$/, "");

describe("WordPress import (WXR): the official theme test data", () => {
  const items = readItems(env.FIXTURE_WP_THEME_WXR);
  const all = items.flatMap((item) => item.comments);
  const kept = all.filter((comment) => !isPing(comment));
  const threaded = items.filter((item) => item.comments.some((comment) => !isPing(comment)));

  it("imports every comment, skips and counts pingbacks and trackbacks, with exact counts from the file", async () => {
    // The fixture's README: 33 comments; the file itself says how they split.
    expect(all).toHaveLength(33);
    expect(all.filter(isPing)).toHaveLength(4);
    const site = await freshSite("wp-theme");
    const answer = await imported(site, "wxr", env.FIXTURE_WP_THEME_WXR);
    expect(answer).toEqual({
      threads: threaded.length,
      comments: kept.length,
      skipped: all.length - kept.length,
      existing: 0,
      problems: [],
    });
    expect(answer).toMatchObject({ threads: 7, comments: 29, skipped: 4 });

    const stored = await storedComments(site);
    expect(stored).toHaveLength(kept.length);
    const expectedStatuses = tally(
      kept.map((comment) => (comment.approved === "1" ? "approved" : comment.approved === "0" ? "pending" : "spam")),
    );
    expect(tally(stored.map((row) => row.status))).toEqual(expectedStatuses);
    expect(expectedStatuses).toEqual({ approved: 26, pending: 3 });
  });

  it("names each thread by its item's normalised link and title, keeps closed threads closed, counts approved comments", async () => {
    const site = await freshSite("wp-threads");
    await imported(site, "wxr", env.FIXTURE_WP_THEME_WXR);
    const threads = await storedThreads(site);
    const expected = threaded
      .map((item) => ({
        page: withoutTrailingSlash(item.link),
        title: item.title.replace(/^<!\[CDATA\[|\]\]>$/g, ""),
        url: item.link,
        closed: item.commentStatus === "closed" ? 1 : 0,
        comment_count: item.comments.filter((comment) => !isPing(comment) && comment.approved === "1").length,
        source: "wxr",
        source_id: item.postId,
      }))
      .sort((a, b) => (a.page < b.page ? -1 : 1));
    expect(
      threads.map(({ page, title, url, closed, comment_count, source, source_id }) => ({
        page,
        title,
        url,
        closed,
        comment_count,
        source,
        source_id,
      })),
    ).toEqual(expected);
    expect(threads.find((thread) => thread.title === "Template: Pingbacks And Trackbacks")?.closed).toBe(1);
  });

  it("keeps each comment's author, e-mail (normalised and hashed), website, GMT date, status and parent", async () => {
    const site = await freshSite("wp-fields");
    await imported(site, "wxr", env.FIXTURE_WP_THEME_WXR);
    const stored = await storedComments(site);
    const byId = new Map(stored.map((row) => [row.id, row]));
    for (const comment of kept) {
      const row = stored.find((candidate) => candidate.source_id === `${comment.postId}#${comment.id}`);
      expect(row, `comment ${comment.id}`).toBeDefined();
      if (row === undefined) continue;
      const email = comment.email.toLowerCase();
      expect(row).toMatchObject({
        author_name: comment.author,
        author_email: email,
        email_hash: await saltedHash(env.HASH_SALT, email),
        author_website: comment.url === "" ? null : comment.url,
        created_at: `${comment.dateGmt.replace(" ", "T")}.000Z`,
        status: comment.approved === "1" ? "approved" : "pending",
        source: "wxr",
      });
      const parent = row.parent_id === null ? null : byId.get(row.parent_id);
      expect(parent?.source_id ?? "0", `parent of ${comment.id}`).toBe(
        comment.parent === "0" ? "0" : `${comment.postId}#${comment.parent}`,
      );
      expect(row.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
    }
  });

  it('keeps the exact 10-level shape of "Template: Comments", in display order', async () => {
    const site = await freshSite("wp-deep");
    await imported(site, "wxr", env.FIXTURE_WP_THEME_WXR);
    const item = items.find((candidate) => candidate.title === "Template: Comments");
    expect(item).toBeDefined();
    const comments = item?.comments ?? [];
    // Depth of each comment from the file's parent links alone.
    const parentOf = new Map(comments.map((comment) => [comment.id, comment.parent]));
    const depthOf = (id: string): number => (parentOf.get(id) === "0" ? 0 : 1 + depthOf(parentOf.get(id) ?? "0"));
    expect(Math.max(...comments.map((comment) => depthOf(comment.id)))).toBe(9);

    const stored = (await storedComments(site)).filter((row) => row.page === withoutTrailingSlash(item?.link ?? ""));
    const bySource = new Map(stored.map((row) => [row.source_id?.split("#")[1], row]));
    for (const comment of comments) expect(bySource.get(comment.id)?.depth, `depth of ${comment.id}`).toBe(depthOf(comment.id));

    // The public thread shows the chain 904 → 915 as one run, each a reply to the one before.
    const thread = await getThread(withoutTrailingSlash(item?.link ?? ""), "&limit=200", site);
    const chainIds = ["904", "905", "906", "907", "910", "911", "912", "913", "914", "915"].map((id) => bySource.get(id)?.id);
    const start = thread.comments.findIndex((comment) => comment.id === chainIds[0]);
    const run = thread.comments.slice(start, start + 10);
    expect(run.map((comment) => comment.id)).toEqual(chainIds);
    expect(run.map((comment) => comment.depth)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.slice(1).map((comment) => comment.parentId)).toEqual(chainIds.slice(0, 9));
    // Top-level comments in date order.
    const roots = thread.comments.filter((comment) => comment.depth === 0).map((comment) => comment.createdAt);
    expect(roots).toEqual([...roots].sort());
  });

  it("turns WordPress comment HTML into our safe rendering: headings, strong, links, and images as links", async () => {
    const site = await freshSite("wp-html");
    await imported(site, "wxr", env.FIXTURE_WP_THEME_WXR);
    const stored = await storedComments(site);
    for (const row of stored) expect(unsafeParts(row.html), row.source_id ?? "").toEqual([]);

    const markup = stored.find((row) => row.source_id?.endsWith("#881"))?.html ?? "";
    expect(markup).toContain("<p><strong>Header one</strong></p>");
    expect(markup).toContain("<blockquote><p>Stay hungry. Stay foolish.</p></blockquote>");
    expect(markup).toContain(
      '<a href="https://developer.mozilla.org/en-US/docs/HTML/Element/blockquote#Notes" rel="nofollow ugc noopener">Notes</a>',
    );
    expect(markup).toContain("<ul><li>List item one<ul><li>List item one<ul><li>List item one</li>");
    expect(markup).toContain('<ol start="8"><li>List item one -start at 8');
    expect(markup).toContain("The <strong>HTML <code>&lt;blockquote&gt;</code> Element</strong>");
    expect(markup).toContain("<hr>");
    expect(markup).toContain("<pre><code>.post-title {");
    // "hhttps://…" is no URL a browser should follow: the words stay, the link goes.
    expect(markup).toContain("This is an example of a link.");
    expect(markup).not.toMatch(/<(h[1-6]|table|img|cite|abbr)\b/);

    const image = stored.find((row) => row.source_id?.endsWith("#917"))?.html ?? "";
    expect(image).toBe(
      '<p>Image comment.<br><a href="https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050102_192118_51.jpg?w=171&amp;h=128" rel="nofollow ugc noopener">Albany wind-farm against the sunset, Western Australia</a><br>If the image imports...</p>',
    );
    const paragraphs = stored.find((row) => row.source_id?.endsWith("#899"))?.html ?? "";
    expect(paragraphs).toBe(
      '<p>This user it trying to be anonymous.</p><p>They used a fake email, so there should be no <a href="https://gravatar.com//" rel="nofollow ugc noopener">Gravatar</a> associated with it.<br>They did not speify a website, so there should be no link to it in the comment.</p>',
    );
  });

  it("creates nothing the second time the same file is imported", async () => {
    const site = await freshSite("wp-again");
    const first = await imported(site, "wxr", env.FIXTURE_WP_THEME_WXR);
    const rows = await storedComments(site);
    const threads = await storedThreads(site);
    const second = await imported(site, "wxr", env.FIXTURE_WP_THEME_WXR);
    expect(second).toEqual({ threads: 0, comments: 0, skipped: first.skipped, existing: first.comments, problems: [] });
    expect(await storedComments(site)).toEqual(rows);
    expect(await storedThreads(site)).toEqual(threads);
  });
});

describe("WordPress import (WXR): Isso's hand-edited file", () => {
  it("copes with odd whitespace, a missing local date and a ?p= link, with exact counts", async () => {
    const xml = env.FIXTURE_ISSO_WXR;
    const items = readItems(xml);
    const comments = (xml.match(/<wp:comment>/g) ?? []).length;
    expect(comments).toBe(8);
    const site = await freshSite("isso-wxr");
    const answer = await imported(site, "wxr", xml);
    expect(answer).toMatchObject({ threads: items.filter((item) => item.comments.length > 0).length, comments, skipped: 0, existing: 0 });
    expect(answer.problems).toEqual([expect.objectContaining({ code: "page_query_dropped" })]);

    const threads = await storedThreads(site);
    expect(threads.map((thread) => [thread.page, thread.title, thread.url])).toEqual([
      ["http://example.tld/", "...", "http://example.tld/?p=4"],
      ["http://example.tld/2014/test", "Hello, World…", "http://example.tld/2014/test/"],
    ]);
    const stored = await storedComments(site);
    const byKey = new Map(stored.map((row) => [row.source_id, row]));
    expect(byKey.get("18#2")).toMatchObject({
      author_email: "test@example.org",
      author_website: "http://example.tld/",
      html: "<p>Erster!1</p>",
    });
    expect(byKey.get("18#7")?.created_at).toBe("2014-04-29T15:21:35.000Z");
    expect(byKey.get("18#10")).toMatchObject({
      created_at: "2022-06-06T02:13:14.000Z",
      html: "<p>When you have a comment with multiple lines:<br>WordPress exports it like this.</p>",
    });
    // Comment ids repeat across posts in this file: each post keeps its own.
    expect(byKey.get("18#11")?.author_name).toBe("Letzter :/");
    expect(byKey.get("http://example.tld/?p=4#11")?.author_name).toBe("Anonymous");
    // 7 → 6 and 8, 9 → 7: three levels.
    expect(byKey.get("18#8")?.depth).toBe(2);
    expect(byKey.get("18#8")?.parent_id).toBe(byKey.get("18#7")?.id);
  });
});
