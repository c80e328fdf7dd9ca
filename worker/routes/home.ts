import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ADMIN_CSP } from "./admin/page.ts";

// What / shows (issue 10, item 12). Under `npm run dev` it is the demo article with its
// thread (public/index.html); a deployed worker shows its owner a short page pointing to
// /admin and the docs (public/welcome.html), never the demo. wrangler.toml runs the worker
// first for "/"; /index.html itself redirects to /, so the demo page is not reachable either.
export const home = new Hono<AppEnv>().get("/", async (c) => {
  if (c.env.BASCULE_DEMO === "on") return c.env.ASSETS.fetch(c.req.raw);
  const asset = await c.env.ASSETS.fetch(new URL("/welcome.html", c.req.url));
  // The asset's headers are immutable: copy them, then set ours (the page has no script).
  const headers = new Headers(asset.headers);
  headers.set("Content-Security-Policy", ADMIN_CSP);
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.delete("ETag");
  return new Response(asset.body, { status: asset.status, headers });
});
