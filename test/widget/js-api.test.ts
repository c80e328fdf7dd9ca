// The JavaScript API (API.md, "The widget's JavaScript API"): `Bascule.mount(element, options)`
// with its handle's update() and destroy(), several widgets on one page, and the script-tag
// widget without data-page following a single-page site's navigation.

import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Handle } from "../../widget/embed.tsx";
import { API, cleanup, fakeApi, happyDOM, makeComment, makeThread } from "./helpers.ts";

const ARTICLE = "https://blog.example/2024/hello";
const OTHER = "https://blog.example/2024/other";

// The loader runs once per import, as once per <script> tag; the parts it loads (navigation
// and counts, writing, Turnstile) are defined first in the same fresh module graph.
async function loadEmbed(): Promise<void> {
  vi.resetModules();
  await import("../../widget/embed-page.ts");
  await import("../../widget/extra/embed-extra.ts");
  await import("../../widget/embed.tsx");
}

/** The script tag (not run: the test imports the module), the one document.currentScript names. */
function addScript(attributes: Record<string, string>): HTMLScriptElement {
  const script = document.createElement("script");
  script.type = "text/x-bascule-test";
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.body.append(script);
  Object.defineProperty(document, "currentScript", { configurable: true, value: script });
  return script;
}

function element(id?: string): HTMLElement {
  const div = document.createElement("div");
  if (id) div.id = id;
  document.body.append(div);
  return div;
}

/** One comment per page, named after it, so a widget's text says which thread it shows. */
function threadsByPage() {
  return fakeApi({
    thread: ({ url }) => {
      const page = url.searchParams.get("page") ?? "";
      return {
        body: makeThread([makeComment({ html: `<p>On ${page}</p>` })], { site: { locale: "en", displayDepth: 6, editWindowMinutes: 15 } }),
      };
    },
    counts: ({ url }) => ({ body: { counts: Object.fromEntries(url.searchParams.getAll("page").map((page) => [page, page.length])) } }),
  });
}

const bodyOf = (host: HTMLElement) => host.shadowRoot?.querySelector(".bascule-body")?.textContent;
const threadReads = (calls: ReturnType<typeof fakeApi>["calls"]) =>
  calls.filter((call) => call.url.pathname === "/api/v1/threads").map((call) => call.url.searchParams.get("page"));

/**
 * Every listener added to window and document, and every timer set, from now on, so that a
 * test can ask what is still there. Timers are counted by id: set, not yet run, not cleared.
 */
function watchLeftovers() {
  const listeners = new Map<string, number>();
  const key = (target: string, type: string, listener: unknown) => `${target} ${type} ${String(listener)}`;
  for (const [name, target] of [
    ["window", window],
    ["document", document],
  ] as const) {
    const add = target.addEventListener.bind(target);
    const remove = target.removeEventListener.bind(target);
    vi.spyOn(target, "addEventListener").mockImplementation((type, listener, options) => {
      const once = typeof options === "object" && options?.once;
      if (!once) listeners.set(key(name, type, listener), (listeners.get(key(name, type, listener)) ?? 0) + 1);
      add(type, listener, options);
    });
    vi.spyOn(target, "removeEventListener").mockImplementation((type, listener, options) => {
      const count = listeners.get(key(name, type, listener)) ?? 0;
      if (count > 1) listeners.set(key(name, type, listener), count - 1);
      else listeners.delete(key(name, type, listener));
      remove(type, listener, options);
    });
  }
  const timers = new Set<unknown>();
  const set = globalThis.setTimeout;
  const clear = globalThis.clearTimeout;
  vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, delay?: number) => {
    const id: unknown = set(() => {
      timers.delete(id);
      callback();
    }, delay);
    timers.add(id);
    return id;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, "clearTimeout").mockImplementation((id) => {
    timers.delete(id);
    clear(id);
  });
  return { listeners: () => [...listeners.keys()], timers: () => timers.size };
}

let pushState: History["pushState"];
let replaceState: History["replaceState"];

beforeEach(() => {
  happyDOM.setURL(`${ARTICLE}/`);
  pushState = history.pushState;
  replaceState = history.replaceState;
});

afterEach(() => {
  window.Bascule?.destroy();
  history.pushState = pushState;
  history.replaceState = replaceState;
  Reflect.deleteProperty(document, "currentScript");
  cleanup();
});

describe("Bascule.mount(element, options)", () => {
  test("two widgets on one page, each with its own thread; update() moves one to another page", async () => {
    const api = threadsByPage();
    addScript({ src: `${API}/embed.js` });
    await loadEmbed();
    const first = element();
    const second = element();
    const one = window.Bascule!.mount(first, { site: "blog", page: "/a", lang: "en" });
    window.Bascule!.mount(second, { site: "blog", page: "/b", lang: "en" });

    await vi.waitFor(() => expect(bodyOf(first)).toBe("On /a"));
    await vi.waitFor(() => expect(bodyOf(second)).toBe("On /b"));
    expect(threadReads(api.calls).sort()).toEqual(["/a", "/b"]);
    expect(api.calls.every((call) => call.url.origin === API && call.url.searchParams.get("site") === "blog")).toBe(true);

    one.update({ page: "/c" });
    await vi.waitFor(() => expect(bodyOf(first)).toBe("On /c"));
    expect(bodyOf(second)).toBe("On /b");
    expect(first.shadowRoot?.querySelectorAll("section")).toHaveLength(1);
    expect(threadReads(api.calls)).toContain("/c");
  });

  test("options as API.md names them: limit, lang, theme", async () => {
    const api = threadsByPage();
    addScript({ src: `${API}/embed.js` });
    await loadEmbed();
    const host = element();
    const handle = window.Bascule!.mount(host, { site: "blog", page: "/a", lang: "en", limit: 7, theme: "dark" });
    await vi.waitFor(() => expect(bodyOf(host)).toBe("On /a"));
    expect(api.calls[0]?.url.searchParams.get("limit")).toBe("7");
    const root = () => host.shadowRoot?.querySelector<HTMLElement>(".bascule-root");
    expect(root()?.dataset.theme).toBe("dark");

    handle.update({ theme: "light" });
    await vi.waitFor(() => expect(root()?.dataset.theme).toBe("light"));
  });

  test("a mistake in the options throws, naming it", async () => {
    fakeApi({});
    addScript({ src: `${API}/embed.js` });
    await loadEmbed();
    expect(() => window.Bascule!.mount(element(), { site: "My Blog" })).toThrow(/"My Blog"/);
  });

  test("the count elements follow each widget's own page when theirs is empty", async () => {
    threadsByPage();
    addScript({ src: `${API}/embed.js` });
    await loadEmbed();
    const count = document.createElement("span");
    count.dataset.basculeCount = "/four";
    document.body.append(count);
    const host = element();
    window.Bascule!.mount(host, { site: "blog", page: "/a", lang: "en" });
    // The counts answer the key's length: "/four" has 5 characters.
    await vi.waitFor(() => expect(count.textContent).toBe("5 comments"));
  });

  test("destroy() leaves nothing behind: listeners, timers, Turnstile, history, the shadow root's content", async () => {
    const turnstile = { render: vi.fn(() => "box-1"), reset: vi.fn(), remove: vi.fn() };
    Object.assign(window, { turnstile });
    fakeApi({
      thread: () => ({ body: makeThread([makeComment()], { form: { token: "t", turnstileSiteKey: "0x4AAAA-key" } }) }),
      counts: () => ({ body: { counts: {} } }),
    });
    const leftovers = watchLeftovers();
    // The script-tag widget (without data-page, so it follows navigation) and a mounted one.
    const tagged = element("bascule-comments");
    addScript({ src: `${API}/embed.js`, "data-site": "blog", "data-lang": "en" });
    await loadEmbed();
    const mounted = element();
    const handle: Handle = window.Bascule!.mount(mounted, { site: "blog", page: "/a", lang: "en" });
    for (const host of [tagged, mounted]) await vi.waitFor(() => expect(host.shadowRoot?.querySelector("article")).not.toBeNull());
    await vi.waitFor(() => expect(turnstile.render).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(history.pushState).not.toBe(pushState));
    expect(history.replaceState).not.toBe(replaceState);
    expect(leftovers.listeners().length).toBeGreaterThan(0);
    // A navigation's timer is pending as the widgets go.
    history.pushState(null, "", "/2024/elsewhere/");
    expect(leftovers.timers()).toBeGreaterThan(0);

    handle.destroy();
    window.Bascule!.destroy();

    expect(leftovers.listeners()).toEqual([]);
    expect(leftovers.timers()).toBe(0);
    expect(history.pushState).toBe(pushState);
    expect(history.replaceState).toBe(replaceState);
    expect(turnstile.remove).toHaveBeenCalledTimes(2);
    for (const host of [tagged, mounted]) {
      expect(host.shadowRoot?.childNodes).toHaveLength(0);
      expect(host.shadowRoot?.adoptedStyleSheets).toHaveLength(0);
      expect(host.childNodes).toHaveLength(0);
    }
    expect(window.Bascule).toBeUndefined();
    Reflect.deleteProperty(window, "turnstile");
  });
});

describe("the script-tag widget follows a single-page site's navigation", () => {
  test("pushState to another page reads that page's thread; replaceState and popstate too", async () => {
    const api = threadsByPage();
    const host = element("bascule-comments");
    addScript({ src: `${API}/embed.js`, "data-site": "blog", "data-lang": "en" });
    await loadEmbed();
    await vi.waitFor(() => expect(bodyOf(host)).toBe(`On ${ARTICLE}`));

    history.pushState(null, "", "/2024/other/");
    await vi.waitFor(() => expect(bodyOf(host)).toBe(`On ${OTHER}`));
    expect(host.shadowRoot?.querySelectorAll("section")).toHaveLength(1);

    // Only the fragment or the query changes: the same thread, not read again.
    const reads = threadReads(api.calls).length;
    history.replaceState(null, "", "/2024/other/?ref=feed#top");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(threadReads(api.calls)).toHaveLength(reads);

    history.replaceState(null, "", "/2024/hello/");
    await vi.waitFor(() => expect(bodyOf(host)).toBe(`On ${ARTICLE}`));

    happyDOM.setURL(`${OTHER}/`);
    window.dispatchEvent(new PopStateEvent("popstate"));
    await vi.waitFor(() => expect(bodyOf(host)).toBe(`On ${OTHER}`));
  });

  test("with data-page it stays on its thread", async () => {
    const api = threadsByPage();
    const host = element("bascule-comments");
    addScript({ src: `${API}/embed.js`, "data-site": "blog", "data-page": "post-1", "data-lang": "en" });
    await loadEmbed();
    await vi.waitFor(() => expect(bodyOf(host)).toBe("On post-1"));
    expect(history.pushState).toBe(pushState);
    history.pushState(null, "", "/2024/other/");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(threadReads(api.calls)).toEqual(["post-1"]);
  });
});
