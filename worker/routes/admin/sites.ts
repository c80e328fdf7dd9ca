import { Hono } from "hono";
import { z } from "zod";
import type { SiteBody } from "../../api-types.ts";
import type { AppEnv } from "../../app-env.ts";
import { auditStatement } from "../../db/audit.ts";
import { constraintFailed } from "../../db/constraints.ts";
import { insertSite, listSites, toSite, updateSite, type Site } from "../../db/sites.ts";
import { deleteSiteData } from "../../db/site-delete.ts";
import { ApiError } from "../../http/errors.ts";
import { siteByKey } from "../../http/lookups.ts";
import { DEFAULT_SETTINGS, originsSchema, settingsForLog, settingsPatchSchema } from "../../lib/settings.ts";
import { siteKey, validate } from "../../http/validate.ts";
import { jsonOnly, limitBody } from "../../http/json-only.ts";
import { BODY_BYTES } from "../../lib/fields.ts";

const newSite = settingsPatchSchema.extend({ key: siteKey, origins: originsSchema });
const siteChange = settingsPatchSchema.extend({ origins: originsSchema.optional() });
const siteParam = z.object({ site: siteKey });
/** Deleting a site names it twice: in the path and, typed again, in the body. */
const deletion = z.strictObject({ confirm: z.string({ error: "confirm must be the site's key, typed again." }).max(100) });

function siteBody(site: Site): SiteBody {
  return { key: site.key, origins: site.origins, ...site.settings };
}

// Settings take effect on the next request: CORS and moderation read them from D1 each time.
export const adminSites = new Hono<AppEnv>()
  .get("/sites", async (c) => {
    const { results } = await listSites(c.env.DB);
    return c.json({ sites: results.map((row) => siteBody(toSite(row))) });
  })
  .post("/sites", jsonOnly, limitBody(BODY_BYTES.site), validate("json", newSite), async (c) => {
    const { key, origins, ...settings } = c.req.valid("json");
    const site: Site = { key, origins, settings: { ...DEFAULT_SETTINGS, ...settings } };
    try {
      await c.env.DB.batch([
        insertSite(c.env.DB, site, new Date().toISOString()),
        auditStatement(c.env.DB, { actor: c.get("adminId"), action: "site.create", site: key, detail: settingsForLog(siteBody(site)) }),
      ]);
    } catch (error) {
      if (constraintFailed(error, "UNIQUE")) throw new ApiError(409, "site_exists", `The site "${key}" already exists.`, "key");
      throw error;
    }
    return c.json(siteBody(site), 201);
  })
  .get("/sites/:site", validate("param", siteParam), async (c) => {
    return c.json(siteBody(await siteByKey(c.env.DB, c.req.valid("param").site)));
  })
  .put("/sites/:site", jsonOnly, limitBody(BODY_BYTES.site), validate("param", siteParam), validate("json", siteChange), async (c) => {
    const before = await siteByKey(c.env.DB, c.req.valid("param").site);
    const { origins, ...settings } = c.req.valid("json");
    const after: Site = { key: before.key, origins: origins ?? before.origins, settings: { ...before.settings, ...settings } };
    await c.env.DB.batch([
      updateSite(c.env.DB, after),
      auditStatement(c.env.DB, {
        actor: c.get("adminId"),
        action: "site.update",
        site: before.key,
        detail: { before: settingsForLog(siteBody(before)), after: settingsForLog(siteBody(after)) },
      }),
    ]);
    return c.json(siteBody(after));
  })
  // Removes the site and all its data in bounded steps (db/site-delete.ts): 200 once it is
  // gone, 202 while data is left, and the owner sends the same request again.
  .delete("/sites/:site", jsonOnly, limitBody(BODY_BYTES.small), validate("param", siteParam), validate("json", deletion), async (c) => {
    const { site: key } = c.req.valid("param");
    if (c.req.valid("json").confirm !== key) {
      throw new ApiError(400, "confirm_mismatch", `To delete the site, send { "confirm": "${key}" }.`, "confirm");
    }
    await siteByKey(c.env.DB, key);
    const { done, deleted } = await deleteSiteData(c.env.DB, key);
    if (done) {
      // The site's own audit rows are gone with it; this one, under no site, records the deletion.
      await auditStatement(c.env.DB, { actor: c.get("adminId"), action: "site.delete", site: null, detail: { site: key, deleted } }).run();
    }
    return c.json({ site: key, done, deleted }, done ? 200 : 202);
  });
