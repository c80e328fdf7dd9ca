// The setup every end-to-end file shares: one `wrangler dev` (one fresh D1) and one Chromium
// for the whole file, and a list of things to close after each test. It registers vitest
// hooks, so it lives apart from harness/, which plain `node` imports too (bench/ does).

import { afterAll, afterEach, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { findChromium, launchBrowser } from "./harness/chromium.ts";
import { ensureWidgetBuilt } from "./harness/widget-bundle.ts";
import { startWorker, type RunningWorker } from "./harness/worker.ts";

export interface E2ESuite {
  /** Started before the file's first test: read it inside hooks and tests, not at import time. */
  readonly worker: RunningWorker;
  readonly browser: Browser;
  /** What a test opened (browser contexts, host pages), closed after it, last opened first. */
  readonly cleanups: Array<() => Promise<void>>;
}

export interface E2EOptions {
  /** Bundles the file needs in public/ besides the widget, built before the worker serves them. */
  build?: () => Promise<void>;
  /** The file's sites and settings, set up once the worker answers. */
  prepare(worker: RunningWorker): Promise<void>;
}

/**
 * Registers the file's hooks and returns what its tests use. Call it at the top level of the
 * file: vitest runs file-level hooks only when some test runs, so a skipped suite
 * (BASCULE_SKIP_E2E=1) starts nothing.
 */
export function useE2E(options: E2EOptions): E2ESuite {
  let worker: RunningWorker | undefined;
  let browser: Browser | undefined;
  const cleanups: Array<() => Promise<void>> = [];

  // Finding Chromium may mean downloading it once (findChromium), hence the long timeout.
  beforeAll(async () => {
    const chromium = await findChromium();
    ensureWidgetBuilt();
    await options.build?.();
    worker = await startWorker();
    await options.prepare(worker);
    browser = await launchBrowser(chromium);
  }, 600_000);

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  return {
    get worker() {
      if (worker === undefined) throw new Error("The worker starts in beforeAll: read it inside a hook or a test.");
      return worker;
    },
    get browser() {
      if (browser === undefined) throw new Error("The browser starts in beforeAll: read it inside a hook or a test.");
      return browser;
    },
    cleanups,
  };
}
