import { Hono } from "hono";
import { z } from "zod";
import type { AdminThread } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { auditStatement } from "../db/audit.ts";
import { listThreads, selectThread, setClosed, type ThreadRow } from "../db/threads.ts";
import { findSite } from "../db/sites.ts";
import { ApiError } from "../lib/errors.ts";
import { isThreadClosed } from "../lib/moderation.ts";
import { normalisePageKey } from "../lib/page-key.ts";
import { pageKey, siteKey, validate } from "../lib/validate.ts";
import { jsonOnly, limitBody } from "../middleware/json-only.ts";

const closing = z.object({ site: siteKey, page: pageKey, closed: z.boolean({ error: "closed must be true or false." }) });

export const adminThreads = new Hono<AppEnv>()
  .get("/threads", validate("query", z.object({ site: siteKey })), async (c) => {
    const site = await findSite(c.env.DB, c.req.valid("query").site);
    const { results } = await listThreads(c.env.DB, site.key);
    const threads: AdminThread[] = results.map((row) => ({
      page: row.page,
      title: row.title,
      url: row.url,
      count: row.comment_count,
      closed: isThreadClosed(row, site.settings),
      createdAt: row.created_at,
    }));
    return c.json({ threads });
  })
  // Open or close one thread; threads older than the site's closeAfterDays close by themselves.
  .post("/threads/close", jsonOnly, limitBody(4096), validate("json", closing), async (c) => {
    const input = c.req.valid("json");
    const page = normalisePageKey(input.page);
    const thread = await selectThread(c.env.DB, input.site, page).first<ThreadRow>();
    if (thread === null) throw new ApiError(404, "thread_not_found", "There is no thread on that page.", "page");
    await c.env.DB.batch([
      setClosed(c.env.DB, input.site, page, input.closed),
      auditStatement(c.env.DB, {
        actor: c.get("adminId"),
        action: input.closed ? "thread.close" : "thread.open",
        site: input.site,
        detail: { page },
      }),
    ]);
    return c.json({ page, closed: input.closed });
  });
