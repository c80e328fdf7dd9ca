import { env } from "cloudflare:workers";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import type { BasculeExport } from "../../worker/lib/export/bascule-format.ts";
import { getThread, postJson } from "./helpers.ts";
import { exported, freshSite, imported, importFile, storedComments } from "./import-helpers.ts";

// Imports and exports don't amplify (issue 10, item 3): a like count in a file is a number,
// not rows; nothing spreads an unbounded array into a call; an export of any size streams.

const PAGE = "https://blog.example/liked";

/** A minimal WXR with one approved comment whose content and like count we choose. */
function wxr(content: string, likes?: number): string {
  const meta =
    likes === undefined
      ? ""
      : `<wp:commentmeta><wp:meta_key>_bascule_likes</wp:meta_key><wp:meta_value>${likes}</wp:meta_value></wp:commentmeta>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Liked</title><link>${PAGE}</link><wp:post_id>1</wp:post_id>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Ann</wp:comment_author>
<wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[${content}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved>${meta}</wp:comment></item></channel></rss>`;
}

async function likeRows(site: string): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM likes l JOIN comments c ON c.id = l.comment_id JOIN threads t ON t.id = c.thread_id WHERE t.site_key = ?",
  )
    .bind(site)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("imported like counts", () => {
  it("are stored as a count, not as rows; the public count is right and a new like adds to it", async () => {
    const site = await freshSite("likes-count");
    await imported(site, "wxr", wxr("Popular", 100_000));
    expect(await likeRows(site)).toBe(0);
    const [comment] = (await getThread(PAGE, "", site)).comments;
    expect(comment?.likes).toBe(100_000);

    const res = await postJson(`/api/v1/comments/${comment?.id}/like`, { reader: "reader-after-import" });
    expect(await res.json()).toEqual({ likes: 100_001 });
    expect((await getThread(PAGE, "", site)).comments[0]?.likes).toBe(100_001);

    // The export keeps the total and the one real like; importing it elsewhere keeps both.
    const data: BasculeExport = await (await exported(site)).json();
    const exportedComment = data.threads[0]?.comments[0];
    expect(exportedComment?.likes).toBe(100_001);
    expect(exportedComment?.likeRecords).toHaveLength(1);
    const copy = await freshSite("likes-copy");
    await imported(copy, "bascule", JSON.stringify(data));
    expect(await likeRows(copy)).toBe(1);
    expect((await storedComments(copy))[0]).toMatchObject({ likes: 100_001, imported_likes: 100_000 });
  });

  it("of millions import in one small write (it answered 500: RangeError from a spread)", async () => {
    const site = await freshSite("likes-millions");
    const res = await importFile(site, "wxr", wxr("Very popular", 3_000_000));
    expect(res.status).toBe(200);
    expect((await getThread(PAGE, "", site)).comments[0]?.likes).toBe(3_000_000);
    expect(await likeRows(site)).toBe(0);
  });
});

describe("hostile but valid files", () => {
  it("a comment holding 200,000 backtick runs imports (it was refused as malformed XML: stack overflow)", async () => {
    const site = await freshSite("backticks");
    const res = await importFile(site, "wxr", wxr(`<code>${"` ".repeat(200_000)}</code>`));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { comments: number; problems: { code: string }[] };
    expect(answer.comments).toBe(1);
    expect(answer.problems.map((problem) => problem.code)).toContain("body_truncated");
  });

  it("a really malformed file still says where it broke", async () => {
    const site = await freshSite("broken");
    const res = await importFile(site, "wxr", wxr("fine").replace("</wp:comment>", "</wp:commentx>"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/malformed at line \d+/);
  });
});

describe("an export of 300,000 likes", () => {
  it("streams both formats whole (it answered 500: RangeError from a spread)", async () => {
    const site = await freshSite("likes-export");
    await imported(site, "wxr", wxr("Liked a lot"));
    const [comment] = await storedComments(site);
    const likes = 300_000;
    await env.DB.prepare(
      `INSERT INTO likes (comment_id, reader_hash, ip_hash, created_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
       SELECT ?1, 'reader-' || i, NULL, '2020-01-01T00:00:00.000Z' FROM n`,
    )
      .bind(comment?.id, likes)
      .run();
    await env.DB.prepare("UPDATE comments SET likes = ?2 WHERE id = ?1").bind(comment?.id, likes).run();

    const data: BasculeExport = await (await exported(site)).json();
    const records = data.threads[0]?.comments[0]?.likeRecords ?? [];
    expect(records).toHaveLength(likes);
    expect(new Set(records.map((record) => record.readerHash)).size).toBe(likes);

    // WXR: well-formed, and its like-records meta holds every like.
    const xml = await (await exported(site, "wxr")).text();
    const values: string[] = [];
    let key = "";
    let inValue = false;
    const parser = new SaxesParser();
    parser.on("opentag", (tag) => {
      inValue = tag.name === "wp:meta_value";
      if (inValue) values.push("");
    });
    parser.on("closetag", () => {
      inValue = false;
    });
    parser.on("cdata", (text) => {
      if (inValue) values[values.length - 1] += text;
      else key = text;
      if (inValue && key !== "_bascule_like_records") values.pop();
    });
    parser.write(xml).close();
    expect(values.map((value) => (JSON.parse(value) as unknown[]).length)).toEqual([likes]);
  }, 180_000);
});
