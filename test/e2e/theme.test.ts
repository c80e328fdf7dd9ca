// The host's theme cannot restyle the widget: a cross-origin blog page linking the Twenty Twelve
// and Twenty Twenty-One stylesheets embeds /embed.js from `wrangler dev`, and the widget's
// controls must look the same whatever the theme's element rules say.

import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { postComment, uniquePage } from "./harness/api.ts";
import type { BrowserActivity } from "./harness/browser-activity.ts";
import { skipE2E } from "./harness/skip.ts";
import { appears, ui, useWidgetE2E } from "./widget-page.ts";

const { e2e, newBrowserContext, hostPage, expectCleanRun } = useWidgetE2E();

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

// Under the same outer name as comments.test.ts, so each test keeps its full name.
describe.skipIf(skipE2E)("end to end: widget + API in Chromium", () => {
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
