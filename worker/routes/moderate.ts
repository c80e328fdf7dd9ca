// GET/POST /moderate/<token>: the owner's one-click moderation page (API.md "Mail to the owner"). To be built.
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

export const moderate = new Hono<AppEnv>();
