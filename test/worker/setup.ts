import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { demoSiteSql } from "../../scripts/demo-seed.ts";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
// The tests' site, as `npm run dev` creates it: no migration makes it any more (issue 10, item 12).
await env.DB.prepare(demoSiteSql()).run();
