// The widget's root speaks the thread's language in its direction: `dir` comes from the
// language's part (widget/i18n/<lang>.ts), not from a table in embed.js, and the styles use
// logical properties so that the indentation and the thread line follow it.

import { readFileSync } from "node:fs";
import { afterEach, expect, test, vi } from "vitest";
import "../../widget/i18n/embed-ar.ts";
import { cleanup, fakeApi, makeComment, makeThread, mountThread } from "./helpers.ts";

afterEach(cleanup);

const rootOf = (root: ShadowRoot) => root.querySelector(".bascule-root") as HTMLElement;

test("an Arabic page gets dir=rtl and lang=ar on the widget's root, and Arabic words", async () => {
  fakeApi({ thread: () => ({ body: makeThread([makeComment({ id: "c1" }), makeComment({ id: "c2" })]) }) });
  const { root } = await mountThread({ lang: "ar-EG" });
  expect(rootOf(root).getAttribute("dir")).toBe("rtl");
  expect(rootOf(root).getAttribute("lang")).toBe("ar");
  expect(root.querySelector("h2")?.textContent).toBe("تعليقان");
});

test("a left-to-right language says so", async () => {
  fakeApi({ thread: () => ({ body: makeThread([]) }) });
  const { root } = await mountThread({ lang: "fr" });
  expect(rootOf(root).getAttribute("dir")).toBe("ltr");
});

test("without a language from the page, the site's locale sets the direction once the thread is read", async () => {
  fakeApi({ thread: () => ({ body: makeThread([], { site: { locale: "ar", displayDepth: 6, editWindowMinutes: 15 } }) }) });
  const { root } = await mountThread({ lang: null });
  await vi.waitFor(() => expect(rootOf(root).getAttribute("dir")).toBe("rtl"));
  expect(root.querySelector("h2")?.textContent).toBe("لا تعليقات");
});

test("the styles indent and draw the thread line on the inline-start side, never on a fixed one", () => {
  const css = readFileSync("widget/styles.css", "utf8");
  expect(css).not.toMatch(/(margin|padding|border)-(left|right)|text-align:\s*(left|right)/);
  expect(css).toMatch(/\.bascule-replies \{[^}]*border-inline-start: 2px solid/);
  expect(css).toMatch(/\.bascule-replies \{[^}]*padding-inline-start/);
});
