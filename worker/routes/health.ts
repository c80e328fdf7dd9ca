import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { configProblems, mailSetup } from "../lib/config.ts";

// Whether this worker can accept writes, and if not, what to set: names only, never a value.
// Always 200, so an uptime check sees the worker answer; `ok` says whether it is usable.
// `mail` says whether mail can leave and through which transport (issue 11); mail that
// can't is no reason to refuse writes, so it doesn't change `ok`.
export const health = new Hono<AppEnv>().get("/health", (c) => {
  const problems = configProblems(c.env);
  return c.json({ ok: problems.length === 0, writes: problems.length === 0 ? "accepted" : "refused", problems, mail: mailSetup(c.env) });
});
