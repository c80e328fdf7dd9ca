// The WordPress importer's rules, on small files written here: statuses, parents, page keys,
// URLs and sizes. import-wxr.test.ts reads the real fixtures.
import { describe, expect, it } from "vitest";
import { BODY_MAX } from "../../worker/lib/fields.ts";
import { freshSite, imported, storedComments, storedThreads } from "./import-helpers.ts";

describe("WordPress import (WXR): statuses and parents", () => {
  const comment = (id: number, approved: string, parent = 0, type = "") => `
    <wp:comment>
      <wp:comment_id>${id}</wp:comment_id>
      <wp:comment_author>Author ${id}</wp:comment_author>
      <wp:comment_date_gmt>2020-01-0${id} 10:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Text ${id}]]></wp:comment_content>
      <wp:comment_approved>${approved}</wp:comment_approved>
      <wp:comment_type>${type}</wp:comment_type>
      <wp:comment_parent>${parent}</wp:comment_parent>
    </wp:comment>`;
  const wxr = (comments: string) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
  <item><title>A post</title><link>https://blog.example/a-post/</link><wp:post_id>7</wp:post_id>${comments}</item>
</channel></rss>`;

  it("imports approved 1 as approved, 0 as pending, spam and trash as spam", async () => {
    const site = await freshSite("wp-status");
    const answer = await imported(
      site,
      "wxr",
      wxr(comment(1, "1") + comment(2, "0") + comment(3, "spam") + comment(4, "trash") + comment(5, "post-trashed")),
    );
    expect(answer).toMatchObject({ threads: 1, comments: 5 });
    const statuses = Object.fromEntries((await storedComments(site)).map((row) => [row.source_id, row.status]));
    expect(statuses).toEqual({ "7#1": "approved", "7#2": "pending", "7#3": "spam", "7#4": "spam", "7#5": "spam" });
    expect((await storedThreads(site))[0]?.comment_count).toBe(1);
  });

  it("makes a reply whose parent is missing (or a skipped pingback) top-level, and reports it", async () => {
    const site = await freshSite("wp-orphan");
    const answer = await imported(
      site,
      "wxr",
      wxr(comment(1, "1") + comment(2, "1", 9) + comment(3, "1", 0, "pingback") + comment(4, "1", 3) + comment(5, "1", 1)),
    );
    expect(answer).toMatchObject({ threads: 1, comments: 4, skipped: 1 });
    expect(answer.problems.map((problem) => [problem.code, problem.source])).toEqual([
      ["parent_missing", "wxr:7#2"],
      ["parent_missing", "wxr:7#4"],
    ]);
    const depths = Object.fromEntries((await storedComments(site)).map((row) => [row.source_id, [row.depth, row.parent_id === null]]));
    expect(depths).toEqual({ "7#1": [0, true], "7#2": [0, true], "7#4": [0, true], "7#5": [1, false] });
  });
});

describe("WordPress import (WXR): page keys, URLs and sizes", () => {
  const meta = (key: string, value: string) =>
    `<wp:postmeta><wp:meta_key>${key}</wp:meta_key><wp:meta_value><![CDATA[${value}]]></wp:meta_value></wp:postmeta>`;
  const item = (link: string, postId: number, extra = "", content = `Text of ${postId}`) => `
  <item><title>Post ${postId}</title><link>${link}</link><wp:post_id>${postId}</wp:post_id>${extra}
    <wp:comment>
      <wp:comment_id>1</wp:comment_id>
      <wp:comment_author>Author</wp:comment_author>
      <wp:comment_date_gmt>2020-01-01 10:00:00</wp:comment_date_gmt>
      <wp:comment_content><![CDATA[${content}]]></wp:comment_content>
      <wp:comment_approved>1</wp:comment_approved>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
  </item>`;
  const wxr = (items: string) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>${items}</channel></rss>`;

  it("normalises a _bascule_page, falls back to the link when it is blank, and skips a thread whose key is too long", async () => {
    const site = await freshSite("wp-pages");
    const answer = await imported(
      site,
      "wxr",
      wxr(
        item("https://blog.example/one/", 1, meta("_bascule_page", "  HTTPS://Blog.Example/One/?x=1 ")) +
          item("https://blog.example/two/", 2, meta("_bascule_page", "  ")) +
          item(`https://blog.example/${"x".repeat(2_000)}`, 3) +
          item("https://blog.example/four/", 4, meta("_bascule_page", `/${"y".repeat(2_000)}`)),
      ),
    );
    expect(answer).toMatchObject({ threads: 2, comments: 2, skipped: 2 });
    expect(answer.problems.map((problem) => [problem.code, problem.source])).toEqual([
      ["page_invalid", "wxr:3"],
      ["page_invalid", "wxr:4"],
    ]);
    expect((await storedThreads(site)).map((thread) => thread.page)).toEqual(["https://blog.example/One", "https://blog.example/two"]);
  });

  it("keeps a thread's url only when it is an http or https address, and says so", async () => {
    const site = await freshSite("wp-urls");
    const answer = await imported(
      site,
      "wxr",
      wxr(
        item("https://blog.example/one/", 1, meta("_bascule_page", "/one") + meta("_bascule_url", "javascript:alert(1)")) +
          item("https://blog.example/two/", 2, meta("_bascule_page", "/two") + meta("_bascule_url", "")) +
          item("https://blog.example/three/", 3),
      ),
    );
    expect(answer.problems.map((problem) => [problem.code, problem.source])).toEqual([["url_dropped", "wxr:1"]]);
    expect((await storedThreads(site)).map((thread) => [thread.page, thread.url])).toEqual([
      ["/one", null],
      ["/two", null],
      ["https://blog.example/three", "https://blog.example/three/"],
    ]);
  });

  it("imports a comment of several megabytes cut to the longest body, instead of failing the import", async () => {
    const site = await freshSite("wp-huge");
    const answer = await imported(
      site,
      "wxr",
      wxr(item("https://blog.example/huge/", 1, "", `<p>${"Many words here. ".repeat(200_000)}</p>`)),
    );
    expect(answer).toMatchObject({ threads: 1, comments: 1 });
    expect(answer.problems).toEqual([expect.objectContaining({ code: "body_truncated", source: "wxr:1#1" })]);
    expect((await storedComments(site))[0]?.body.length).toBeLessThanOrEqual(BODY_MAX);
  });
});
