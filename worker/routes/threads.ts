import { Hono } from "hono";
import { z } from "zod";
import type { ThreadResponse } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { decodeCursor, encodeCursor, selectThreadPage, toPublicComment, type CommentRow } from "../db/comments.ts";
import { requireSite, selectSite, type SiteRow } from "../db/sites.ts";
import { selectThread, toThreadInfo, type ThreadRow } from "../db/threads.ts";
import { OWN_TOKENS_HEADER, tokenHashes } from "../lib/edit-token.ts";
import { signFormToken } from "../lib/form-token.ts";
import { ownerEmailHashes } from "../lib/hash.ts";
import { isThreadClosed } from "../lib/moderation.ts";
import { normalisePageKey } from "../lib/page-key.ts";
import { pageKey, siteKey, validate } from "../lib/validate.ts";
import { allowSiteOrigin } from "../middleware/cors.ts";

const threadQuery = z.object({
  site: siteKey,
  page: pageKey,
  sort: z.enum(["oldest", "newest", "top"], { error: "sort must be oldest, newest or top." }).default("oldest"),
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int({ error: "limit must be a whole number." })
    .min(1, { error: "limit must be at least 1." })
    .max(200, { error: "limit must be at most 200." })
    .default(50),
  cursor: z.string().max(500, { error: "cursor is too long." }).optional(),
});

export const threads = new Hono<AppEnv>().get("/threads", validate("query", threadQuery), async (c) => {
  const query = c.req.valid("query");
  const page = normalisePageKey(query.page);
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const ownTokenHashes = await tokenHashes(c.req.header(OWN_TOKENS_HEADER));

  // One round trip: the site, the thread and the page of comments in one batch.
  const [siteResult, threadResult, commentResult] = await c.env.DB.batch([
    selectSite(c.env.DB, query.site),
    selectThread(c.env.DB, query.site, page),
    selectThreadPage(c.env.DB, { site: query.site, page, sort: query.sort, limit: query.limit, cursor, ownTokenHashes }),
  ]);
  const site = requireSite(siteResult?.results[0] as SiteRow | undefined, query.site);
  allowSiteOrigin(c, site);

  const threadRow = (threadResult?.results as ThreadRow[] | undefined)?.[0] ?? null;
  const rows = (commentResult?.results ?? []) as CommentRow[];
  const { shown, last, more } = cutAtRoot(rows, query.limit);
  const owners = await ownerEmailHashes(c.env.HASH_SALT, site.settings.ownerEmails);

  return c.json<ThreadResponse>({
    thread: toThreadInfo(threadRow, page, isThreadClosed(threadRow ?? undefined, site.settings)),
    comments: shown.map((row) => toPublicComment(row, owners)),
    nextCursor: more && last ? encodeCursor(last) : null,
    site: {
      locale: site.settings.locale,
      displayDepth: site.settings.displayDepth,
      editWindowMinutes: site.settings.editWindowMinutes,
    },
    form: { token: await signFormToken(c.env.HASH_SALT, site.key, Date.now()), turnstileSiteKey: site.settings.turnstileSiteKey },
  });
});

/** Keeps the pinned and the first `limit` other top-level comments with their replies; the query fetched one more. */
function cutAtRoot(rows: CommentRow[], limit: number): { shown: CommentRow[]; last: CommentRow | null; more: boolean } {
  let roots = 0;
  let last: CommentRow | null = null;
  for (const [index, row] of rows.entries()) {
    if (row.depth !== 0 || row.pinned === 1) continue;
    if (roots === limit) return { shown: rows.slice(0, index), last, more: true };
    roots += 1;
    last = row;
  }
  return { shown: rows, last, more: false };
}
