// A WordPress export (WXR 1.2) of any size, made up from a seeded random generator: posts
// with threads of every shape (lone comments, long flat threads, deep reply chains),
// comment HTML as WordPress stores it (paragraphs, links, images, entities, non-Latin
// text), unapproved, spam and trashed comments, pingbacks and trackbacks. Pure code with
// no Node or Workers imports: bench/import.ts and the worker tests both use it.

export interface GeneratedWxr {
  xml: string;
  /** Counted while writing, so tests can check an import without trusting the importer. */
  counts: {
    posts: number;
    /** Posts with at least one comment that is not a ping: the threads an import makes. */
    postsWithComments: number;
    /** Comments, pings not included (they come on top). */
    comments: number;
    pings: number;
    approved: number;
    pending: number;
    spam: number;
    replies: number;
  };
}

const WORDS = "comment thread reply idea blog privacy page reader answer question thanks point agree disagree long short".split(" ");
const NAMES = ["Anne", "Bruno", "Chloé", "Dimitris Παπαδόπουλος", "Émile", "Fatima", "Grégoire", "Hana 花", "Ivan", "Jules"];

/** mulberry32: a small seeded generator, so that every run builds the same data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function wpDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

export function generateWxr(options: { posts: number; comments: number; seed?: number; site?: string }): GeneratedWxr {
  const next = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const site = options.site ?? "https://blog.example";
  const counts = { posts: options.posts, postsWithComments: 0, comments: 0, pings: 0, approved: 0, pending: 0, spam: 0, replies: 0 };

  // Comments per post: uneven, like a real blog (a few posts hold most of them).
  const weights = Array.from({ length: options.posts }, () => next() ** 3);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const perPost = weights.map((weight) => Math.floor((weight / total) * options.comments));
  let left = options.comments - perPost.reduce((sum, count) => sum + count, 0);
  for (let index = 0; left > 0; index = (index + 1) % options.posts, left -= 1) perPost[index] = (perPost[index] ?? 0) + 1;

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">',
    "<channel>",
    "\t<title>Generated blog</title>",
    `\t<link>${site}</link>`,
    "\t<wp:wxr_version>1.2</wp:wxr_version>",
  ];
  let commentId = 0;
  const start = Date.UTC(2012, 0, 1);
  for (let post = 1; post <= options.posts; post += 1) {
    const count = perPost[post - 1] ?? 0;
    if (count > 0) counts.postsWithComments += 1;
    let pingsLeft = Math.floor(count * 0.03);
    const posted = start + Math.floor(next() * 3000) * 86_400_000;
    out.push(
      "\t<item>",
      `\t\t<title>Post number ${post} &amp; friends</title>`,
      `\t\t<link>${site}/${2012 + (post % 10)}/post-${post}/</link>`,
      `\t\t<guid isPermaLink="false">${site}/?p=${post}</guid>`,
      `\t\t<content:encoded><![CDATA[<p>The post itself, which the importer ignores.</p>]]></content:encoded>`,
      `\t\t<wp:post_id>${post}</wp:post_id>`,
      `\t\t<wp:post_date_gmt><![CDATA[${wpDate(posted)}]]></wp:post_date_gmt>`,
      `\t\t<wp:comment_status><![CDATA[${post % 17 === 0 ? "closed" : "open"}]]></wp:comment_status>`,
      "\t\t<wp:post_type><![CDATA[post]]></wp:post_type>",
    );
    const ids: number[] = [];
    let at = posted;
    for (let index = 0; index < count; ) {
      commentId += 1;
      at += 60_000 + Math.floor(next() * 86_400_000);
      const roll = next();
      const type = pingsLeft > 0 && roll < 0.05 ? pick(["pingback", "trackback"]) : "";
      if (type === "") index += 1;
      else pingsLeft -= 1;
      const approved = type !== "" ? "1" : roll < 0.08 ? "0" : roll < 0.1 ? "spam" : roll < 0.11 ? "trash" : "1";
      // Replies: usually to a recent comment, which builds both bushy and deep threads.
      const parent = type === "" && ids.length > 0 && next() < 0.45 ? (ids[Math.max(0, ids.length - 1 - Math.floor(next() * 4))] ?? 0) : 0;
      if (type !== "") counts.pings += 1;
      else {
        counts.comments += 1;
        if (approved === "1") counts.approved += 1;
        else if (approved === "0") counts.pending += 1;
        else counts.spam += 1;
        if (parent !== 0) counts.replies += 1;
        ids.push(commentId);
      }
      const name = pick(NAMES);
      const words = Array.from({ length: 5 + Math.floor(next() * 60) }, () => pick(WORDS)).join(" ");
      const extra = pick([
        "",
        `\n\nSee <a href="https://example.org/${commentId}" rel="nofollow">this link</a> &amp; <strong>that</strong>.`,
        `\n<img src="https://images.example/${commentId}.jpg" alt="a photo" />`,
        "\n\nΕυχαριστώ! <em>Merci</em> &laquo;beaucoup&raquo;.",
        "\n<blockquote>A quote</blockquote>",
      ]);
      out.push(
        "\t\t<wp:comment>",
        `\t\t\t<wp:comment_id>${commentId}</wp:comment_id>`,
        `\t\t\t<wp:comment_author><![CDATA[${type ? `Ping ${commentId}` : name}]]></wp:comment_author>`,
        `\t\t\t<wp:comment_author_email><![CDATA[${name.split(" ")[0]?.toLowerCase()}${commentId % 2000}@mail.example]]></wp:comment_author_email>`,
        `\t\t\t<wp:comment_author_url>${next() < 0.3 ? `https://${commentId % 500}.people.example/` : ""}</wp:comment_author_url>`,
        `\t\t\t<wp:comment_author_IP><![CDATA[192.0.2.${commentId % 250}]]></wp:comment_author_IP>`,
        `\t\t\t<wp:comment_date><![CDATA[${wpDate(at + 3_600_000)}]]></wp:comment_date>`,
        `\t\t\t<wp:comment_date_gmt><![CDATA[${wpDate(at)}]]></wp:comment_date_gmt>`,
        `\t\t\t<wp:comment_content><![CDATA[${words[0]?.toUpperCase()}${words.slice(1)}.${extra}]]></wp:comment_content>`,
        `\t\t\t<wp:comment_approved><![CDATA[${approved}]]></wp:comment_approved>`,
        `\t\t\t<wp:comment_type><![CDATA[${type || "comment"}]]></wp:comment_type>`,
        `\t\t\t<wp:comment_parent>${parent}</wp:comment_parent>`,
        "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>",
        "\t\t</wp:comment>",
      );
    }
    out.push("\t</item>");
  }
  out.push("</channel>", "</rss>", "");
  return { xml: out.join("\n"), counts };
}
