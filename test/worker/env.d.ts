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
  }
}
