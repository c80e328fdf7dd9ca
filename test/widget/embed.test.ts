import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { API, buttonNamed, cleanup, created, fakeApi, fill, happyDOM, makeComment, makeThread } from "./helpers.ts";

// The loader runs once per import, as it does once per <script> tag on a real page. The
// parts it would load (French, writing) are defined first, in the same fresh module graph.
async function loadEmbed(): Promise<void> {
  vi.resetModules();
  await import("../../widget/i18n/embed-fr.ts");
  await import("../../widget/extra/embed-extra.ts");
  await import("../../widget/embed-page.ts");
  await import("../../widget/embed.tsx");
}

function addScript(attributes: Record<string, string>, parent: HTMLElement = document.body): HTMLScriptElement {
  const script = document.createElement("script");
  // Not a runnable type: the test imports the module itself instead of letting the DOM fetch it.
  script.type = "text/x-bascule-test";
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  parent.append(script);
  return script;
}

function addHost(): HTMLElement {
  const host = document.createElement("div");
  host.id = "bascule-comments";
  document.body.append(host);
  return host;
}

beforeEach(() => {
  happyDOM.setURL("https://blog.example/2024/hello/?utm_source=feed");
});

afterEach(() => {
  window.Bascule?.destroy();
  Reflect.deleteProperty(document, "currentScript");
  Reflect.deleteProperty(document, "readyState");
  cleanup();
});

describe("the loader", () => {
  test("reads its own script tag and mounts into #bascule-comments, inside an open shadow root", async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
    const host = addHost();
    addScript({ src: `${API}/embed.js?v=2`, "data-site": "blog", "data-page": "  post-42 ", "data-lang": "fr-FR" });
    await loadEmbed();

    await vi.waitFor(() => expect(host.shadowRoot?.querySelector("h2")?.textContent).toBe("0 commentaire"));
    const url = api.calls[0]?.url;
    expect(url?.origin).toBe(API);
    expect(url?.searchParams.get("site")).toBe("blog");
    expect(url?.searchParams.get("page")).toBe("post-42");
  });

  test("prefers document.currentScript, and takes the page key from the address when data-page is absent", async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
    addHost();
    addScript({ src: "https://other.example/embed.js", "data-site": "other" });
    const own = addScript({ src: `${API}/embed.js`, "data-site": "blog" });
    Object.defineProperty(document, "currentScript", { configurable: true, value: own });
    document.documentElement.lang = "en-GB";
    await loadEmbed();

    await vi.waitFor(() => expect(api.calls).toHaveLength(1));
    expect(api.calls[0]?.url.origin).toBe(API);
    expect(api.calls[0]?.url.searchParams.get("site")).toBe("blog");
    expect(api.calls[0]?.url.searchParams.get("page")).toBe("https://blog.example/2024/hello");
  });

  test("data-limit sets the page size (1 to 200; anything else is the default 50)", async () => {
    for (const [given, sent] of [
      ["10", "10"],
      ["500", "200"],
      ["0", "50"],
      ["many", "50"],
    ] as const) {
      const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
      addHost();
      addScript({ src: `${API}/embed.js`, "data-site": "blog", "data-limit": given });
      await loadEmbed();
      await vi.waitFor(() => expect(api.calls.length).toBeGreaterThan(0));
      expect(api.calls[0]?.url.searchParams.get("limit"), given).toBe(sent);
      window.Bascule?.destroy();
      cleanup();
    }
  });

  test("without #bascule-comments the thread goes right after the script", async () => {
    fakeApi({ thread: () => ({ body: makeThread([]) }) });
    const before = document.createElement("p");
    document.body.append(before);
    const script = addScript({ src: `${API}/embed.js`, "data-site": "blog" });
    document.body.append(document.createElement("footer"));
    await loadEmbed();

    const host = script.nextElementSibling as HTMLElement;
    expect(host.id).toBe("bascule-comments");
    await vi.waitFor(() => expect(host.shadowRoot?.querySelector("h2")?.textContent).toBe("0 comments"));
  });

  test("a tag without data-site is reported in the console with a [bascule] prefix and mounts nothing", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const api = fakeApi({});
    const host = addHost();
    const script = addScript({ src: `${API}/embed.js` });
    Object.defineProperty(document, "currentScript", { configurable: true, value: script });
    await loadEmbed();

    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/^\[bascule\] .*data-site/);
    expect(host.shadowRoot).toBeNull();
    expect(api.fetch).not.toHaveBeenCalled();
  });

  test("a malformed site key is reported too", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    fakeApi({});
    addHost();
    addScript({ src: `${API}/embed.js`, "data-site": "My Blog" });
    await loadEmbed();
    expect(String(error.mock.calls[0]?.[0])).toMatch(/^\[bascule\] .*"My Blog"/);
  });

  test('an element with id="Bascule" on the page (window.Bascule names it) doesn\'t stop the widget', async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
    const named = document.createElement("div");
    named.id = "Bascule";
    document.body.append(named);
    // A browser's named access on window, which happy-dom doesn't have.
    Object.defineProperty(window, "Bascule", { configurable: true, writable: true, value: named });
    const host = addHost();
    addScript({ src: `${API}/embed.js`, "data-site": "blog" });
    await loadEmbed();
    await vi.waitFor(() => expect(host.shadowRoot?.querySelector("h2")).not.toBeNull());
    expect(api.calls).toHaveLength(1);
    expect(typeof window.Bascule?.destroy).toBe("function");
  });

  test("a host that can't have a shadow root, or a tag without src, is reported with the [bascule] prefix, not thrown", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    fakeApi({ thread: () => ({ body: makeThread([]) }) });
    // <ul> is not among the elements that can host a shadow root: a browser throws what
    // happy-dom (which lets any element have one) is made to throw here.
    const list = document.createElement("ul");
    list.id = "bascule-comments";
    list.attachShadow = () => {
      throw new DOMException(
        "Failed to execute 'attachShadow' on 'Element': This element does not support attachShadow",
        "NotSupportedError",
      );
    };
    document.body.append(list);
    addScript({ src: `${API}/embed.js`, "data-site": "blog" });
    await expect(loadEmbed()).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/^\[bascule\] embed\.js .*shadow/i);
    window.Bascule?.destroy();
    cleanup();

    const again = vi.spyOn(console, "error").mockImplementation(() => {});
    addHost();
    const script = addScript({ "data-site": "blog" });
    Object.defineProperty(document, "currentScript", { configurable: true, value: script });
    await expect(loadEmbed()).resolves.toBeUndefined();
    expect(again).toHaveBeenCalledTimes(1);
    expect(String(again.mock.calls[0]?.[0])).toMatch(/^\[bascule\] embed\.js /);
  });

  test("loading the script twice mounts once", async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
    const host = addHost();
    addScript({ src: `${API}/embed.js`, "data-site": "blog" });
    addScript({ src: `${API}/embed.js`, "data-site": "blog" });
    await loadEmbed();
    await loadEmbed();

    await vi.waitFor(() => expect(host.shadowRoot?.querySelector("h2")).not.toBeNull());
    expect(host.shadowRoot?.querySelectorAll("section")).toHaveLength(1);
    expect(api.calls.filter((call) => call.url.pathname.endsWith("/threads"))).toHaveLength(1);
  });

  test("waits for the DOM when it runs early, and destroy() before then leaves nothing behind", async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
    Object.defineProperty(document, "readyState", { configurable: true, value: "loading" });
    addScript({ src: `${API}/embed.js`, "data-site": "blog" });
    await loadEmbed();
    const host = addHost(); // parsed after the script
    document.dispatchEvent(new Event("DOMContentLoaded"));
    await vi.waitFor(() => expect(host.shadowRoot?.querySelector("h2")).not.toBeNull());

    window.Bascule?.destroy();
    host.remove();
    const later = addHost();
    await loadEmbed();
    window.Bascule?.destroy();
    document.dispatchEvent(new Event("DOMContentLoaded"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(later.shadowRoot).toBeNull();
    expect(api.calls).toHaveLength(1);
  });

  test("destroy() empties the shadow root and removes every window listener it added", async () => {
    fakeApi({ thread: () => ({ body: makeThread([makeComment()]) }) });
    const added = vi.spyOn(window, "addEventListener");
    const removed = vi.spyOn(window, "removeEventListener");
    const host = addHost();
    addScript({ src: `${API}/embed.js`, "data-site": "blog" });
    await loadEmbed();
    await vi.waitFor(() => expect(host.shadowRoot?.querySelector("article")).not.toBeNull());
    expect(added).toHaveBeenCalled();

    window.Bascule?.destroy();
    expect(window.Bascule).toBeUndefined();
    expect(host.shadowRoot?.querySelector("section")).toBeNull();
    for (const [eventType, listener] of added.mock.calls) {
      expect(
        removed.mock.calls.some(([t, l]) => t === eventType && l === listener),
        `${eventType} listener`,
      ).toBe(true);
    }

    // A single-page site may load it again for the next page.
    await loadEmbed();
    await vi.waitFor(() => expect(host.shadowRoot?.querySelectorAll("section")).toHaveLength(1));
  });
});

describe("comment counts on the page", () => {
  test("one request for every [data-bascule-count], written in the page's language", async () => {
    const counts: Record<string, number> = { "https://blog.example/2024/hello": 2, "https://blog.example/other": 1 };
    const api = fakeApi({
      thread: () => ({ body: makeThread([]) }),
      counts: ({ url }) => ({ body: { counts: Object.fromEntries(url.searchParams.getAll("page").map((p) => [p, counts[p] ?? 0])) } }),
    });
    document.body.innerHTML = `
      <span id="here" data-bascule-count=""></span>
      <a id="other" data-bascule-count="HTTPS://Blog.example/other/?utm=x"></a>
      <a id="other-again" data-bascule-count="https://blog.example/other"></a>
      <span id="none" data-bascule-count="never-commented"></span>`;
    addScript({ src: `${API}/embed.js`, "data-site": "blog", "data-lang": "fr" });
    await loadEmbed();

    await vi.waitFor(() => expect(document.getElementById("here")?.textContent).toBe("2 commentaires"));
    expect(document.getElementById("other")?.textContent).toBe("1 commentaire");
    expect(document.getElementById("other-again")?.textContent).toBe("1 commentaire");
    expect(document.getElementById("none")?.textContent).toBe("0 commentaire");
    const requests = api.calls.filter((call) => call.url.pathname === "/api/v1/counts");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url.searchParams.get("site")).toBe("blog");
    expect(requests[0]?.url.searchParams.getAll("page")).toEqual([
      "https://blog.example/2024/hello",
      "https://blog.example/other",
      "never-commented",
    ]);
  });

  test("counts are refreshed after the reader's comment is published", async () => {
    let count = 0;
    const mine = makeComment();
    const api = fakeApi({
      thread: () => ({ body: makeThread([]) }),
      counts: ({ url }) => ({ body: { counts: { [url.searchParams.get("page") ?? ""]: count } } }),
      post: () => {
        count = 1;
        return { status: 201, body: created(mine) };
      },
    });
    const badge = document.createElement("span");
    badge.dataset.basculeCount = "";
    document.body.append(badge);
    const host = addHost();
    addScript({ src: `${API}/embed.js`, "data-site": "blog" });
    await loadEmbed();
    await vi.waitFor(() => expect(badge.textContent).toBe("0 comments"));

    const root = host.shadowRoot as ShadowRoot;
    await vi.waitFor(() => expect(root.querySelector("form")).not.toBeNull());
    fill(root, { name: "Ann", body: "Hello" });
    buttonNamed(root, "Post comment").click();

    await vi.waitFor(() => expect(badge.textContent).toBe("1 comment"));
    expect(api.calls.filter((call) => call.url.pathname === "/api/v1/counts")).toHaveLength(2);
  });
});
