// What admin.test.ts and admin-site.test.ts share: the reader's and the owner's locators, and a
// suite with a "first"-moderated site of its own, with helpers that hold comments, open a watched
// browser context and sign in to /admin.

import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { BrowserContext, Locator, Page } from "playwright-core";
import type { AdminComment, AdminCommentsResponse, ThreadResponse } from "../../worker/api-types.ts";
import { buildAdmin } from "../../scripts/build-admin.ts";
import { watchBrowser, type BrowserActivity } from "./harness/browser-activity.ts";
import { hostPageHtml, serveHostPage, type HostPage } from "./harness/host-page.ts";
import { repoRoot } from "./harness/paths.ts";
import { newestMtime } from "./harness/widget-bundle.ts";
import { type E2ESuite, useE2E } from "./suite.ts";

// ---------------------------------------------------------------------------------------------
// What the pages must expose. The reader's widget is in French (the host page's data-lang); the
// owner's page follows the browser's language, English here, with a toggle to French.

export const reader = {
  widget: (page: Page) => page.locator("#bascule-comments"),
  form: (page: Page) => reader.widget(page).locator("form").first(),
  heading: (page: Page, count: RegExp) => reader.widget(page).getByRole("heading", { name: count }),
  comment: (page: Page, text: string) => reader.widget(page).getByRole("article").filter({ hasText: text }),
  held: /en attente de modération/i,
};

export const owner = {
  tokenField: (page: Page) => page.getByLabel(/admin token|jeton/i),
  signIn: (page: Page) => page.getByRole("button", { name: /sign in|se connecter/i }),
  card: (page: Page, text: string) => page.getByRole("article").filter({ hasText: text }),
  selected: (page: Page) => page.locator('article[aria-current="true"]'),
  toast: (page: Page) => page.getByRole("status"),
};

/** A site of its own, moderated "first"; any 127.0.0.1 port may embed it (each test serves its own host page). */
export const SITE = "e2e-owner";
const PHONE = { width: 360, height: 740 };
const APPEAR_MS = 15_000;

export interface AdminE2E {
  e2e: E2ESuite;
  ownerFetch(pathAndQuery: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  queue(status?: string): Promise<AdminComment[]>;
  createSite(key: string): Promise<void>;
  heldComment(host: HostPage, page: string, name: string, body: string, site?: string): Promise<string>;
  newContext(options: { locale: string; phone?: boolean }): Promise<{ context: BrowserContext; activity: BrowserActivity }>;
  hostPage(page: string): Promise<HostPage>;
  openAdmin(context: BrowserContext, site: string): Promise<Page>;
}

/** Call it at the top level of the test file, like useE2E. */
export function useAdminE2E(): AdminE2E {
  const e2e = useE2E({ build: ensureAdminBuilt, prepare: () => createSite(SITE) });

  async function ownerFetch(pathAndQuery: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const { json, ...rest } = init;
    return fetch(`${e2e.worker.url}/api/v1/admin/${pathAndQuery}`, {
      ...rest,
      headers: { authorization: `Bearer ${e2e.worker.adminToken}`, ...(json === undefined ? {} : { "content-type": "application/json" }) },
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
  }

  async function queue(status = "pending"): Promise<AdminComment[]> {
    const response = await ownerFetch(`comments?site=${SITE}&status=${status}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as AdminCommentsResponse).comments;
  }

  async function createSite(key: string): Promise<void> {
    const created = await ownerFetch("sites", {
      method: "POST",
      // minSubmitSeconds 0: the test types faster than a person, which the bot trap would call spam.
      json: { key, origins: ["http://127.0.0.1:*"], moderation: "first", minSubmitSeconds: 0 },
    });
    expect(created.status, await created.clone().text()).toBe(201);
  }

  /** A held comment written through the API as the reader's page would (form token included), for setup. */
  async function heldComment(host: HostPage, page: string, name: string, body: string, site = SITE): Promise<string> {
    const headers = { origin: host.origin, "content-type": "application/json" };
    const thread = await fetch(`${e2e.worker.url}/api/v1/threads?site=${site}&page=${encodeURIComponent(page)}`, { headers });
    const { form } = (await thread.json()) as ThreadResponse;
    const response = await fetch(`${e2e.worker.url}/api/v1/comments`, {
      method: "POST",
      headers,
      body: JSON.stringify({ site, page, body, formToken: form.token, author: { name, email: `${name.toLowerCase()}@example.org` } }),
    });
    expect(response.status, await response.clone().text()).toBe(202);
    return ((await response.json()) as { comment: { id: string } }).comment.id;
  }

  async function newContext(options: { locale: string; phone?: boolean }): Promise<{ context: BrowserContext; activity: BrowserActivity }> {
    const context = await e2e.browser.newContext({
      locale: options.locale,
      viewport: options.phone ? PHONE : { width: 1200, height: 900 },
    });
    context.setDefaultTimeout(APPEAR_MS);
    // Every CSP violation of every page, whatever logs it or not.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (event) => {
        seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
      });
    });
    e2e.cleanups.push(() => context.close());
    return { context, activity: watchBrowser(context) };
  }

  async function hostPage(page: string): Promise<HostPage> {
    const host = await serveHostPage(hostPageHtml({ workerUrl: e2e.worker.url, page, themed: false, site: SITE, lang: "fr" }));
    e2e.cleanups.push(() => host.close());
    return host;
  }

  /** Opens /admin, pastes the token, and picks the site (the first one is shown until then). */
  async function openAdmin(context: BrowserContext, site: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(`${e2e.worker.url}/admin`);
    expect(response?.status()).toBe(200);
    await owner.tokenField(page).fill(e2e.worker.adminToken);
    await owner.signIn(page).click();
    await page.getByRole("heading", { name: /^comments$/i }).waitFor();
    await page.getByLabel("Site").selectOption(site);
    return page;
  }

  return { e2e, ownerFetch, queue, createSite, heldComment, newContext, hostPage, openAdmin };
}

/** Like ensureWidgetBuilt: rebuild public/admin.js and admin.css when missing or older than admin/. */
async function ensureAdminBuilt(): Promise<void> {
  const outputs = ["admin.js", "admin.css"].map((name) => path.join(repoRoot, "public", name));
  const sources = newestMtime(path.join(repoRoot, "admin"));
  if (outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) return;
  await buildAdmin();
}

/** No CSP violation, no error, nothing but 127.0.0.1. `expected` console errors are the test's own doing (a 400 it asked for). */
export async function expectClean(page: Page, activity: BrowserActivity, expected?: RegExp): Promise<void> {
  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  const consoleErrors = activity.consoleErrors.filter((message) => !expected?.test(message));
  expect(
    { violations, pageErrors: activity.pageErrors, consoleErrors, foreignRequests: activity.foreignRequests() },
    `the admin page ran with errors\n${activity.summary()}`,
  ).toEqual({ violations: [], pageErrors: [], consoleErrors: [], foreignRequests: [] });
}

/** The keys, one at a time, each followed by a check of which card is selected. */
export async function press(page: Page, key: string, expectSelected?: string): Promise<void> {
  await page.keyboard.press(key);
  if (expectSelected !== undefined) await expect.poll(() => owner.selected(page).textContent()).toContain(expectSelected);
}

export async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "visible", timeout: APPEAR_MS });
}
