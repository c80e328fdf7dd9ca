// Issue 3 end to end, in a real Chromium against `wrangler dev`: a reader posts a comment,
// edits it, replies to someone, deletes their comment, pages through the thread with
// "load more", and opens a permalink to a comment that sits on a later page. The host page
// is French and asks for 3 top-level comments a page (data-limit), so a thread of 7 has 3.

import { describe, expect, it } from "vitest";
import type { BrowserContext, Locator, Page } from "playwright-core";
import type { ThreadResponse } from "../../worker/api-types.ts";
import { postComment, uniquePage, updateSite } from "./harness/api.ts";
import { watchBrowser, type BrowserActivity } from "./harness/browser-activity.ts";
import { hostPageHtml, serveHostPage, type HostPage } from "./harness/host-page.ts";
import { skipE2E } from "./harness/skip.ts";
import { useE2E } from "./suite.ts";

// What the widget shows, in French. Playwright locators pierce open shadow roots.
const ui = {
  widget: (page: Page) => page.locator("#bascule-comments"),
  heading: (scope: Locator, count: number) => scope.getByRole("heading", { name: new RegExp(`^${count} commentaires?$`) }),
  comments: (scope: Locator) => scope.getByRole("article"),
  comment: (scope: Locator, text: string) => scope.getByRole("article").filter({ hasText: text }).last(),
  mainForm: (scope: Locator) => scope.locator("form").last(),
  button: (scope: Locator, name: string | RegExp) => scope.getByRole("button", { name, exact: typeof name === "string" }),
  textbox: (scope: Locator, name: RegExp) => scope.getByRole("textbox", { name }),
};

const TIMEOUT = 15_000;
const SEEDED = 7;
const LIMIT = 3;

const e2e = useE2E({
  // Published at once, and no wait for the bot trap's minimum time (it has its own tests).
  prepare: (worker) => updateSite(worker, "demo", { moderation: "none", minSubmitSeconds: 0 }),
});

async function thread(page: string): Promise<ThreadResponse> {
  const response = await fetch(`${e2e.worker.url}/api/v1/threads?site=demo&page=${encodeURIComponent(page)}&limit=200`);
  return (await response.json()) as ThreadResponse;
}

async function visible(locator: Locator, what: string, activity: BrowserActivity): Promise<void> {
  try {
    await locator.waitFor({ state: "visible", timeout: TIMEOUT });
  } catch (error) {
    throw new Error(`${what} did not appear: ${(error as Error).message}\n${activity.summary()}`);
  }
}

describe.skipIf(skipE2E)("end to end: one's own comment, paging and permalinks", () => {
  it("edit, delete, reply, load more, and a permalink to a later page", async () => {
    const key = uniquePage("lifecycle");
    const host: HostPage = await serveHostPage(
      hostPageHtml({ workerUrl: e2e.worker.url, page: key, themed: false, scriptAttributes: { "data-limit": String(LIMIT) } }),
    );
    let context: BrowserContext | undefined;
    try {
      // Seven readers (seven addresses: the API allows 5 comments a minute per writer).
      const seeded: Array<{ id: string; body: string }> = [];
      for (let index = 0; index < SEEDED; index++) {
        const body = `Commentaire ${index + 1} de ${key}`;
        const { id } = await postComment(
          e2e.worker,
          host.origin,
          { page: key, body, author: { name: `Lecteur ${index + 1}` } },
          { ip: `203.0.113.${index + 1}` },
        );
        seeded.push({ id, body });
      }

      context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(TIMEOUT);
      const activity = watchBrowser(context);
      const page = await context.newPage();
      await page.goto(host.url);
      const widget = ui.widget(page);
      await visible(ui.heading(widget, SEEDED), "the heading '7 commentaires'", activity);
      await visible(ui.comment(widget, seeded[LIMIT - 1]!.body), "the first page", activity);
      expect(await ui.comments(widget).count()).toBe(LIMIT);

      // 1. Post a comment (the browser's first post).
      const mine = `Mon commentaire ${key}`;
      const form = ui.mainForm(widget);
      await ui.textbox(form, /^nom$/i).fill("Ada Lovelace");
      await ui.textbox(form, /^commentaire$/i).fill(mine);
      await ui.button(form, /publier/i).click();
      const own = ui.comment(widget, mine);
      await visible(own, "the new comment", activity);
      await visible(ui.heading(widget, SEEDED + 1), "the heading '8 commentaires'", activity);

      // 2. Edit it: the form starts from the text as typed (Markdown), the new HTML comes back marked "modifié".
      await ui.button(own, "Modifier").click();
      const editBox = ui.textbox(own, /^commentaire$/i);
      await visible(editBox, "the edit form", activity);
      expect(await editBox.inputValue()).toBe(mine);
      const edited = `Mon commentaire **corrigé** ${key}`;
      await editBox.fill(edited);
      await ui.button(own, "Enregistrer").click();
      const ownEdited = ui.comment(widget, `Mon commentaire corrigé ${key}`);
      await visible(ownEdited.locator("strong", { hasText: "corrigé" }), "the edited comment's new HTML", activity);
      await visible(ownEdited.getByText("modifié", { exact: true }), "the 'modifié' marker", activity);
      const ownId = (await ownEdited.getAttribute("id"))?.replace("comment-", "") ?? "";
      const afterEdit = (await thread(key)).comments.find((comment) => comment.id === ownId);
      expect(afterEdit?.html).toContain("<strong>corrigé</strong>");
      expect(afterEdit?.editedAt).not.toBeNull();

      // 3. Reply to the first reader (the browser's second post).
      const first = ui.comment(widget, seeded[0]!.body);
      await ui.button(first, /répondre/i).click();
      const replyForm = widget.locator("form.bascule-reply-form");
      await visible(replyForm, "the reply form", activity);
      const reply = `Une réponse à Lecteur 1, ${key}`;
      await ui.textbox(replyForm, /^commentaire$/i).fill(reply);
      await ui.button(replyForm, /publier/i).click();
      const replyArticle = ui.comment(widget, reply);
      await visible(replyArticle, "the reply", activity);
      const nested = await first.evaluate((parent, text) => {
        const item = parent.closest("li");
        return Array.from(item?.querySelectorAll(".bascule-replies article") ?? []).some((article) => article.textContent?.includes(text));
      }, reply);
      expect(nested, "the reply sits in its parent's list of replies").toBe(true);

      // 4. Delete the edited comment: asked inline, then gone (it has no replies), count back to 8.
      await ui.button(ownEdited, "Supprimer").click();
      await ui.button(ownEdited, "Oui").click();
      await expect.poll(() => widget.locator(`#comment-${ownId}`).count(), { timeout: TIMEOUT }).toBe(0);
      await visible(ui.heading(widget, SEEDED + 1), "the heading '8 commentaires' after the deletion", activity);
      expect((await thread(key)).comments.some((comment) => comment.id === ownId)).toBe(false);

      // 5. After a reload: page by page with "Plus de commentaires" until the button goes.
      await page.reload();
      await visible(ui.comment(widget, reply), "the reply after a reload", activity);
      expect(await widget.locator(`#comment-${ownId}`).count()).toBe(0);
      const more = ui.button(widget, "Plus de commentaires");
      for (const last of [5, 6]) {
        await more.click();
        await visible(ui.comment(widget, seeded[last]!.body), `comment ${last + 1} after "load more"`, activity);
      }
      await expect.poll(() => more.count(), { timeout: TIMEOUT }).toBe(0);
      const order = await ui.comments(widget).evaluateAll((articles) => articles.map((article) => article.id.replace("comment-", "")));
      expect(order.filter((id) => seeded.some((one) => one.id === id))).toEqual(seeded.map((one) => one.id));
      expect(new Set(order).size).toBe(order.length);

      // 6. A permalink to the last comment, which sits on the third page: found, scrolled to, highlighted.
      const target = seeded[SEEDED - 1]!;
      const linked = await context.newPage();
      await linked.goto(`${host.url}#comment-${target.id}`);
      const targetArticle = ui.widget(linked).locator(`#comment-${target.id}`);
      await visible(targetArticle, "the permalinked comment", activity);
      await expect.poll(() => targetArticle.getAttribute("class"), { timeout: TIMEOUT }).toContain("bascule-target");
      await expect
        .poll(
          () =>
            targetArticle.evaluate((element) => {
              const box = element.getBoundingClientRect();
              return box.top >= 0 && box.bottom <= window.innerHeight;
            }),
          { timeout: TIMEOUT },
        )
        .toBe(true);
      expect(await linked.evaluate(() => window.scrollY)).toBeGreaterThan(0);

      // The parts came from the worker (French, then what writing needs), nothing from anywhere else.
      // Their names carry a hash of their content (scripts/build-widget.ts).
      expect(activity.requests.some((url) => new RegExp(`^${e2e.worker.url}/embed-fr\\.[0-9a-f]{8}\\.js$`).test(url))).toBe(true);
      expect(activity.requests.some((url) => new RegExp(`^${e2e.worker.url}/embed-extra\\.[0-9a-f]{8}\\.js$`).test(url))).toBe(true);
      expect(
        {
          pageErrors: activity.pageErrors,
          consoleErrors: activity.consoleErrors,
          foreign: activity.foreignRequests(),
          failed: activity.failedRequests,
        },
        activity.summary(),
      ).toEqual({ pageErrors: [], consoleErrors: [], foreign: [], failed: [] });
    } finally {
      await context?.close();
      await host.close();
    }
  }, 180_000);
});
