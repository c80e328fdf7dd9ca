import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AdminBan } from "../../api-types.ts";
import type { AppEnv } from "../../app-env.ts";
import { auditStatement } from "../../db/audit.ts";
import { banValueForName, deleteBan, insertBan, listBans, type BanKind } from "../../db/bans.ts";
import { siteByKey } from "../../http/lookups.ts";
import { BODY_BYTES, EMAIL_MAX } from "../../lib/fields.ts";
import { ipNetwork, normaliseEmail, saltedHash } from "../../lib/hash.ts";
import { siteKey, validate } from "../../http/validate.ts";
import { jsonOnly, limitBody } from "../../http/json-only.ts";

const ban = z.object({
  site: siteKey,
  kind: z.enum(["email", "ip", "name"], { error: "kind must be email, ip or name." }),
  value: z.string().trim().min(1, { error: "value is empty." }).max(EMAIL_MAX),
});

const HASH = /^[0-9a-f]{64}$/;

/** What a ban stores: e-mails and IPs as the same salted hashes comments carry (the admin queue shows ipHash). */
async function storedValue(c: Context<AppEnv>, kind: BanKind, value: string): Promise<string> {
  if (kind === "name") return banValueForName(value);
  if (HASH.test(value)) return value;
  return saltedHash(c.env.HASH_SALT, kind === "email" ? normaliseEmail(value) : ipNetwork(value));
}

export const adminBans = new Hono<AppEnv>()
  .get("/bans", validate("query", z.object({ site: siteKey })), async (c) => {
    const site = await siteByKey(c.env.DB, c.req.valid("query").site);
    const { results } = await listBans(c.env.DB, site.key);
    return c.json({ bans: results.map((row): AdminBan => ({ kind: row.kind, value: row.value, createdAt: row.created_at })) });
  })
  .post("/bans", jsonOnly, limitBody(BODY_BYTES.small), validate("json", ban), async (c) => {
    const input = c.req.valid("json");
    await siteByKey(c.env.DB, input.site);
    const value = await storedValue(c, input.kind, input.value);
    const createdAt = new Date().toISOString();
    await c.env.DB.batch([
      insertBan(c.env.DB, { site_key: input.site, kind: input.kind, value, created_at: createdAt }),
      auditStatement(c.env.DB, { actor: c.get("adminId"), action: "ban.add", site: input.site, detail: { kind: input.kind, value } }),
    ]);
    return c.json<AdminBan>({ kind: input.kind, value, createdAt }, 201);
  })
  .delete("/bans", validate("query", ban), async (c) => {
    const input = c.req.valid("query");
    const value = await storedValue(c, input.kind, input.value);
    await c.env.DB.batch([
      deleteBan(c.env.DB, input.site, input.kind, value),
      auditStatement(c.env.DB, { actor: c.get("adminId"), action: "ban.remove", site: input.site, detail: { kind: input.kind, value } }),
    ]);
    return c.body(null, 204);
  });
