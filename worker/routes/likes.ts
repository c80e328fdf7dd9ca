import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { likeStatements } from "../db/likes.ts";
import { notFound, tooManyPerMinute } from "../http/errors.ts";
import { saltedHash } from "../lib/hash.ts";
import { limitPerMinute } from "../lib/limits.ts";
import { optional, validate } from "../http/validate.ts";
import { jsonOnly, limitBody } from "../http/json-only.ts";
import { commentFromSite } from "../http/lookups.ts";
import { usableSalt, writerKey } from "../http/writer.ts";
import { BODY_BYTES, READER_ID_PATTERN } from "../lib/fields.ts";

const likeBody = z.object({
  reader: optional(z.string().regex(READER_ID_PATTERN, { error: "reader must be the widget's random reader id." })),
});

// One like per comment for each reader id (kept by the widget in localStorage) and for
// each network (salted hash of the IP, /64 for IPv6): no cookies, no raw IPs.
export const likes = new Hono<AppEnv>().post(
  "/comments/:id/like",
  jsonOnly,
  limitBody(BODY_BYTES.like),
  validate("json", likeBody),
  async (c) => {
    const { comment } = await commentFromSite(c, c.req.param("id"));
    if (comment.status !== "approved") throw notFound.comment();
    const { reader } = c.req.valid("json");
    const salt = usableSalt(c);
    const ipHash = await writerKey(c);
    const wait = await limitPerMinute(c.env.LIKE_LIMIT, ipHash);
    if (wait !== null) throw tooManyPerMinute(wait, "likes");
    const [, recount] = await c.env.DB.batch<{ likes: number }>(
      likeStatements(c.env.DB, {
        commentId: comment.id,
        readerHash: reader === undefined ? null : await saltedHash(salt, `reader:${reader}`),
        ipHash,
        now: new Date().toISOString(),
      }),
    );
    return c.json({ likes: recount?.results[0]?.likes ?? comment.likes });
  },
);
