import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { findSighting } from "../../db/sightings.ts";
import { siteByKey } from "../../http/lookups.ts";

// GET /api/v1/admin/sites/:site/installation: "did I paste it right?" answered. The last time
// the site's widget read a thread (http/sightings.ts), from which origin and page; null when
// it was never seen.
export const adminInstallation = new Hono<AppEnv>().get("/sites/:site/installation", async (c) => {
  const site = await siteByKey(c.env.DB, c.req.param("site"));
  return c.json({ widget: await findSighting(c.env.DB, site.key) });
});
