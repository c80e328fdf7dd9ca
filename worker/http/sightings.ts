import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { noteSighting } from "../db/sightings.ts";
import { cleanPageKey } from "../lib/text.ts";

// "Is it installed?" (issue 14): a thread read from one of the site's own pages (its answer
// lets that origin read it, so the origin is on the site's list) notes the site, the origin,
// the page and the time. Noted after the answer, at most once every few minutes per site and
// isolate, so a busy thread costs one small write now and then, never one per read.

const NOTE_EVERY_MS = 5 * 60_000;
const lastNoted = new Map<string, number>();

export const noteWidgetSighting = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const origin = c.req.header("origin");
  const site = c.req.query("site");
  const page = c.req.query("page");
  if (c.res.status !== 200 || !origin || !site || !page) return;
  if (c.res.headers.get("access-control-allow-origin") !== origin) return;
  const now = Date.now();
  if (now - (lastNoted.get(site) ?? 0) < NOTE_EVERY_MS) return;
  lastNoted.set(site, now);
  const sighting = { origin, page: cleanPageKey(page), seenAt: new Date(now).toISOString() };
  c.executionCtx.waitUntil(
    noteSighting(c.env.DB, site, sighting)
      .run()
      .catch((error: unknown) => console.error("[bascule] could not note the widget's sighting", error)),
  );
});

/** For tests: forget when each site was noted, so the next read notes it again. */
export function forgetSightings(): void {
  lastNoted.clear();
}
