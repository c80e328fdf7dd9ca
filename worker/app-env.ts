// The Hono environment of every route: bindings from wrangler.toml (generated into
// env.d.ts by `npm run types`) plus the secrets listed in .dev.vars.example.
export interface AppEnv {
  Bindings: Env & {
    /**
     * "on" only under `npm run dev` (`wrangler dev --var BASCULE_DEMO:on`) and the e2e harness:
     * then / is the demo article. Never set in wrangler.toml, so a deployed worker never has it.
     */
    BASCULE_DEMO?: string;
    /** Seconds a data centre keeps a thread's or site's versions (worker/http/read-cache.ts); default 5, 0 reads them from D1 each time. */
    BASCULE_VERSION_TTL?: string;
  };
  Variables: {
    /** Set by requireAdmin: a short hash that names the admin token in audit rows. */
    adminId: string;
  };
}
