import type { BasculeComment, BasculeThread } from "./bascule-format.ts";
import { exportEvents, exportSite, type ExportSource } from "./bascule.ts";
import { xmlCdata, xmlCdataPart, xmlComment, xmlText } from "./xml-writer.ts";

// WordPress eXtended RSS 1.2, written from the same events as Bascule's own export (bascule.ts): one <item> (a post) per
// thread, holding its <wp:comment> elements with WordPress's fields and numbering
// (wp:comment_id from 1, wp:comment_parent pointing at them), and WordPress's approval
// states: approved 1, pending 0, spam "spam", placeholders "trash".
//
// WordPress's importer creates posts for items it doesn't know; the comment content is our
// rendered HTML. What WordPress has no field for goes in `_bascule_*` meta, which WordPress
// stores and hides (the leading "_"), and which our WXR importer reads, so a site exported to
// WXR and imported into Bascule again has lost nothing: the Markdown, exact times, edits,
// likes, pins, placeholders and every comment's source key.

const WP_STATUS: Record<BasculeComment["status"], string> = { approved: "1", pending: "0", spam: "spam", deleted: "trash" };

export async function* writeWxr(source: ExportSource): AsyncGenerator<string> {
  const site = exportSite(source.site);
  const base = site.origins.find((origin) => /^https?:\/\/[^*]+$/.test(origin)) ?? "";
  yield [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    xmlComment(`A WordPress eXtended RSS (WXR) file written by Bascule: the comments of site "${site.key}".`),
    '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">',
    "<channel>",
    `\t<title>${xmlText(site.key)}</title>`,
    `\t<link>${xmlText(base)}</link>`,
    "\t<description>Comments exported from Bascule</description>",
    `\t<pubDate>${rfc822(source.exportedAt)}</pubDate>`,
    "\t<language>en</language>",
    "\t<wp:wxr_version>1.2</wp:wxr_version>",
    `\t<wp:base_site_url>${xmlText(base)}</wp:base_site_url>`,
    `\t<wp:base_blog_url>${xmlText(base)}</wp:base_blog_url>`,
    "",
  ].join("\n");
  let postId = 0;
  let commentId = 0;
  // WordPress numbers: this thread's comments by source key (a reply comes after its parent).
  let ids = new Map<string, number>();
  let comment: Omit<BasculeComment, "likeRecords"> | null = null;
  let records = 0;
  for await (const event of exportEvents(source)) {
    switch (event.kind) {
      case "thread":
        ids = new Map();
        yield `${item((postId += 1), event.thread)}\n`;
        break;
      case "comment":
        comment = event.comment;
        ids.set(comment.id, (commentId += 1));
        records = 0;
        yield `${wpComment(comment, ids)}\n`;
        break;
      case "likes":
        // One meta whose value is the JSON list, written a page at a time. Each piece starts
        // with "[" or "," and ends with "}", so no "]]>" can straddle two of them.
        yield `${records === 0 ? `\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key>${xmlCdata("_bascule_like_records")}</wp:meta_key>\n\t\t\t\t<wp:meta_value><![CDATA[[` : ","}${xmlCdataPart(event.records.map((record) => JSON.stringify(record)).join(","))}`;
        records += event.records.length;
        break;
      case "commentEnd": {
        const lines = records > 0 ? ["]]]></wp:meta_value>\n\t\t\t</wp:commentmeta>"] : [];
        if (comment?.pinned) lines.push(meta("wp:commentmeta", "_bascule_pinned", "1"));
        if (comment?.ipHash != null) lines.push(meta("wp:commentmeta", "_bascule_ip_hash", comment.ipHash));
        lines.push("\t\t</wp:comment>");
        yield `${lines.join("\n")}\n`;
        break;
      }
      case "threadEnd":
        yield "\t</item>\n";
        break;
    }
  }
  yield "</channel>\n</rss>\n";
}

function item(postId: number, thread: Omit<BasculeThread, "comments">): string {
  const date = wpDate(thread.createdAt);
  return [
    "\t<item>",
    `\t\t<title>${xmlCdata(thread.title ?? "")}</title>`,
    `\t\t<link>${xmlText(thread.page)}</link>`,
    `\t\t<pubDate>${rfc822(thread.createdAt)}</pubDate>`,
    `\t\t<dc:creator>${xmlCdata("")}</dc:creator>`,
    `\t\t<guid isPermaLink="false">${xmlText(thread.url ?? thread.page)}</guid>`,
    "\t\t<description></description>",
    `\t\t<content:encoded>${xmlCdata("")}</content:encoded>`,
    `\t\t<excerpt:encoded>${xmlCdata("")}</excerpt:encoded>`,
    `\t\t<wp:post_id>${postId}</wp:post_id>`,
    `\t\t<wp:post_date>${xmlCdata(date)}</wp:post_date>`,
    `\t\t<wp:post_date_gmt>${xmlCdata(date)}</wp:post_date_gmt>`,
    `\t\t<wp:comment_status>${xmlCdata(thread.closed ? "closed" : "open")}</wp:comment_status>`,
    `\t\t<wp:ping_status>${xmlCdata("closed")}</wp:ping_status>`,
    `\t\t<wp:post_name>${xmlCdata(slug(thread.page))}</wp:post_name>`,
    `\t\t<wp:status>${xmlCdata("publish")}</wp:status>`,
    "\t\t<wp:post_parent>0</wp:post_parent>",
    "\t\t<wp:menu_order>0</wp:menu_order>",
    `\t\t<wp:post_type>${xmlCdata("post")}</wp:post_type>`,
    `\t\t<wp:post_password>${xmlCdata("")}</wp:post_password>`,
    "\t\t<wp:is_sticky>0</wp:is_sticky>",
    meta("wp:postmeta", "_bascule_page", thread.page),
    meta("wp:postmeta", "_bascule_url", thread.url ?? ""),
    meta("wp:postmeta", "_bascule_created_at", thread.createdAt),
    meta("wp:postmeta", "_bascule_source", thread.source ?? ""),
  ].join("\n");
}

/** The comment up to its likes; the like records, pin and IP hash follow as they are read. */
function wpComment(comment: Omit<BasculeComment, "likeRecords">, ids: Map<string, number>): string {
  const date = wpDate(comment.createdAt);
  const lines = [
    "\t\t<wp:comment>",
    `\t\t\t<wp:comment_id>${ids.get(comment.id) ?? 0}</wp:comment_id>`,
    `\t\t\t<wp:comment_author>${xmlCdata(comment.author?.name ?? "")}</wp:comment_author>`,
    `\t\t\t<wp:comment_author_email>${xmlCdata(comment.author?.email ?? "")}</wp:comment_author_email>`,
    `\t\t\t<wp:comment_author_url>${xmlText(comment.author?.website ?? "")}</wp:comment_author_url>`,
    // Bascule never stores IP addresses, only salted hashes (in _bascule_ip_hash).
    "\t\t\t<wp:comment_author_IP></wp:comment_author_IP>",
    `\t\t\t<wp:comment_date>${xmlCdata(date)}</wp:comment_date>`,
    `\t\t\t<wp:comment_date_gmt>${xmlCdata(date)}</wp:comment_date_gmt>`,
    `\t\t\t<wp:comment_content>${xmlCdata(comment.html)}</wp:comment_content>`,
    `\t\t\t<wp:comment_approved>${xmlCdata(WP_STATUS[comment.status])}</wp:comment_approved>`,
    `\t\t\t<wp:comment_type>${xmlCdata("comment")}</wp:comment_type>`,
    `\t\t\t<wp:comment_parent>${comment.parent === null ? 0 : (ids.get(comment.parent) ?? 0)}</wp:comment_parent>`,
    "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>",
    meta("wp:commentmeta", "_bascule_id", comment.id),
    meta("wp:commentmeta", "_bascule_status", comment.status),
    meta("wp:commentmeta", "_bascule_created_at", comment.createdAt),
    meta("wp:commentmeta", "_bascule_markdown", comment.body),
  ];
  if (comment.editedAt !== null) lines.push(meta("wp:commentmeta", "_bascule_edited_at", comment.editedAt));
  if (comment.likes > 0) lines.push(meta("wp:commentmeta", "_bascule_likes", String(comment.likes)));
  return lines.join("\n");
}

function meta(element: string, key: string, value: string): string {
  const indent = element === "wp:postmeta" ? "\t\t" : "\t\t\t";
  return `${indent}<${element}>\n${indent}\t<wp:meta_key>${xmlCdata(key)}</wp:meta_key>\n${indent}\t<wp:meta_value>${xmlCdata(value)}</wp:meta_value>\n${indent}</${element}>`;
}

/** WordPress's "2013-03-14 15:01:21" (its GMT field; Bascule keeps no local time). */
function wpDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace("T", " ");
}

function slug(page: string): string {
  const last = page.replace(/\/+$/, "").split("/").at(-1) ?? "";
  return last
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 200);
}

function rfc822(iso: string): string {
  return new Date(iso).toUTCString().replace("GMT", "+0000");
}
