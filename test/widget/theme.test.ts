// data-theme (widget/mount.tsx): `auto` picks the palette from the host page's background,
// `light` and `dark` force it. The palettes' contrast is checked by axe in Chromium
// (test/e2e/a11y.test.ts); here, the choice.

import { afterEach, expect, test, vi } from "vitest";
import { isDark, mount } from "../../widget/mount.tsx";
import { API, PAGE, cleanup, fakeApi, makeThread } from "./helpers.ts";

afterEach(() => {
  document.documentElement.removeAttribute("style");
  cleanup();
});

/** A host three levels down: body > section > div > host. */
function nested(): { section: HTMLElement; div: HTMLElement; host: HTMLElement } {
  const section = document.createElement("section");
  const div = document.createElement("div");
  const host = document.createElement("div");
  div.append(host);
  section.append(div);
  document.body.append(section);
  return { section, div, host };
}

test("auto: the first background at least half opaque, from the host up, decides", () => {
  const { section, div, host } = nested();
  section.style.backgroundColor = "rgb(17, 17, 17)";
  expect(isDark(host)).toBe(true);
  // Transparent and mostly transparent layers are passed over.
  div.style.backgroundColor = "rgba(255, 255, 255, 0)";
  expect(isDark(host)).toBe(true);
  div.style.backgroundColor = "rgba(255, 255, 255, 0.3)";
  expect(isDark(host)).toBe(true);
  div.style.backgroundColor = "rgba(250, 250, 250, 0.9)";
  expect(isDark(host)).toBe(false);
  host.style.backgroundColor = "rgb(40, 44, 52)";
  expect(isDark(host)).toBe(true);
});

test("auto without any background: the text colour the host inherits (light text, dark canvas)", () => {
  const { host } = nested();
  document.documentElement.style.color = "rgb(20, 20, 20)";
  expect(isDark(host)).toBe(false);
  document.documentElement.style.color = "rgb(232, 232, 232)";
  expect(isDark(host)).toBe(true);
});

test("the theme is on .bascule-root before the first render; light and dark force it", async () => {
  fakeApi({ thread: () => ({ body: makeThread([]) }) });
  for (const [theme, background, expected] of [
    [undefined, "rgb(17, 17, 17)", "dark"],
    ["auto", "rgb(255, 255, 255)", "light"],
    ["light", "rgb(17, 17, 17)", "light"],
    ["dark", "rgb(255, 255, 255)", "dark"],
  ] as const) {
    const { section, host } = nested();
    section.style.backgroundColor = background;
    const widget = mount(host, { site: "demo", page: PAGE, lang: "en", limit: 50, api: API, theme });
    const root = host.shadowRoot?.querySelector<HTMLElement>(".bascule-root");
    await vi.waitFor(() => expect(root?.querySelector("h2")).not.toBeNull());
    expect(root?.dataset.theme, `${theme} on ${background}`).toBe(expected);
    widget.destroy();
    section.remove();
  }
});
