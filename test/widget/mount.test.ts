import { afterEach, expect, test, vi } from "vitest";
import { mount } from "../../widget/mount.tsx";
import { API, PAGE, cleanup, fakeApi, makeThread } from "./helpers.ts";

afterEach(cleanup);

function host(): HTMLElement {
  const element = document.createElement("div");
  document.body.append(element);
  return element;
}

const config = { site: "demo", page: PAGE, lang: "fr", limit: 50, api: API };

test("styles go in through adoptedStyleSheets when the browser has them, and leave on destroy", async () => {
  fakeApi({ thread: () => ({ body: makeThread([]) }) });
  const element = host();
  const widget = mount(element, config);
  const root = element.shadowRoot as ShadowRoot;
  expect(root.adoptedStyleSheets).toHaveLength(1);
  expect(root.querySelector("style")).toBeNull();
  await vi.waitFor(() => expect(root.querySelector("h2")?.textContent).toBe("0 commentaire"));
  expect(root.querySelector(".bascule-root")?.getAttribute("lang")).toBe("fr");

  widget.destroy();
  expect(root.adoptedStyleSheets).toHaveLength(0);
  expect(root.childNodes).toHaveLength(0);
});

test("without constructable stylesheets, a <style> inside the shadow root, which rendering leaves alone", async () => {
  // An older Safari: CSSStyleSheet exists but can't be constructed and filled from script.
  vi.stubGlobal("CSSStyleSheet", class {});
  fakeApi({ thread: () => ({ body: makeThread([]) }) });
  const element = host();
  const widget = mount(element, config);
  const root = element.shadowRoot as ShadowRoot;
  await vi.waitFor(() => expect(root.querySelector("h2")).not.toBeNull());
  expect(root.firstElementChild?.tagName).toBe("STYLE");
  expect(root.adoptedStyleSheets).toHaveLength(0);
  widget.destroy();
  expect(root.querySelector("style")).toBeNull();
});
