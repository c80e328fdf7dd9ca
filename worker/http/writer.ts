import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { saltProblem } from "../lib/config.ts";
import { ipNetwork, saltedHash } from "../lib/hash.ts";
import { turnstilePasses, turnstileSetup } from "../lib/turnstile.ts";
import { ApiError } from "./errors.ts";

// Fail closed (issue 10, item 11): a worker without a usable HASH_SALT refuses every write, a
// writer without CF-Connecting-IP is limited with all the others who lack one, and a site that
// asks for Turnstile without the secret to check it refuses posts.
//
// 403, not 503: API.md allows only 4xx answers (a 5xx is a bug), and this is a refusal by
// policy that no retry will lift until the owner sets the secret, which a 503 would invite.

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Every write under /api/ (comments, likes, previews, owner writes) needs the salt. */
export const refuseWritesWhenUnconfigured = createMiddleware<AppEnv>(async (c, next) => {
  if (!READS.has(c.req.method)) usableSalt(c);
  await next();
});

/** HASH_SALT, or the 403 that says it is missing or too short (never its value). */
export function usableSalt(c: Context<AppEnv>): string {
  const problem = saltProblem(c.env.HASH_SALT);
  if (problem !== null) {
    throw new ApiError(
      403,
      "server_not_configured",
      `${problem.message} This server refuses writes until its owner sets it (see GET /api/v1/health).`,
    );
  }
  return c.env.HASH_SALT;
}

/**
 * Behind Cloudflare every request has CF-Connecting-IP. One without it (another route to the
 * worker, a misconfigured proxy) used to skip every limit; now all such writers are one writer,
 * with one bucket for each limit: strict for them, and never an open door.
 */
export const NO_IP_NETWORK = "no-ip";

/** The salted hash that names a writer for limits, bans and likes: their network, or the shared no-IP bucket. */
export function writerKey(c: Context<AppEnv>): Promise<string> {
  const ip = c.req.header("cf-connecting-ip");
  return saltedHash(usableSalt(c), ip ? ipNetwork(ip) : NO_IP_NETWORK);
}

/** The Turnstile check a post to a site needs: null when the site has none, else whether it passed. */
export async function turnstileFor(
  c: Context<AppEnv>,
  siteKey: string | null,
  token: string | undefined,
  ip: string | undefined,
): Promise<boolean | null> {
  const setup = turnstileSetup(siteKey, c.env.TURNSTILE_SECRET);
  switch (setup.mode) {
    case "off":
      return null;
    case "on":
      return turnstilePasses(setup.secret, token, ip);
    case "secret_missing":
      throw new ApiError(
        403,
        "turnstile_not_configured",
        "This site asks for an anti-robot check that the server can't verify yet (TURNSTILE_SECRET is not set). Comments are refused until its owner sets it.",
      );
  }
}
