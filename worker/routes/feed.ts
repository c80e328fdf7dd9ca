// GET /api/v1/feed: Atom feeds of a site and of a thread (API.md "Feeds"). To be built.
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

export const feed = new Hono<AppEnv>();
