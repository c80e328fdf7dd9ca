// GET/POST /subscription/<token>: a reader confirms or unsubscribes (API.md "Mail to readers"). To be built.
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

export const subscription = new Hono<AppEnv>();
