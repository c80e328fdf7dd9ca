import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import { ApiError } from "./errors.ts";
import { isOriginAllowed } from "../lib/origins.ts";
import { READER_TOKENS_HEADER } from "../lib/reader-tokens.ts";
import { BOOKMARK_HEADER } from "./d1-session.ts";
import type { Site } from "../db/sites.ts";

// CORS follows each site's own allow-list, read from D1 on every request, so a settings
// change applies at once. A preflight can't know the site (it is in the body), so it
// is answered for any origin; the real request is then refused (403) or served
// without Access-Control-Allow-Origin when its origin is not the site's. Error answers
// carry no data, so app.onError lets any origin read them.

export const preflight = createMiddleware(async (c, next) => {
  if (c.req.method !== "OPTIONS") return next();
  const origin = c.req.header("origin");
  if (!origin) return c.body(null, 204);
  return c.body(null, 204, {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": "GET, POST, PATCH, DELETE",
    "Access-Control-Allow-Headers": `Content-Type, Authorization, ${READER_TOKENS_HEADER}, ${BOOKMARK_HEADER}, If-None-Match`,
    "Access-Control-Max-Age": "86400",
    Vary: "Origin",
  });
});

/** Lets the site's own pages read this response. */
export function allowSiteOrigin(c: Context, site: Site | null): void {
  allowOrigins(c, site?.origins ?? []);
}

/** The same from the origins alone, as a cached read keeps them (worker/http/read-cache.ts). */
export function allowOrigins(c: Context, origins: readonly string[]): void {
  c.header("Vary", "Origin");
  const origin = c.req.header("origin");
  if (origin && isOriginAllowed(origin, origins)) {
    c.header("Access-Control-Allow-Origin", origin);
    // The widget reads the bookmark to send it back, and the cache status (API.md); the browser's cache uses the ETag.
    c.header("Access-Control-Expose-Headers", `ETag, ${BOOKMARK_HEADER}, cf-cache-status`);
  }
}

/** Writes must come from one of the site's pages. */
export function requireSiteOrigin(c: Context, site: Site): void {
  if (!isOriginAllowed(c.req.header("origin"), site.origins)) {
    throw new ApiError(403, "origin_not_allowed", `This origin may not write to site "${site.key}".`);
  }
  allowSiteOrigin(c, site);
}
