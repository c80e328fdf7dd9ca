// The owner's page in a real Chromium (issue 4): a reader's first comment on a `first`-mode site
// is held, the owner opens /admin at phone width, pastes the token, approves it with j/k + a, and
// the reader sees it after a reload. Also: /admin's security headers, no CSP violation, undo,
// and (issue 6) an import through the page and the export's download.

import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BrowserContext, Locator, Page } from "playwright-core";
import type { AdminComment, AdminCommentsResponse, ThreadResponse } from "../../worker/api-types.ts";
import { buildAdmin } from "../../scripts/build-admin.ts";
import {
  hostPageHtml,
  newestMtime,
  repoRoot,
  serveHostPage,
  sharedDir,
  skipE2E,
  uniquePage,
  watchBrowser,
  type BrowserActivity,
  type HostPage,
} from "./harness.ts";
import { useE2E } from "./suite.ts";

// ---------------------------------------------------------------------------------------------
// What the pages must expose. The reader's widget is in French (the host page's data-lang); the
// owner's page follows the browser's language, English here, with a toggle to French.

const reader = {
  widget: (page: Page) => page.locator("#bascule-comments"),
  form: (page: Page) => reader.widget(page).locator("form").first(),
  heading: (page: Page, count: RegExp) => reader.widget(page).getByRole("heading", { name: count }),
  comment: (page: Page, text: string) => reader.widget(page).getByRole("article").filter({ hasText: text }),
  held: /en attente de modération/i,
};

const owner = {
  tokenField: (page: Page) => page.getByLabel(/admin token|jeton/i),
  signIn: (page: Page) => page.getByRole("button", { name: /sign in|se connecter/i }),
  card: (page: Page, text: string) => page.getByRole("article").filter({ hasText: text }),
  selected: (page: Page) => page.locator('article[aria-current="true"]'),
  toast: (page: Page) => page.getByRole("status"),
};

/** A site of its own, moderated "first"; any 127.0.0.1 port may embed it (each test serves its own host page). */
const SITE = "e2e-owner";
const PHONE = { width: 360, height: 740 };
const APPEAR_MS = 15_000;

// ---------------------------------------------------------------------------------------------

const e2e = useE2E({ build: ensureAdminBuilt, prepare: () => createSite(SITE) });

/** Like ensureWidgetBuilt: rebuild public/admin.js and admin.css when missing or older than admin/. */
async function ensureAdminBuilt(): Promise<void> {
  const outputs = ["admin.js", "admin.css"].map((name) => path.join(repoRoot, "public", name));
  const sources = newestMtime(path.join(repoRoot, "admin"));
  if (outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) return;
  await buildAdmin();
}

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
  const context = await e2e.browser.newContext({ locale: options.locale, viewport: options.phone ? PHONE : { width: 1200, height: 900 } });
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

/** No CSP violation, no error, nothing but 127.0.0.1. `expected` console errors are the test's own doing (a 400 it asked for). */
async function expectClean(page: Page, activity: BrowserActivity, expected?: RegExp): Promise<void> {
  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  const consoleErrors = activity.consoleErrors.filter((message) => !expected?.test(message));
  expect(
    { violations, pageErrors: activity.pageErrors, consoleErrors, foreignRequests: activity.foreignRequests() },
    `the admin page ran with errors\n${activity.summary()}`,
  ).toEqual({ violations: [], pageErrors: [], consoleErrors: [], foreignRequests: [] });
}

/** The keys, one at a time, each followed by a check of which card is selected. */
async function press(page: Page, key: string, expectSelected?: string): Promise<void> {
  await page.keyboard.press(key);
  if (expectSelected !== undefined) await expect.poll(() => owner.selected(page).textContent()).toContain(expectSelected);
}

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "visible", timeout: APPEAR_MS });
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(skipE2E)("end to end: the owner's page at /admin", () => {
  it("serves /admin with strict security headers, and its bundle apart from embed.js", async () => {
    const response = await fetch(`${e2e.worker.url}/admin`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp.split(";").map((part) => {
        const [name = "", ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    const scriptSrc = directives.get("script-src") ?? directives.get("default-src");
    expect(scriptSrc, csp).toEqual(["'self'"]);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toMatch(/<script src="\/admin\.js"/);
    expect(html, "no inline script in the shell").not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);

    const script = await fetch(`${e2e.worker.url}/admin.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    const css = await fetch(`${e2e.worker.url}/admin.css`);
    expect(css.headers.get("content-type")).toMatch(/text\/css/);
    const embed = await (await fetch(`${e2e.worker.url}/embed.js`)).text();
    expect(embed, "the admin page is not inside embed.js").not.toContain("sessionStorage");
  });

  it("a reader's first comment is held; the owner approves it with j/k + a; the reader sees it after a reload", async () => {
    const key = uniquePage("owner");
    const host = await hostPage(key);
    const text = `Mon tout premier commentaire ${key}`;

    // The reader posts and is told the comment waits for moderation.
    const { context: readerContext, activity: readerActivity } = await newContext({ locale: "fr-FR" });
    const readerPage = await readerContext.newPage();
    await readerPage.goto(host.url);
    const form = reader.form(readerPage);
    await form.getByRole("textbox", { name: /nom/i }).fill("Ada");
    await form.getByRole("textbox", { name: /e-?mail/i }).fill("ada@example.org");
    await form.getByRole("textbox", { name: /commentaire/i }).fill(text);
    await form.getByRole("button", { name: /publier/i }).click();
    await visible(reader.widget(readerPage).getByText(reader.held).first());
    expect((await queue()).map((c) => c.body)).toContain(text);

    // A second held comment, newer, so that j/k have somewhere to go.
    const other = `Un autre commentaire ${key}`;
    await heldComment(host, key, "Bob", other);

    // The owner, on a phone-width screen.
    const { context: ownerContext, activity } = await newContext({ locale: "en-GB", phone: true });
    const admin = await openAdmin(ownerContext, SITE);
    await visible(owner.card(admin, text));
    await visible(owner.card(admin, other));
    const card = owner.card(admin, text);
    await expect.poll(() => card.textContent()).toContain("ada@example.org");
    // The thread's title links to the page the widget reported; the IP hash is shown.
    expect(await card.getByRole("link", { name: "Un article de test" }).getAttribute("href")).toBe(host.url);
    expect(await card.textContent()).toMatch(/[0-9a-f]{64}/);

    // Newest first: Bob's, then the reader's. Move down, up, down, then approve.
    await press(admin, "j", other);
    await press(admin, "j", text);
    await press(admin, "k", other);
    await press(admin, "j", text);
    await press(admin, "a");
    await visible(owner.toast(admin).getByText(/comment approved/i));
    await owner.card(admin, text).waitFor({ state: "detached" });
    await expect.poll(() => owner.selected(admin).textContent(), { message: "the next comment is selected" }).toContain(other);
    expect((await queue()).map((c) => c.body)).toEqual([other]);

    // Nothing spills sideways at 360 px.
    const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "horizontal overflow at 360 px").toBeLessThanOrEqual(0);

    // French on demand.
    await admin.getByRole("button", { name: "Français" }).click();
    await visible(admin.getByRole("heading", { name: /^commentaires$/i }));
    await expect.poll(() => admin.evaluate(() => document.documentElement.lang)).toBe("fr");

    // The reader reloads: published, no longer waiting.
    await readerPage.reload();
    const shown = reader.comment(readerPage, text);
    await visible(shown);
    await visible(reader.heading(readerPage, /\b1 commentaire\b/i));
    expect(await shown.textContent()).not.toMatch(reader.held);

    await expectClean(admin, activity);
    expect(readerActivity.pageErrors).toEqual([]);
  }, 120_000);

  it("undo: spam comes back, a delete waits behind its toast and goes when the toast does or the page goes", async () => {
    const key = uniquePage("undo");
    const host = await hostPage(key);
    const spamText = `Achetez maintenant ${key}`;
    const doomedText = `À supprimer ${key}`;
    const spamId = await heldComment(host, key, "Carl", spamText);
    const doomedId = await heldComment(host, key, "Dora", doomedText);

    const { context, activity } = await newContext({ locale: "en-GB" });
    const admin = await openAdmin(context, SITE);
    await admin.getByRole("searchbox").fill(key);
    await admin.getByRole("button", { name: /^search$/i }).click();
    await visible(owner.card(admin, spamText));

    // s, then u: back in the queue.
    await press(admin, "j", doomedText);
    await press(admin, "j", spamText);
    await press(admin, "s");
    await visible(owner.toast(admin).getByText(/marked as spam/i));
    await expect.poll(async () => (await queue("spam")).map((c) => c.id)).toContain(spamId);
    await press(admin, "u");
    await visible(owner.toast(admin).getByText(/undone/i));
    await expect.poll(async () => (await queue()).map((c) => c.id)).toContain(spamId);

    // d, then the Undo button: the DELETE never went.
    await owner
      .card(admin, doomedText)
      .getByRole("button", { name: /^delete$/i })
      .click();
    await owner.card(admin, doomedText).waitFor({ state: "detached" });
    await owner.toast(admin).getByRole("button", { name: /undo/i }).click();
    await visible(owner.card(admin, doomedText));
    expect((await queue()).map((c) => c.id)).toContain(doomedId);

    // d again and wait: the DELETE goes when the toast expires.
    await owner.card(admin, doomedText).getByRole("heading").click();
    await press(admin, "d");
    await visible(owner.toast(admin).getByText(/comment deleted/i));
    expect(
      (await queue()).map((c) => c.id),
      "held back while the toast shows",
    ).toContain(doomedId);
    await expect.poll(async () => (await queue()).map((c) => c.id), { timeout: 10_000 }).not.toContain(doomedId);
    await expectClean(admin, activity);

    // d, then the owner leaves at once: the DELETE still goes (keepalive, on pagehide).
    await visible(owner.selected(admin).getByText(spamText));
    await press(admin, "d");
    await visible(owner.toast(admin).getByText(/comment deleted/i));
    await admin.goto("about:blank");
    await expect.poll(async () => (await queue()).map((c) => c.id), { timeout: 4_000 }).not.toContain(spamId);
  }, 120_000);

  it("the settings form shows the API's error next to the field, and threads close from the list", async () => {
    const site = "e2e-settings";
    await createSite(site);
    const key = uniquePage("settings");
    const host = await hostPage(key);
    await heldComment(host, key, "Eve", `Bonjour ${key}`, site);

    const { context, activity } = await newContext({ locale: "en-GB", phone: true });
    const admin = await openAdmin(context, site);
    await visible(owner.card(admin, `Bonjour ${key}`));
    await admin.getByRole("link", { name: /^settings$/i }).click();
    const maxLinks = admin.getByLabel(/more links than/i);
    await expect.poll(() => maxLinks.inputValue()).toBe("2");
    await maxLinks.fill("-1");
    await admin.getByRole("button", { name: /save settings/i }).click();
    await expect.poll(() => maxLinks.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await maxLinks.getAttribute("aria-describedby")) ?? "";
    const message = await admin.locator(`[id="${describedBy.split(" ").find((id) => id.endsWith("-error"))}"]`).textContent();
    expect(message).toMatch(/\S/);
    await maxLinks.fill("3");
    await admin.getByRole("button", { name: /save settings/i }).click();
    await visible(owner.toast(admin).getByText(/settings saved/i));
    const saved = (await (await ownerFetch(`sites/${site}`)).json()) as { maxLinks: number; moderation: string };
    expect(saved).toMatchObject({ maxLinks: 3, moderation: "first" });

    await admin.getByRole("link", { name: /^threads$/i }).click();
    await admin.getByRole("button", { name: new RegExp(`close comments on .*${key}`, "i") }).click();
    await visible(admin.getByRole("button", { name: new RegExp(`reopen comments on .*${key}`, "i") }));
    const thread = (await (
      await fetch(`${e2e.worker.url}/api/v1/threads?site=${site}&page=${key}`, { headers: { origin: host.origin } })
    ).json()) as ThreadResponse;
    expect(thread.thread.closed).toBe(true);

    // The refused save is logged by Chromium as a failed resource; that one is expected.
    await expectClean(admin, activity, new RegExp(`status of 400 .*/api/v1/admin/sites/${site}\\b`));
  }, 120_000);

  it("imports a Disqus export through the page, downloads the site back as Bascule JSON and WXR, and moves a thread", async () => {
    const site = "e2e-transfer";
    await createSite(site);
    const { context, activity } = await newContext({ locale: "en-GB", phone: true });
    const admin = await openAdmin(context, site);
    await admin.getByRole("link", { name: /^import and export$/i }).click();

    // The format is guessed from the file; a wrong one is refused with the worker's message.
    await admin.getByLabel("Export file", { exact: true }).setInputFiles(path.join(sharedDir, "fixtures/isso/disqus.xml"));
    const format = admin.getByLabel("Format", { exact: true });
    await expect.poll(() => format.inputValue()).toBe("disqus");
    const importButton = admin.getByRole("button", { name: "Import", exact: true });
    await format.selectOption("wxr");
    await importButton.click();
    await visible(admin.getByRole("alert").getByText(/looks like a Disqus export/));

    await format.selectOption("disqus");
    await importButton.click();
    await visible(admin.getByText("“disqus.xml” imported into e2e-transfer."));
    // Posts 4, 5, 8, 9 (deleted, but replied to) and 11 on threads 2 and 7; post 6's thread is not in the file.
    expect(await admin.locator(".counts div").allTextContents()).toEqual([
      "Threads created2",
      "Comments created5",
      "Already there0",
      "Skipped1",
    ]);
    await visible(admin.locator(".problems li").filter({ hasText: "thread_missing" }));

    // Downloads: fetched with the token, saved from a blob: URL.
    const save = async (button: string) => {
      const [download] = await Promise.all([
        admin.waitForEvent("download"),
        admin.getByRole("button", { name: button, exact: true }).click(),
      ]);
      expect(download.url()).toMatch(/^blob:/);
      return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
    };
    const json = await save("Bascule JSON");
    expect(json.name).toMatch(/^bascule-e2e-transfer-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(json.text) as {
      format: string;
      threads: Array<{ page: string; comments: Array<{ id: string; status: string }> }>;
    };
    expect(exported.format).toBe("bascule");
    expect(exported.threads.map((thread) => thread.page).sort()).toEqual([
      "http://example.org/",
      "http://localhost:4000/blog/2013/02/12/redacted/index.html",
    ]);
    expect(exported.threads.flatMap((thread) => thread.comments.map((comment) => comment.id)).sort()).toEqual([
      "disqus:11",
      "disqus:4",
      "disqus:5",
      "disqus:8",
      "disqus:9",
    ]);
    await visible(admin.getByText(`Downloaded “${json.name}”.`));
    const wxr = await save("WordPress WXR");
    expect(wxr.name).toMatch(/^bascule-e2e-transfer-\d{4}-\d{2}-\d{2}\.xml$/);
    expect(wxr.text).toMatch(/^<\?xml/);
    expect(wxr.text.match(/<wp:comment>/g)).toHaveLength(5);

    // When URLs change.
    await admin.getByLabel("Current page key").fill("http://example.org/");
    await admin.getByLabel("New page key").fill("https://example.org/hello");
    await admin.getByRole("button", { name: "Move", exact: true }).click();
    await visible(admin.getByText("1 thread moved."));
    const threads = (await (await ownerFetch(`threads?site=${site}`)).json()) as { threads: Array<{ page: string }> };
    expect(threads.threads.map((thread) => thread.page)).toContain("https://example.org/hello");

    const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "horizontal overflow at 360 px").toBeLessThanOrEqual(0);
    // The refused import is logged by Chromium as a failed resource; that one is expected.
    await expectClean(admin, activity, new RegExp(`status of 400 .*/api/v1/admin/import\\?site=${site}&format=wxr`));
  }, 120_000);
});
