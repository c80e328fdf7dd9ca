import type { BasculeComment, BasculeExport, BasculeThread } from "./bascule-format.ts";

// WordPress eXtended RSS 1.2, written from Bascule's own export: one <item> (a post) per
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

export function writeWxr(data: BasculeExport): string {
  const base = data.site.origins.find((origin) => /^https?:\/\/[^*]+$/.test(origin)) ?? "";
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<!-- A WordPress eXtended RSS (WXR) file written by Bascule: the comments of site "${text(data.site.key).replaceAll("--", "- -")}". -->`,
    '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">',
    "<channel>",
    `\t<title>${text(data.site.key)}</title>`,
    `\t<link>${text(base)}</link>`,
    "\t<description>Comments exported from Bascule</description>",
    `\t<pubDate>${new Date(data.exportedAt).toUTCString().replace("GMT", "+0000")}</pubDate>`,
    "\t<language>en</language>",
    "\t<wp:wxr_version>1.2</wp:wxr_version>",
    `\t<wp:base_site_url>${text(base)}</wp:base_site_url>`,
    `\t<wp:base_blog_url>${text(base)}</wp:base_blog_url>`,
  ];
  let commentId = 0;
  data.threads.forEach((thread, index) => {
    const ids = new Map<string, number>();
    for (const comment of thread.comments) ids.set(comment.id, (commentId += 1));
    out.push(item(thread, index + 1, ids));
  });
  out.push("</channel>", "</rss>", "");
  return out.join("\n");
}

function item(thread: BasculeThread, postId: number, ids: Map<string, number>): string {
  const date = wpDate(thread.createdAt);
  const lines = [
    "\t<item>",
    `\t\t<title>${cdata(thread.title ?? "")}</title>`,
    `\t\t<link>${text(thread.page)}</link>`,
    `\t\t<pubDate>${new Date(thread.createdAt).toUTCString().replace("GMT", "+0000")}</pubDate>`,
    `\t\t<dc:creator>${cdata("")}</dc:creator>`,
    `\t\t<guid isPermaLink="false">${text(thread.url ?? thread.page)}</guid>`,
    "\t\t<description></description>",
    `\t\t<content:encoded>${cdata("")}</content:encoded>`,
    `\t\t<excerpt:encoded>${cdata("")}</excerpt:encoded>`,
    `\t\t<wp:post_id>${postId}</wp:post_id>`,
    `\t\t<wp:post_date>${cdata(date)}</wp:post_date>`,
    `\t\t<wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>`,
    `\t\t<wp:comment_status>${cdata(thread.closed ? "closed" : "open")}</wp:comment_status>`,
    `\t\t<wp:ping_status>${cdata("closed")}</wp:ping_status>`,
    `\t\t<wp:post_name>${cdata(slug(thread.page))}</wp:post_name>`,
    `\t\t<wp:status>${cdata("publish")}</wp:status>`,
    "\t\t<wp:post_parent>0</wp:post_parent>",
    "\t\t<wp:menu_order>0</wp:menu_order>",
    `\t\t<wp:post_type>${cdata("post")}</wp:post_type>`,
    `\t\t<wp:post_password>${cdata("")}</wp:post_password>`,
    "\t\t<wp:is_sticky>0</wp:is_sticky>",
    meta("wp:postmeta", "_bascule_page", thread.page),
    meta("wp:postmeta", "_bascule_url", thread.url ?? ""),
    meta("wp:postmeta", "_bascule_created_at", thread.createdAt),
    meta("wp:postmeta", "_bascule_source", thread.source ?? ""),
  ];
  for (const comment of thread.comments) lines.push(wpComment(comment, ids));
  lines.push("\t</item>");
  return lines.join("\n");
}

function wpComment(comment: BasculeComment, ids: Map<string, number>): string {
  const date = wpDate(comment.createdAt);
  const lines = [
    "\t\t<wp:comment>",
    `\t\t\t<wp:comment_id>${ids.get(comment.id) ?? 0}</wp:comment_id>`,
    `\t\t\t<wp:comment_author>${cdata(comment.author?.name ?? "")}</wp:comment_author>`,
    `\t\t\t<wp:comment_author_email>${cdata(comment.author?.email ?? "")}</wp:comment_author_email>`,
    `\t\t\t<wp:comment_author_url>${text(comment.author?.website ?? "")}</wp:comment_author_url>`,
    // Bascule never stores IP addresses, only salted hashes (in _bascule_ip_hash).
    "\t\t\t<wp:comment_author_IP></wp:comment_author_IP>",
    `\t\t\t<wp:comment_date>${cdata(date)}</wp:comment_date>`,
    `\t\t\t<wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt>`,
    `\t\t\t<wp:comment_content>${cdata(comment.html)}</wp:comment_content>`,
    `\t\t\t<wp:comment_approved>${cdata(WP_STATUS[comment.status])}</wp:comment_approved>`,
    `\t\t\t<wp:comment_type>${cdata("comment")}</wp:comment_type>`,
    `\t\t\t<wp:comment_parent>${comment.parent === null ? 0 : (ids.get(comment.parent) ?? 0)}</wp:comment_parent>`,
    "\t\t\t<wp:comment_user_id>0</wp:comment_user_id>",
    meta("wp:commentmeta", "_bascule_id", comment.id),
    meta("wp:commentmeta", "_bascule_status", comment.status),
    meta("wp:commentmeta", "_bascule_created_at", comment.createdAt),
    meta("wp:commentmeta", "_bascule_markdown", comment.body),
  ];
  if (comment.editedAt !== null) lines.push(meta("wp:commentmeta", "_bascule_edited_at", comment.editedAt));
  if (comment.likes > 0) lines.push(meta("wp:commentmeta", "_bascule_likes", String(comment.likes)));
  if (comment.likeRecords.length > 0) lines.push(meta("wp:commentmeta", "_bascule_like_records", JSON.stringify(comment.likeRecords)));
  if (comment.pinned) lines.push(meta("wp:commentmeta", "_bascule_pinned", "1"));
  if (comment.ipHash !== null) lines.push(meta("wp:commentmeta", "_bascule_ip_hash", comment.ipHash));
  lines.push("\t\t</wp:comment>");
  return lines.join("\n");
}

function meta(element: string, key: string, value: string): string {
  const indent = element === "wp:postmeta" ? "\t\t" : "\t\t\t";
  return `${indent}<${element}>\n${indent}\t<wp:meta_key>${cdata(key)}</wp:meta_key>\n${indent}\t<wp:meta_value>${cdata(value)}</wp:meta_value>\n${indent}</${element}>`;
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

// Characters XML 1.0 can't hold at all, even escaped.
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function text(value: string): string {
  return value.replace(NOT_XML, "").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function cdata(value: string): string {
  return `<![CDATA[${value.replace(NOT_XML, "").replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}
