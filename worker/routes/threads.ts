import { Hono } from "hono";
import { z } from "zod";
import type { ThreadResponse } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { readBatch } from "../db/batch.ts";
import { selectThreadPage, toPublicComment } from "../db/comments.ts";
import { cutThreadPage } from "../db/paging.ts";
import { selectSite } from "../db/sites.ts";
import { selectThread, toThreadInfo } from "../db/threads.ts";
import { tokenHashes } from "../lib/edit-token.ts";
import { READER_TOKENS_HEADER } from "../lib/reader-tokens.ts";
import { CURSOR_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "../lib/fields.ts";
import { signFormToken } from "../lib/form-token.ts";
import { ownerEmailHashes } from "../lib/hash.ts";
import { isThreadClosed } from "../lib/moderation.ts";
import { normalisePageKey } from "../lib/page-key.ts";
import { cursorParam, pageKey, siteKey, validate } from "../http/validate.ts";
import { allowSiteOrigin } from "../http/cors.ts";
import { requireSite } from "../http/lookups.ts";

const threadQuery = z.object({
  site: siteKey,
  page: pageKey,
  sort: z.enum(["oldest", "newest", "top"], { error: "sort must be oldest, newest or top." }).default("oldest"),
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int({ error: "limit must be a whole number." })
    .min(1, { error: "limit must be at least 1." })
    .max(PAGE_LIMIT_MAX, { error: `limit must be at most ${PAGE_LIMIT_MAX}.` })
    .default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(CURSOR_MAX, { error: "cursor is too long." }).optional(),
});

export const threads = new Hono<AppEnv>().get("/threads", validate("query", threadQuery), async (c) => {
  const query = c.req.valid("query");
  const page = normalisePageKey(query.page);
  const cursor = cursorParam(query.cursor);
  const ownTokenHashes = await tokenHashes(c.req.header(READER_TOKENS_HEADER));

  // One round trip: the site, the thread and the page of comments in one batch.
  const [siteRows, threadRows, commentRows] = await readBatch(c.env.DB, [
    selectSite(c.env.DB, query.site),
    selectThread(c.env.DB, query.site, page),
    selectThreadPage(c.env.DB, { site: query.site, page, sort: query.sort, limit: query.limit, cursor, ownTokenHashes }),
  ]);
  const site = requireSite(siteRows[0], query.site);
  allowSiteOrigin(c, site);

  const threadRow = threadRows[0] ?? null;
  const { shown, nextCursor } = cutThreadPage(commentRows, query.limit);
  const owners = await ownerEmailHashes(c.env.HASH_SALT, site.settings.ownerEmails);

  return c.json<ThreadResponse>({
    thread: toThreadInfo(threadRow, page, isThreadClosed(threadRow ?? undefined, site.settings)),
    comments: shown.map((row) => toPublicComment(row, owners)),
    nextCursor,
    site: {
      locale: site.settings.locale,
      displayDepth: site.settings.displayDepth,
      editWindowMinutes: site.settings.editWindowMinutes,
    },
    form: { token: await signFormToken(c.env.HASH_SALT, site.key, Date.now()), turnstileSiteKey: site.settings.turnstileSiteKey },
  });
});
