// The Hono environment of every route: bindings from wrangler.toml (generated into
// env.d.ts by `npm run types`) plus the secrets listed in .dev.vars.example.
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** Set by requireAdmin: a short hash that names the admin token in audit rows. */
    adminId: string;
  };
}
