import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";

// The owner's page (issue 4). public/admin.html is a static asset, but /admin runs the worker
// first (wrangler.toml `run_worker_first`), so its strict headers live here in code, next to
// the routes they protect; a header set here replaces one from public/_headers. The shell
// loads only /admin.js and /admin.css, so the CSP allows no inline script and no inline style.

export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // The renderer turns images into links; should any image appear, only ours and data: ones load.
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const ADMIN_HEADERS: Record<string, string> = {
  "Content-Security-Policy": ADMIN_CSP,
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  // The page is tiny and the token lives in the tab: never keep a copy anywhere.
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
};

export const adminPage = new Hono<AppEnv>().get("/admin", async (c) => {
  // Fetched by its file name: through the binding, /admin.html answers 200 (no redirect to /admin).
  // No request headers are passed on, so there is never a 304 for a page that is not stored.
  const asset = await c.env.ASSETS.fetch(new URL("/admin.html", c.req.url));
  // The asset's headers are immutable: copy them, then set ours.
  const headers = new Headers(asset.headers);
  for (const [name, value] of Object.entries(ADMIN_HEADERS)) headers.set(name, value);
  headers.delete("ETag");
  return new Response(asset.body, { status: asset.status, headers });
});
