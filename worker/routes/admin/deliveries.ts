// The delivery log and the test e-mail (API.md "Transports and the log"): every mail and
// webhook with its status, attempts and the provider's own error, for the owner only.
import { Hono } from "hono";
import { z } from "zod";
import type { DeliveriesResponse, TestMailResponse } from "../../api-types.ts";
import type { AppEnv } from "../../app-env.ts";
import { findDeliveries, listDeliveries, toAdminDelivery, type NewDelivery } from "../../db/deliveries.ts";
import { ApiError } from "../../http/errors.ts";
import { limitBody } from "../../http/json-only.ts";
import { siteByKey } from "../../http/lookups.ts";
import { cursorParam, siteKey, validate } from "../../http/validate.ts";
import { BODY_BYTES, CURSOR_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "../../lib/fields.ts";
import { normaliseEmail, saltedHash } from "../../lib/hash.ts";
import { testMail } from "../../mail/notices.ts";
import { deliveryId, queueDeliveries } from "../../notify/fanout.ts";

const logQuery = z.object({
  site: siteKey,
  cursor: z.string().max(CURSOR_MAX).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
});

const siteParam = z.object({ site: siteKey });

export const adminDeliveries = new Hono<AppEnv>()
  .get("/deliveries", validate("query", logQuery), async (c) => {
    const query = c.req.valid("query");
    await siteByKey(c.env.DB, query.site); // an unknown site is a 404, not an empty log
    const { shown, nextCursor } = await listDeliveries(c.env.DB, {
      site: query.site,
      cursor: cursorParam(query.cursor),
      limit: query.limit,
    });
    return c.json<DeliveriesResponse>({ deliveries: shown.map(toAdminDelivery), nextCursor });
  })
  // Queued like any mail, so it proves the whole path: queue, transport, log. Even when mail
  // isn't configured it is queued: its line in the log then says what to set.
  .post("/sites/:site/test-mail", limitBody(BODY_BYTES.small), validate("param", siteParam), async (c) => {
    const site = await siteByKey(c.env.DB, c.req.valid("param").site);
    const owners = site.settings.ownerEmails;
    if (owners.length === 0) {
      throw new ApiError(
        409,
        "owner_email_missing",
        "The site has no owner e-mail: add one to ownerEmails in its settings first.",
        "ownerEmails",
      );
    }
    const attempt = crypto.randomUUID(); // each click is a test of its own
    const deliveries: NewDelivery[] = await Promise.all(
      owners.map(async (to) => ({
        id: await deliveryId(`test:${attempt}`, "test", to),
        site: site.key,
        kind: "test",
        channel: "email" as const,
        to,
        toHash: await saltedHash(c.env.HASH_SALT, normaliseEmail(to)),
        payload: testMail(to, site.key, site.settings.locale),
      })),
    );
    await queueDeliveries(c.env, deliveries);
    const rows = await findDeliveries(
      c.env.DB,
      deliveries.map((delivery) => delivery.id),
    );
    const order = deliveries.map((delivery) => rows.find((row) => row.id === delivery.id)).filter((row) => row !== undefined);
    const [first] = order;
    if (first === undefined) throw new Error("the test mail was queued but is not in the log");
    return c.json<TestMailResponse>({ delivery: toAdminDelivery(first), deliveries: order.map(toAdminDelivery) }, 202);
  });
