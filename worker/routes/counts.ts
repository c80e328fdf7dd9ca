import { Hono } from "hono";
import { z } from "zod";
import type { CountsResponse } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { readBatch } from "../db/batch.ts";
import { selectSite } from "../db/sites.ts";
import { selectCounts } from "../db/threads.ts";
import { COUNTS_PAGES_MAX } from "../lib/fields.ts";
import { cleanPageKey } from "../lib/text.ts";
import { pageKey, siteKey, validate } from "../http/validate.ts";
import { allowSiteOrigin } from "../http/cors.ts";
import { requireSite } from "../http/lookups.ts";
import { cachedCountsRead } from "../http/read-cache.ts";

const countsQuery = z.object({
  site: siteKey,
  // `page` repeats: one value arrives as a string, several as an array.
  page: z
    .union([pageKey, z.array(pageKey)])
    .transform((pages) => (Array.isArray(pages) ? pages : [pages]))
    .pipe(z.array(z.string()).max(COUNTS_PAGES_MAX, { error: `Ask for at most ${COUNTS_PAGES_MAX} pages at once.` })),
});

// From the edge cache, keyed by the pages asked for and the site's count version (worker/http/read-cache.ts).
export const counts = new Hono<AppEnv>().get("/counts", validate("query", countsQuery), async (c) => {
  const query = c.req.valid("query");
  return cachedCountsRead(c, { site: query.site, pages: query.page }, async (db) => {
    const keys = query.page.map(cleanPageKey);
    // One round trip: the site and every page's count.
    const [siteRows, rows] = await readBatch(db, [selectSite(db, query.site), selectCounts(db, query.site, [...new Set(keys)])]);
    allowSiteOrigin(c, requireSite(siteRows[0], query.site));

    const found = new Map(rows.map((row) => [row.page, row.comment_count]));
    // Answered under the keys as asked, so the widget can match them to its elements.
    const counts = Object.fromEntries(query.page.map((asked, index) => [asked, found.get(keys[index] ?? "") ?? 0]));
    return { body: { counts } satisfies CountsResponse };
  });
});
