// The JavaScript API and navigation-following in real Chromium, with the parts loaded as a
// browser loads them (embed-page.js: navigation, counts): two widgets mounted on one page, one
// moved to another thread with update(), both destroyed; and the script-tag widget without
// data-page reading the next page's thread after history.pushState.

import { describe, expect, it } from "vitest";
import { postComment, uniquePage } from "./harness/api.ts";
import { serveHostPage } from "./harness/host-page.ts";
import { skipE2E } from "./harness/skip.ts";
import { appears, useWidgetE2E } from "./widget-page.ts";

const { e2e, newBrowserContext, expectCleanRun } = useWidgetE2E();

async function servePage(body: string) {
  const page = await serveHostPage(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPA</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`,
    {},
  );
  e2e.cleanups.push(() => page.close());
  return page;
}

describe.skipIf(skipE2E)("end to end: widget + API in Chromium", () => {
  describe("the JavaScript API", () => {
    it("Bascule.mount: two widgets, each its own thread; update() and destroy()", async () => {
      const [a, b, c] = [uniquePage("api-a"), uniquePage("api-b"), uniquePage("api-c")];
      const host = await servePage(`
        <span id="count" data-bascule-count="${b}"></span>
        <div id="one"></div><div id="two"></div>
        <script src="${e2e.worker.url}/embed.js" async></script>`);
      for (const key of [a, b, c]) await postComment(e2e.worker, host.origin, { page: key, author: { name: "Lin" }, body: `On ${key}` });
      const { context, activity } = await newBrowserContext();
      const page = await context.newPage();
      await page.goto(host.url);
      await page.waitForFunction(() => "Bascule" in window);
      await page.evaluate(
        ([first, second]) => {
          const api = (window as unknown as { Bascule: { mount(element: Element, options: object): unknown } }).Bascule;
          Object.assign(window, {
            handles: [
              api.mount(document.getElementById("one")!, { site: "demo", page: first }),
              api.mount(document.getElementById("two")!, { site: "demo", page: second, theme: "dark" }),
            ],
          });
        },
        [a, b],
      );
      await appears(page.locator("#one").getByText(`On ${a}`), "the first widget's thread", activity);
      await appears(page.locator("#two").getByText(`On ${b}`), "the second widget's thread", activity);
      await expect.poll(() => page.locator("#count").textContent()).toBe("1 comment");

      await page.evaluate(
        (next) => (window as unknown as { handles: Array<{ update(o: object): void }> }).handles[0]!.update({ page: next }),
        c,
      );
      await appears(page.locator("#one").getByText(`On ${c}`), "the first widget, moved to the third thread", activity);
      expect(await page.locator("#one").getByText(`On ${a}`).count()).toBe(0);
      expect(await page.locator("#two").getByText(`On ${b}`).count()).toBe(1);

      const left = await page.evaluate(() => {
        for (const handle of (window as unknown as { handles: Array<{ destroy(): void }> }).handles) handle.destroy();
        return ["one", "two"].map((id) => document.getElementById(id)!.shadowRoot!.childNodes.length);
      });
      expect(left).toEqual([0, 0]);
      expectCleanRun(activity);
    });

    it("the script-tag widget without data-page reads the next page's thread after pushState", async () => {
      const host = await servePage(`
        <div id="bascule-comments"></div>
        <script src="${e2e.worker.url}/embed.js" data-site="demo" async></script>`);
      const [first, next] = [`${host.origin}/article`, `${host.origin}/${uniquePage("next")}`];
      await postComment(e2e.worker, host.origin, { page: first, author: { name: "Lin" }, body: "On the article" });
      await postComment(e2e.worker, host.origin, { page: next, author: { name: "Sam" }, body: "On the next page" });
      const { context, activity } = await newBrowserContext();
      const page = await context.newPage();
      await page.goto(host.url);
      const widget = page.locator("#bascule-comments");
      await appears(widget.getByText("On the article"), "the article's thread", activity);

      await page.evaluate((path) => history.pushState(null, "", path), new URL(next).pathname);
      await appears(widget.getByText("On the next page"), "the next page's thread", activity);
      expect(await widget.getByText("On the article").count()).toBe(0);

      await page.goBack();
      await appears(widget.getByText("On the article"), "the article's thread again, after going back", activity);
      const restored = await page.evaluate(() => {
        (window as unknown as { Bascule: { destroy(): void } }).Bascule.destroy();
        return String(history.pushState).includes("[native code]") && String(history.replaceState).includes("[native code]");
      });
      expect(restored).toBe(true);
      expectCleanRun(activity);
    });
  });
});
