// GET /api/v1/admin/deliveries and POST /api/v1/admin/sites/:site/test-mail (API.md "Transports and the log"). To be built.
import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";

export const adminDeliveries = new Hono<AppEnv>();
