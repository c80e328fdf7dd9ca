// What comments.test.ts and theme.test.ts share: the widget's locators, and a suite whose `demo`
// site publishes at once, with helpers that open a host page and a watched browser context in it.

import { expect } from "vitest";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { updateSite } from "./harness/api.ts";
import { watchBrowser, type BrowserActivity } from "./harness/browser-activity.ts";
import { hostPageHtml, serveHostPage, type HostPage } from "./harness/host-page.ts";
import { type E2ESuite, useE2E } from "./suite.ts";

// ---------------------------------------------------------------------------------------------
// What the widget must expose, in French (data-lang="fr"). Everything that depends on the widget's
// words or markup is here, so it is easy to adjust. Playwright locators pierce open shadow roots.

export const ui = {
  /** The element the embed snippet asks for; the widget renders in an open shadow root inside it. */
  widget: (page: Page) => page.locator("#bascule-comments"),
  /** The thread heading: "0 commentaire", "1 commentaire", "2 commentaires" (CLDR: 0 and 1 are singular in French). */
  heading: (scope: Locator, count: RegExp) => scope.getByRole("heading", { name: count }),
  /** The main form and the reply form are both <form> elements. */
  forms: (scope: Locator) => scope.locator("form"),
  nameField: (form: Locator) => form.getByRole("textbox", { name: /nom/i }),
  emailField: (form: Locator) => form.getByRole("textbox", { name: /e-?mail|courriel/i }),
  bodyField: (form: Locator) => form.getByRole("textbox", { name: /commentaire|réponse|message/i }),
  submitButton: (form: Locator) => form.getByRole("button", { name: /publier|envoyer/i }),
  /** Each comment is an <article> (or role="article"). */
  comments: (scope: Locator) => scope.getByRole("article"),
  replyButton: (comment: Locator) => comment.getByRole("button", { name: /répondre/i }),
  /** The byline counter on the host page (light DOM), filled by the widget. */
  bylineCount: (page: Page, key: string) => page.locator(`[data-bascule-count="${key}"]`),
};

export const COUNT = {
  zero: /\b0 commentaire\b/i,
  one: /\b1 commentaire\b/i,
  two: /\b2 commentaires\b/i,
};

export const APPEAR_MS = 15_000;

export interface WidgetE2E {
  e2e: E2ESuite;
  newBrowserContext(): Promise<{ context: BrowserContext; activity: BrowserActivity }>;
  hostPage(options: { page: string; themed: boolean; head?: string }): Promise<HostPage>;
  expectCleanRun(activity: BrowserActivity): void;
}

/** Call it at the top level of the test file, like useE2E. */
export function useWidgetE2E(): WidgetE2E {
  const e2e = useE2E({
    // The tests check what a reader sees right away; moderation and the bot trap's minimum
    // time have their own worker tests. The widget must still send its form token.
    prepare: (worker) => updateSite(worker, "demo", { moderation: "none", minSubmitSeconds: 0 }),
  });

  async function newBrowserContext(): Promise<{ context: BrowserContext; activity: BrowserActivity }> {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(APPEAR_MS);
    e2e.cleanups.push(() => context.close());
    return { context, activity: watchBrowser(context) };
  }

  async function hostPage(options: { page: string; themed: boolean; head?: string }): Promise<HostPage> {
    const host = await serveHostPage(hostPageHtml({ workerUrl: e2e.worker.url, ...options }));
    e2e.cleanups.push(() => host.close());
    return host;
  }

  function expectCleanRun(activity: BrowserActivity): void {
    // One assertion, so a failure shows every kind of problem at once.
    expect(
      { pageErrors: activity.pageErrors, consoleErrors: activity.consoleErrors, foreignRequests: activity.foreignRequests() },
      `the page ran with errors or talked to hosts other than 127.0.0.1/localhost\n${activity.summary()}`,
    ).toEqual({ pageErrors: [], consoleErrors: [], foreignRequests: [] });
    // Guard against a vacuous pass: the widget really did talk to the worker.
    expect(
      activity.requests.some((url) => url.startsWith(`${e2e.worker.url}/api/`)),
      "no request reached the API",
    ).toBe(true);
  }

  return { e2e, newBrowserContext, hostPage, expectCleanRun };
}

/** Wait for a locator to be visible; on failure say what was expected and what the browser saw. */
export async function appears(locator: Locator, what: string, activity: BrowserActivity): Promise<void> {
  try {
    await locator.waitFor({ state: "visible", timeout: APPEAR_MS });
  } catch (error) {
    throw new Error(`${what} did not appear within ${APPEAR_MS / 1000} s: ${(error as Error).message}\n${activity.summary()}`);
  }
}
