// GET /api/v1/feed: Atom feeds of a site and of a thread (API.md "Feeds"). Public data, read
// like /counts: a feed reader sends no Origin and needs none; the site's own pages may read it
// with fetch too (CORS from the site's origins).
import { Hono } from "hono";
import { etag } from "hono/etag";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { readBatch } from "../db/batch.ts";
import { selectSiteFeed, selectThreadFeed, type FeedRow } from "../db/feed.ts";
import { selectSite } from "../db/sites.ts";
import { selectThread } from "../db/threads.ts";
import { allowSiteOrigin } from "../http/cors.ts";
import { requireSite } from "../http/lookups.ts";
import { pageKey, siteKey, validate } from "../http/validate.ts";
import { atomDocument, atomId, feedUrl, type AtomEntry } from "../lib/atom.ts";
import { cleanPageKey } from "../lib/text.ts";

const feedQuery = z.object({ site: siteKey, page: pageKey.optional() });

// The few words of a feed, in the site's language (en and fr, like the mails).
const WORDS = {
  en: {
    anonymous: "Anonymous",
    siteFeed: (site: string) => `Comments on ${site}`,
    threadFeed: (title: string) => `Comments: ${title}`,
    on: "on",
  },
  fr: {
    anonymous: "Anonyme",
    siteFeed: (site: string) => `Commentaires sur ${site}`,
    threadFeed: (title: string) => `Commentaires : ${title}`,
    on: "sur",
  },
} as const;

export type FeedWords = (typeof WORDS)[keyof typeof WORDS];

export function feedWords(locale: string): FeedWords {
  return locale.toLowerCase().startsWith("fr") ? WORDS.fr : WORDS.en;
}

export const feed = new Hono<AppEnv>().get("/feed", etag(), validate("query", feedQuery), async (c) => {
  const query = c.req.valid("query");
  const page = query.page === undefined ? undefined : cleanPageKey(query.page);
  const db = c.env.DB;
  // One round trip: the site, the thread and its entries (or the site's), from their indexes.
  const [siteRows, threadRows, rows] = await readBatch(db, [
    selectSite(db, query.site),
    selectThread(db, query.site, page ?? ""),
    page === undefined ? selectSiteFeed(db, query.site) : selectThreadFeed(db, query.site, page),
  ]);
  const siteRow = siteRows[0];
  const site = requireSite(siteRow, query.site);
  allowSiteOrigin(c, site);

  const words = feedWords(site.settings.locale);
  const origin = new URL(c.req.url).origin;
  const thread = page === undefined ? null : (threadRows[0] ?? null);
  const entries = await Promise.all(rows.map((row) => entry(row, site.key, words, page === undefined)));
  // A page without comments yet has a feed all the same (empty), so a reader can subscribe to
  // the URL the thread read gives before the first comment arrives.
  // ISO 8601 times in UTC sort as text: the latest change of an entry, or when the thread (or site) began.
  const updated = [thread?.created_at ?? siteRow?.created_at ?? "", ...entries.map((item) => item.updated)].sort().at(-1) ?? "";
  const body = atomDocument({
    id: await atomId(page === undefined ? `site\n${site.key}` : `thread\n${site.key}\n${page}`),
    title: page === undefined ? words.siteFeed(site.key) : words.threadFeed(thread?.title ?? page),
    updated,
    self: feedUrl(origin, site.key, page),
    alternate: thread?.url ?? null,
    entries,
  });
  return c.body(body, 200, { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" });
});

async function entry(row: FeedRow, site: string, words: FeedWords, siteFeed: boolean): Promise<AtomEntry> {
  const name = row.author_name ?? words.anonymous;
  return {
    id: await atomId(`comment\n${site}\n${row.id}`),
    title: siteFeed ? `${name} ${words.on} ${row.title ?? row.page}` : name,
    updated: row.edited_at ?? row.created_at,
    published: row.created_at,
    authorName: name,
    authorUri: row.author_website,
    html: row.html,
    link: row.url === null ? null : `${row.url.split("#")[0]}#comment-${row.id}`,
  };
}
