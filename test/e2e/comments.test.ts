// The whole product in a real Chromium: a cross-origin blog page embeds /embed.js from
// `wrangler dev`, a reader comments and replies, the thread survives a reload, and nothing is
// requested from any host but our own. (That the host's theme cannot restyle the widget is
// theme.test.ts.)

import { describe, expect, it } from "vitest";
import type { Locator } from "playwright-core";
import { uniquePage } from "./harness/api.ts";
import { skipE2E } from "./harness/skip.ts";
import { APPEAR_MS, appears, COUNT, ui, useWidgetE2E } from "./widget-page.ts";

const { e2e, newBrowserContext, hostPage, expectCleanRun } = useWidgetE2E();

async function fillIfPresent(field: Locator, value: string): Promise<void> {
  if ((await field.count()) > 0 && (await field.isEditable())) await field.fill(value);
}

/**
 * After clicking "Répondre", the form to reply with: a form that appeared with the click, or, if
 * the widget moves its one form instead, the first form inside or after the parent comment.
 */
async function replyFormFor(widget: Locator, parent: Locator, clickReply: () => Promise<void>): Promise<Locator> {
  const forms = ui.forms(widget);
  await forms.evaluateAll((elements) => {
    for (const element of elements) (element as HTMLFormElement & { e2eSeen?: boolean }).e2eSeen = true;
  });
  await clickReply();
  const parentHandle = await parent.elementHandle();
  if (!parentHandle) throw new Error("the parent comment vanished");
  const started = Date.now();
  for (;;) {
    const handles = await forms.elementHandles();
    let following = -1;
    for (const [index, handle] of handles.entries()) {
      const where = await handle.evaluate(
        (form, parentEl) => ({
          fresh: !(form as HTMLFormElement & { e2eSeen?: boolean }).e2eSeen,
          follows: parentEl.contains(form) || Boolean(parentEl.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING),
          visible: (form as Element).getClientRects().length > 0,
        }),
        parentHandle,
      );
      if (where.visible && where.fresh) return forms.nth(index);
      if (where.visible && where.follows && following < 0) following = index;
    }
    // Give a new form a moment to render before settling for a moved one.
    if (following >= 0 && Date.now() - started > 2_000) return forms.nth(following);
    if (Date.now() - started > APPEAR_MS) throw new Error("no reply form appeared after clicking the reply button");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Is `reply` shown as a reply of `parent`: after it, and nested in the DOM or indented? */
async function placement(parent: Locator, reply: Locator): Promise<{ after: boolean; nestedInDom: boolean; indentPx: number }> {
  const replyHandle = await reply.elementHandle();
  if (!replyHandle) throw new Error("the reply vanished");
  return parent.evaluate((p, r) => {
    const container = p.parentElement;
    return {
      after: Boolean(p.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING),
      // Inside the parent's article, or inside the element that holds the parent's article and its
      // replies list (but not as a plain sibling of the parent, which is what a flat list looks like).
      nestedInDom: p.contains(r) || (container?.contains(r) === true && r.parentElement !== container),
      indentPx: r.getBoundingClientRect().left - p.getBoundingClientRect().left,
    };
  }, replyHandle);
}

async function expectNested(parent: Locator, reply: Locator): Promise<void> {
  const where = await placement(parent, reply);
  expect(where.after, "the reply comes after its parent").toBe(true);
  expect(where.nestedInDom || where.indentPx >= 8, `the reply is nested under its parent (${JSON.stringify(where)})`).toBe(true);
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(skipE2E)("end to end: widget + API in Chromium", () => {
  it("the worker serves the demo page with the embed script at /", async () => {
    const response = await fetch(`${e2e.worker.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<script[^>]*\ssrc="[^"]*embed\.js"/);
  });

  it("a reader comments, replies, reloads, and sees the nested thread and the byline count", async () => {
    const key = uniquePage("thread");
    const host = await hostPage({ page: key, themed: true });
    const { context, activity } = await newBrowserContext();
    const page = await context.newPage();
    await page.goto(host.url);

    const widget = ui.widget(page);
    const mainForm = ui.forms(widget).first();
    await appears(ui.bodyField(mainForm), "the widget's comment field", activity);
    const rootMode = await ui.bodyField(mainForm).evaluate((field) => {
      const root = field.getRootNode();
      return root instanceof ShadowRoot ? root.mode : "document";
    });
    expect(rootMode, "the widget renders in an open shadow root").toBe("open");
    await appears(ui.heading(widget, COUNT.zero), 'the heading "0 commentaire"', activity);

    const parentText = `Premier commentaire ${key}`;
    await ui.nameField(mainForm).fill("Ada Lovelace");
    await ui.emailField(mainForm).fill("ada@example.org");
    await ui.bodyField(mainForm).fill(parentText);
    await ui.submitButton(mainForm).click();
    const parent = ui.comments(widget).filter({ hasText: parentText }).first();
    await appears(parent, "the new comment", activity);
    await appears(ui.heading(widget, COUNT.one), 'the heading "1 commentaire"', activity);

    const replyText = `Une réponse ${key}`;
    const replyForm = await replyFormFor(widget, parent, () => ui.replyButton(parent).first().click());
    // A reply form may leave out (or prefill) the identity fields the reader already gave.
    await fillIfPresent(ui.nameField(replyForm), "Grace Hopper");
    await fillIfPresent(ui.emailField(replyForm), "grace@example.org");
    await ui.bodyField(replyForm).fill(replyText);
    await ui.submitButton(replyForm).click();
    // .last(): if replies are rendered inside the parent's <article>, the parent matches the text too.
    const reply = ui.comments(widget).filter({ hasText: replyText }).last();
    await appears(reply, "the reply", activity);
    await expectNested(parent, reply);
    await appears(ui.heading(widget, COUNT.two), 'the heading "2 commentaires"', activity);

    await page.reload();
    await appears(parent, "the comment after a reload", activity);
    await appears(reply, "the reply after a reload", activity);
    await expectNested(parent, reply);
    await expect.poll(() => ui.bylineCount(page, key).textContent(), { timeout: APPEAR_MS }).toMatch(COUNT.two);

    expectCleanRun(activity);
  }, 120_000);
});
