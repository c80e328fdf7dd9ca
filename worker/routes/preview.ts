import { Hono } from "hono";
import { z } from "zod";
import type { PreviewResponse } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { renderMarkdown } from "../lib/markdown.ts";
import { limitPerMinute } from "../lib/limits.ts";
import { optional, siteKey, text, validate } from "../http/validate.ts";
import { BODY_BYTES, BODY_MAX } from "../lib/fields.ts";
import { requireSiteOrigin } from "../http/cors.ts";
import { tooManyPerMinute } from "../http/errors.ts";
import { siteByKey } from "../http/lookups.ts";
import { jsonOnly, limitBody } from "../http/json-only.ts";
import { writerKey } from "../http/writer.ts";

const previewBody = z.object({ body: text("body", BODY_MAX), site: optional(siteKey) });

// Renders exactly as a posted comment would be. With `site`, the site's pages may call
// it cross-origin; without, only same-origin pages and tools can read the answer.
export const preview = new Hono<AppEnv>().post(
  "/preview",
  jsonOnly,
  limitBody(BODY_BYTES.comment),
  validate("json", previewBody),
  async (c) => {
    const input = c.req.valid("json");
    const wait = await limitPerMinute(c.env.PREVIEW_LIMIT, await writerKey(c));
    if (wait !== null) throw tooManyPerMinute(wait, "previews");
    if (input.site !== undefined) requireSiteOrigin(c, await siteByKey(c.env.DB, input.site));
    return c.json<PreviewResponse>({ html: renderMarkdown(input.body) });
  },
);
