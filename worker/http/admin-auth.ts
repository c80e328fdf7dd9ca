import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { bearerToken } from "../lib/edit-token.ts";
import { ApiError } from "./errors.ts";
import { sha256Hex } from "../lib/hash.ts";

// Every owner route needs the ADMIN_TOKEN secret as a Bearer token. A worker without
// one configured refuses every owner request: there is no "open by default".
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const given = bearerToken(c.req.header("authorization"));
  const expected = c.env.ADMIN_TOKEN;
  if (given === null || !expected || !(await sameSecret(given, expected))) {
    throw new ApiError(401, "admin_token_required", "Owner routes need a valid admin token (Authorization: Bearer …).");
  }
  // Audit rows name the token by a short hash of it, never the token itself.
  c.set("adminId", (await sha256Hex(given)).slice(0, 12));
  await next();
});

/** Compares digests, so the time taken says nothing about the token, not even its length. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([given, expected].map((text) => crypto.subtle.digest("SHA-256", encoder.encode(text))));
  return crypto.subtle.timingSafeEqual(a as ArrayBuffer, b as ArrayBuffer);
}
