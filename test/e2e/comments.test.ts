// The whole product in a real Chromium: a cross-origin blog page embeds /embed.js from
// `wrangler dev`, a reader comments and replies, the thread survives a reload, the host's
// theme cannot restyle the widget, and nothing is requested from any host but our own.

import { describe, expect, it } from "vitest";
import type { BrowserContext, Locator, Page } from "playwright-core";
import {
  hostPageHtml,
  postComment,
  serveHostPage,
  skipE2E,
  uniquePage,
  updateSite,
  watchBrowser,
  type BrowserActivity,
  type HostPage,
} from "./harness.ts";
import { useE2E } from "./suite.ts";

// ---------------------------------------------------------------------------------------------
// What the widget must expose, in French (data-lang="fr"). Everything that depends on the widget's
// words or markup is here, so it is easy to adjust. Playwright locators pierce open shadow roots.

const ui = {
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

const COUNT = {
  zero: /\b0 commentaire\b/i,
  one: /\b1 commentaire\b/i,
  two: /\b2 commentaires\b/i,
};

const APPEAR_MS = 15_000;

// ---------------------------------------------------------------------------------------------

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

async function fillIfPresent(field: Locator, value: string): Promise<void> {
  if ((await field.count()) > 0 && (await field.isEditable())) await field.fill(value);
}

/** Wait for a locator to be visible; on failure say what was expected and what the browser saw. */
async function appears(locator: Locator, what: string, activity: BrowserActivity): Promise<void> {
  try {
    await locator.waitFor({ state: "visible", timeout: APPEAR_MS });
  } catch (error) {
    throw new Error(`${what} did not appear within ${APPEAR_MS / 1000} s: ${(error as Error).message}\n${activity.summary()}`);
  }
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
// Computed styles: the widget's controls against the host theme

/** Properties that make a control look the way it does. */
const LOOK = [
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "line-height",
  "color",
  "background-color",
  "background-image",
  "text-transform",
  "letter-spacing",
  "word-spacing",
  "text-decoration-line",
  "text-decoration-thickness",
  "text-underline-offset",
  "text-shadow",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "border-top-width",
  "border-right-width",
  "border-bottom-width",
  "border-left-width",
  "border-top-style",
  "border-right-style",
  "border-bottom-style",
  "border-left-style",
  "border-top-color",
  "border-right-color",
  "border-bottom-color",
  "border-left-color",
  "border-top-left-radius",
  "border-top-right-radius",
  "border-bottom-right-radius",
  "border-bottom-left-radius",
  "box-shadow",
  "box-sizing",
  "height",
  "appearance",
  "cursor",
  "vertical-align",
  "display",
] as const;

/**
 * Inherited properties: the widget takes these from the host on purpose (its font and text colour,
 * so it looks native). The bare page gets the themed page's values, so that only non-inherited rules
 * (the theme's `button`, `input`, `textarea`, `a` rules, its custom properties) could make a difference.
 */
const INHERITED = [
  "color",
  "font-family",
  "font-size",
  "font-style",
  "font-variant",
  "font-weight",
  "font-stretch",
  "font-kerning",
  "font-feature-settings",
  "font-variation-settings",
  "font-optical-sizing",
  "font-size-adjust",
  "letter-spacing",
  "word-spacing",
  "text-transform",
  "text-align",
  "text-indent",
  "text-shadow",
  "text-rendering",
  "-webkit-font-smoothing",
  "white-space-collapse",
  "text-wrap-mode",
  "word-break",
  "overflow-wrap",
  "hyphens",
  "direction",
  "cursor",
  "caret-color",
  "accent-color",
  "color-scheme",
  "visibility",
] as const;

type Look = Record<string, string>;

async function lookOf(locator: Locator): Promise<Look> {
  return locator.evaluate(
    (element, properties) => {
      const style = getComputedStyle(element);
      return Object.fromEntries(properties.map((property) => [property, style.getPropertyValue(property)]));
    },
    [...LOOK],
  );
}

/** The widget's controls whose look must not depend on the host's element rules. */
function widgetControls(page: Page, linkText: RegExp): Record<string, Locator> {
  const widget = ui.widget(page);
  const form = ui.forms(widget).first();
  return {
    "submit button": ui.submitButton(form),
    "name input": ui.nameField(form),
    textarea: ui.bodyField(form),
    "link in a comment": widget.getByRole("link", { name: linkText }),
    "reply button": ui.replyButton(ui.comments(widget).first()),
  };
}

/** The host page's own controls (light DOM), which the theme does style: proof the theme is active. */
function hostControls(page: Page): Record<string, Locator> {
  return {
    button: page.locator("#host-button"),
    "text input": page.locator("#host-text"),
    textarea: page.locator("#host-textarea"),
    link: page.locator("#host-link"),
  };
}

async function looks(controls: Record<string, Locator>): Promise<Record<string, Look>> {
  const result: Record<string, Look> = {};
  for (const [name, locator] of Object.entries(controls)) result[name] = await lookOf(locator);
  return result;
}

/**
 * Remove, from the page's stylesheets, every selector that targets `a`, `button`, `input`,
 * `textarea` or `select`, keeping the other selectors of the same rule (Twenty Twelve's reset lists
 * `a` beside `html, body, div`; dropping the whole rule would change what the widget inherits).
 * Returns how many selectors were removed.
 */
async function stripElementRules(page: Page): Promise<number> {
  return page.evaluate(() => {
    const targets = /(^|[\s>+~(,])(a|button|input|textarea|select)(?=$|[\s.#:[>+~,)])/i;
    const splitSelectors = (list: string): string[] => {
      const parts: string[] = [];
      let depth = 0;
      let quote = "";
      let current = "";
      for (const char of list) {
        if (quote) {
          if (char === quote) quote = "";
        } else if (char === '"' || char === "'") quote = char;
        else if (char === "(" || char === "[") depth++;
        else if (char === ")" || char === "]") depth--;
        else if (char === "," && depth === 0) {
          parts.push(current.trim());
          current = "";
          continue;
        }
        current += char;
      }
      parts.push(current.trim());
      return parts;
    };
    let removed = 0;
    const visit = (rules: CSSRuleList, owner: CSSStyleSheet | CSSGroupingRule): void => {
      for (let index = rules.length - 1; index >= 0; index--) {
        const rule = rules[index]!;
        if (rule instanceof CSSStyleRule) {
          const selectors = splitSelectors(rule.selectorText);
          const kept = selectors.filter((selector) => !targets.test(selector));
          removed += selectors.length - kept.length;
          if (kept.length === 0) owner.deleteRule(index);
          else if (kept.length < selectors.length) rule.selectorText = kept.join(", ");
        } else if (rule instanceof CSSGroupingRule) {
          visit(rule.cssRules, rule);
        }
      }
    };
    for (const sheet of Array.from(document.styleSheets)) {
      if (sheet.ownerNode instanceof HTMLLinkElement) visit(sheet.cssRules, sheet);
    }
    return removed;
  });
}

/**
 * What the widget inherits from the themed host: the inherited properties of the shadow host's
 * parent, the root font size (for rem) and the parent's width, as CSS for the bare page.
 */
async function inheritedContextCss(page: Page): Promise<string> {
  return ui.widget(page).evaluate(
    (mount, properties) => {
      const shadowHost = [mount, ...Array.from(mount.querySelectorAll("*"))].find((element) => element.shadowRoot !== null);
      if (!shadowHost) throw new Error("the widget has no open shadow root under #bascule-comments");
      const parent = shadowHost.parentElement;
      if (!parent?.id) throw new Error("expected the shadow host's parent to have an id (#bascule-comments or #comments)");
      const style = getComputedStyle(parent);
      const declarations = properties
        .map((property) => [property, style.getPropertyValue(property)] as const)
        .filter(([, value]) => value !== "")
        .map(([property, value]) => `${property}: ${value};`);
      // A unitless line-height is inherited as a factor, not as the pixels getComputedStyle shows.
      const probe = document.createElement("span");
      probe.style.fontSize = "100px";
      parent.append(probe);
      const probeLineHeight = getComputedStyle(probe).lineHeight;
      probe.remove();
      const lineHeight =
        style.lineHeight === "normal" || probeLineHeight === style.lineHeight
          ? style.lineHeight
          : String(Number.parseFloat(probeLineHeight) / 100);
      const width = parent.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      return [
        `html { font-size: ${getComputedStyle(document.documentElement).fontSize}; }`,
        `#${parent.id} { ${declarations.join(" ")} line-height: ${lineHeight}; box-sizing: content-box; width: ${width}px; }`,
      ].join("\n");
    },
    [...INHERITED],
  );
}

function differingProperties(a: Look, b: Look): string[] {
  return Object.keys(a)
    .filter((key) => a[key] !== b[key])
    .map((key) => `${key}: ${a[key]} → ${b[key]}`);
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

  describe("the host theme cannot restyle the widget's controls", () => {
    const linkText = /la documentation/i;

    async function themedPageWithComment(key: string): Promise<{ page: Page; activity: BrowserActivity }> {
      const themed = await hostPage({ page: key, themed: true });
      await postComment(e2e.worker, themed.origin, {
        page: key,
        author: { name: "Lin", email: "lin@example.org" },
        body: `Voir [la documentation](http://127.0.0.1/docs) pour les détails, ${key}.`,
      });
      const { context, activity } = await newBrowserContext();
      const page = await context.newPage();
      await page.goto(themed.url);
      await waitForControls(page, activity);
      return { page, activity };
    }

    async function waitForControls(page: Page, activity: BrowserActivity): Promise<void> {
      for (const [name, locator] of Object.entries(widgetControls(page, linkText)))
        await appears(locator, `the widget's ${name}`, activity);
    }

    it("removing the theme's button/input/textarea/a rules changes the host's controls but not the widget's", async () => {
      const { page, activity } = await themedPageWithComment(uniquePage("theme-rules"));
      const widgetBefore = await looks(widgetControls(page, linkText));
      const hostBefore = await looks(hostControls(page));

      expect(await stripElementRules(page)).toBeGreaterThan(50);
      const widgetAfter = await looks(widgetControls(page, linkText));
      const hostAfter = await looks(hostControls(page));

      for (const name of Object.keys(hostBefore)) {
        expect(differingProperties(hostBefore[name]!, hostAfter[name]!), `the theme styles the host's own ${name}`).not.toEqual([]);
      }
      for (const name of Object.keys(widgetBefore)) {
        expect(
          differingProperties(widgetBefore[name]!, widgetAfter[name]!),
          `the theme's element rules reach the widget's ${name}`,
        ).toEqual([]);
      }
      expectCleanRun(activity);
    });

    it("the widget's controls look the same on a bare page that gives it the same inherited font and colour", async () => {
      const key = uniquePage("bare");
      const themed = await themedPageWithComment(key);
      const bareHost = await hostPage({ page: key, themed: false, head: `<style>\n${await inheritedContextCss(themed.page)}\n</style>` });
      const { context, activity } = await newBrowserContext();
      const bare = await context.newPage();
      await bare.goto(bareHost.url);
      await waitForControls(bare, activity);

      const onThemed = await looks(widgetControls(themed.page, linkText));
      const onBare = await looks(widgetControls(bare, linkText));
      for (const name of Object.keys(onThemed)) {
        expect(differingProperties(onBare[name]!, onThemed[name]!), `bare → themed: the widget's ${name} changed`).toEqual([]);
      }
      // And the bare page really is bare: the host's own button is not themed there.
      const hostThemed = await looks(hostControls(themed.page));
      const hostBare = await looks(hostControls(bare));
      expect(differingProperties(hostBare.button!, hostThemed.button!)).not.toEqual([]);
      expectCleanRun(themed.activity);
      expectCleanRun(activity);
    });
  });
});
