// Atom 1.0 (RFC 4287) documents for the comment feeds. Every piece of data goes through the
// export's XML writer, so whatever a comment or a thread title holds, the feed is well-formed;
// test/worker/feed.test.ts parses feeds back with a real XML parser (saxes).
import { xmlText } from "./export/xml-writer.ts";

export interface AtomEntry {
  /** A URI that names this comment for good (atomId). */
  id: string;
  title: string;
  /** RFC 3339 times. */
  updated: string;
  published: string;
  authorName: string;
  authorUri: string | null;
  /** Sanitised HTML (worker/lib/markdown.ts), written escaped as `<content type="html">`. */
  html: string;
  /** Where the comment is read (the thread's page and its #comment- anchor), when known. */
  link: string | null;
}

export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  /** The feed's own URL. */
  self: string;
  /** The page the feed is about, when known. */
  alternate: string | null;
  entries: readonly AtomEntry[];
}

export function atomDocument(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title>${xmlText(feed.title)}</title>`,
    `  <updated>${xmlText(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.self)}"/>`,
    ...(feed.alternate ? [`  <link rel="alternate" type="text/html" href="${xmlText(feed.alternate)}"/>`] : []),
    "  <generator>Bascule</generator>",
    ...feed.entries.map(entryXml),
    "</feed>",
  ];
  return `${lines.join("\n")}\n`;
}

function entryXml(entry: AtomEntry): string {
  return [
    "  <entry>",
    `    <id>${xmlText(entry.id)}</id>`,
    `    <title>${xmlText(entry.title)}</title>`,
    `    <updated>${xmlText(entry.updated)}</updated>`,
    `    <published>${xmlText(entry.published)}</published>`,
    `    <author><name>${xmlText(entry.authorName)}</name>${entry.authorUri ? `<uri>${xmlText(entry.authorUri)}</uri>` : ""}</author>`,
    ...(entry.link ? [`    <link rel="alternate" type="text/html" href="${xmlText(entry.link)}"/>`] : []),
    `    <content type="html">${xmlText(entry.html)}</content>`,
    "  </entry>",
  ].join("\n");
}

/**
 * A `urn:uuid:` that names `what` for good: a UUID made from its SHA-256 (version 8, RFC 9562),
 * so it stays the same when the worker moves to another host, unlike a tag: URI of the host.
 */
export async function atomId(what: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`bascule feed id\n${what}`)));
  const bytes = digest.slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // version 8
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The feed's URL on the worker's origin: the site's, or one thread's. */
export function feedUrl(origin: string, site: string, page?: string): string {
  const query = new URLSearchParams({ site });
  if (page !== undefined) query.set("page", page);
  return `${origin}/api/v1/feed?${query}`;
}
