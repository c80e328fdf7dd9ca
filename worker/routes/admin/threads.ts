import { Hono } from "hono";
import { z } from "zod";
import type { AdminThread } from "../../api-types.ts";
import type { AppEnv } from "../../app-env.ts";
import { auditStatement } from "../../db/audit.ts";
import { firstRow } from "../../db/batch.ts";
import { findThreadsByPages, findThreadsByPrefix, moveStatements } from "../../db/transfer/move.ts";
import { listThreads, selectThread, setClosed, setThreadMeta } from "../../db/threads.ts";
import { ApiError, notFound } from "../../http/errors.ts";
import { siteByKey } from "../../http/lookups.ts";
import { BODY_BYTES, PAGE_MAX, TITLE_MAX, URL_MAX } from "../../lib/fields.ts";
import { pageKeyProblem } from "../../lib/import/model.ts";
import { planMoves, rewrittenKey, type ThreadAt } from "../../lib/import/moves.ts";
import { isThreadClosed } from "../../lib/moderation.ts";
import { isUrlOnOrigins } from "../../lib/origins.ts";
import { cleanPageKey } from "../../lib/text.ts";
import { httpUrl, pageKey, siteKey, text, validate } from "../../http/validate.ts";
import { jsonOnly, limitBody } from "../../http/json-only.ts";

const closing = z.object({ site: siteKey, page: pageKey, closed: z.boolean({ error: "closed must be true or false." }) });
// null clears a field; an absent one stays as it is.
const metaBody = z
  .strictObject({
    site: siteKey,
    page: pageKey,
    title: text("title", TITLE_MAX).nullable().optional(),
    url: httpUrl("url", URL_MAX).nullable().optional(),
  })
  .refine((value) => value.title !== undefined || value.url !== undefined, { error: "Send title or url.", params: { code: "empty" } });
const moveBody = z.object({ site: siteKey, from: pageKey, to: pageKey });
const prefix = (label: string, min: number) =>
  z
    .string({ error: `${label} is required.` })
    .min(min, { error: `${label} is empty.` })
    .max(PAGE_MAX, { error: `${label} must be at most ${PAGE_MAX} characters.` });
const rewriteBody = z.object({ site: siteKey, prefixFrom: prefix("prefixFrom", 1), prefixTo: prefix("prefixTo", 0) });

export const adminThreads = new Hono<AppEnv>()
  .get("/threads", validate("query", z.object({ site: siteKey })), async (c) => {
    const site = await siteByKey(c.env.DB, c.req.valid("query").site);
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
  .post("/threads/close", jsonOnly, limitBody(BODY_BYTES.small), validate("json", closing), async (c) => {
    const input = c.req.valid("json");
    const page = cleanPageKey(input.page);
    const thread = await firstRow(selectThread(c.env.DB, input.site, page));
    if (thread === null) throw notFound.thread("There is no thread on that page.", "page");
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
  })
  // The owner corrects a thread's title or URL (issue 10, item 8); the URL must be on one of the site's origins.
  .patch("/threads", jsonOnly, limitBody(BODY_BYTES.small), validate("json", metaBody), async (c) => {
    const input = c.req.valid("json");
    const site = await siteByKey(c.env.DB, input.site);
    if (input.url && !isUrlOnOrigins(input.url, site.origins)) {
      throw new ApiError(400, "url_other_origin", "url must be on one of the site's origins.", "url");
    }
    const page = cleanPageKey(input.page);
    const thread = await firstRow(selectThread(c.env.DB, site.key, page));
    if (thread === null) throw notFound.thread("There is no thread on that page.", "page");
    const change = { title: input.title, url: input.url };
    await c.env.DB.batch([
      setThreadMeta(c.env.DB, { site: site.key, page, ...change }),
      auditStatement(c.env.DB, { actor: c.get("adminId"), action: "thread.update", site: site.key, detail: { page, ...change } }),
    ]);
    return c.json({
      page,
      title: input.title === undefined ? thread.title : input.title,
      url: input.url === undefined ? thread.url : input.url,
    });
  })
  // Move one thread to another page key when its URL changed; into a thread that has the key, it merges (lib/import/moves.ts).
  .post("/threads/move", jsonOnly, limitBody(BODY_BYTES.threads), validate("json", moveBody), async (c) => {
    const input = c.req.valid("json");
    const [from, to] = [cleanPageKey(input.from), cleanPageKey(input.to)];
    if (from === to) throw new ApiError(400, "to_same_page", "from and to name the same page.", "to");
    const problem = pageKeyProblem(to);
    if (problem !== null) throw new ApiError(400, "to_invalid", `to, once normalised, ${problem}.`, "to");
    const results = await findThreadsByPages(c.env.DB, input.site, [from, to]);
    const thread = results.find((row) => row.page === from);
    if (thread === undefined) throw notFound.thread(`Site "${input.site}" has no thread "${from}".`, "from");
    const move = planMoves(new Map([[thread, to]]), results);
    await c.env.DB.batch(
      moveStatements(c.env.DB, input.site, move, {
        actor: c.get("adminId"),
        action: "thread_move",
        site: input.site,
        detail: { moved: move.moved },
      }),
    );
    return c.json({ moved: move.moved });
  })
  // Rewrite every page key that starts with one prefix to start with another (a site moved).
  .post("/threads/rewrite", jsonOnly, limitBody(BODY_BYTES.threads), validate("json", rewriteBody), async (c) => {
    const { site, prefixFrom, prefixTo } = c.req.valid("json");
    const db = c.env.DB;
    const matching = await findThreadsByPrefix(db, site, prefixFrom);
    const moving = new Map<ThreadAt, string>();
    for (const thread of matching) {
      const page = rewrittenKey(thread.page, prefixFrom, prefixTo);
      if (page === thread.page) continue;
      // A thread with an empty key can't be reached through the API: refuse the whole rewrite.
      const problem = pageKeyProblem(page);
      if (problem !== null) {
        throw new ApiError(
          400,
          "prefix_to_invalid",
          `The thread "${thread.page}" would get the page key "${page.slice(0, 80)}", which ${problem}: nothing was moved.`,
          "prefixTo",
        );
      }
      moving.set(thread, page);
    }
    const holders = await findThreadsByPages(db, site, [...new Set(moving.values())]);
    const move = planMoves(moving, holders);
    if (move.moved.length > 0) {
      await db.batch(
        moveStatements(db, site, move, {
          actor: c.get("adminId"),
          action: "thread_rewrite",
          site,
          detail: { prefixFrom, prefixTo, moved: move.moved },
        }),
      );
    }
    return c.json({ moved: move.moved });
  });
