import { Hono } from "hono";
import { z } from "zod";
import type { CountsResponse } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { requireSite, selectSite, type SiteRow } from "../db/sites.ts";
import { selectCounts, type ThreadRow } from "../db/threads.ts";
import { normalisePageKey } from "../lib/page-key.ts";
import { pageKey, siteKey, validate } from "../lib/validate.ts";
import { allowSiteOrigin } from "../middleware/cors.ts";

const countsQuery = z.object({
  site: siteKey,
  // `page` repeats: one value arrives as a string, several as an array.
  page: z
    .union([pageKey, z.array(pageKey)])
    .transform((pages) => (Array.isArray(pages) ? pages : [pages]))
    .pipe(z.array(z.string()).max(100, { error: "Ask for at most 100 pages at once." })),
});

export const counts = new Hono<AppEnv>().get("/counts", validate("query", countsQuery), async (c) => {
  const query = c.req.valid("query");
  const keys = query.page.map(normalisePageKey);
  // One round trip: the site and every page's count.
  const [siteResult, countResult] = await c.env.DB.batch([
    selectSite(c.env.DB, query.site),
    selectCounts(c.env.DB, query.site, [...new Set(keys)]),
  ]);
  allowSiteOrigin(c, requireSite(siteResult?.results[0] as SiteRow | undefined, query.site));

  const rows = (countResult?.results ?? []) as Pick<ThreadRow, "page" | "comment_count">[];
  const found = new Map(rows.map((row) => [row.page, row.comment_count]));
  // Answered under the keys as asked, so the widget can match them to its elements.
  const counts = Object.fromEntries(query.page.map((asked, index) => [asked, found.get(keys[index] ?? "") ?? 0]));
  return c.json<CountsResponse>({ counts });
});
