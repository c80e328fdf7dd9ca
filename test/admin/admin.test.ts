// The owner's page (admin/): the pieces with rules of their own, tested alone in a DOM.
// The whole page runs end to end in test/e2e/admin.test.ts.

import { afterEach, describe, expect, test, vi } from "vitest";
import type { AdminComment, SiteBody } from "../../worker/api-types.ts";
import { createAdminApi } from "../../admin/api.ts";
import { Deferred } from "../../admin/deferred.ts";
import { en } from "../../admin/i18n/en.ts";
import { fr } from "../../admin/i18n/fr.ts";
import { createI18n, resolveLang } from "../../admin/i18n/index.ts";
import { isTyping, shortcutOf } from "../../admin/keys.ts";
import { EMPTY_QUEUE, queueReducer, type QueueState } from "../../admin/queue-state.ts";
import { apiValue, fieldOf, FIELD_ORDER, formValue, siteChange } from "../../admin/settings-fields.ts";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

let sequence = 0;
function comment(fields: Partial<AdminComment> = {}): AdminComment {
  const id = fields.id ?? `a${++sequence}`;
  return {
    id,
    parentId: null,
    depth: 0,
    author: { name: "Alice", website: null, avatar: null },
    html: `<p>${id}</p>`,
    body: id,
    createdAt: new Date().toISOString(),
    editedAt: null,
    likes: 0,
    byOwner: false,
    deleted: false,
    status: "pending",
    email: "alice@example.org",
    ipHash: "0".repeat(64),
    pinned: false,
    thread: { page: "/p", title: "P", url: "https://blog.example/p" },
    ...fields,
  };
}

function queueOf(...items: AdminComment[]): QueueState {
  return queueReducer(EMPTY_QUEUE, { type: "loaded", items, append: false });
}

describe("the queue's list and selection", () => {
  test("j and k move within the list and stop at its ends; the first key selects the newest", () => {
    const [a, b, c] = [comment(), comment(), comment()];
    let state = queueOf(a, b, c);
    state = queueReducer(state, { type: "move", by: -1 });
    expect(state.selected).toBe(a.id);
    for (const by of [1, 1, 1] as const) state = queueReducer(state, { type: "move", by });
    expect(state.selected).toBe(c.id);
    state = queueReducer(state, { type: "move", by: -1 });
    expect(state.selected).toBe(b.id);
  });

  test("a verdict takes the comment out of a filtered list and selects the one that takes its place", () => {
    const [a, b, c] = [comment(), comment(), comment()];
    let state = queueReducer(queueOf(a, b, c), { type: "select", id: b.id });
    state = queueReducer(state, { type: "put", comment: { ...b, status: "approved" }, index: 1, filter: "pending" });
    expect(state).toEqual({ items: [a, c], selected: c.id });
    // The last one: the selection moves up.
    state = queueReducer(state, { type: "removed", id: c.id });
    expect(state).toEqual({ items: [a], selected: a.id });
  });

  test("under All, a verdict changes the comment in place", () => {
    const a = comment();
    const state = queueReducer(queueOf(a), { type: "put", comment: { ...a, status: "spam" }, index: 0, filter: "all" });
    expect(state.items.map((c) => c.status)).toEqual(["spam"]);
  });

  test("an undo puts the comment back where it was, selected", () => {
    const [a, b, c] = [comment(), comment(), comment()];
    let state = queueReducer(queueOf(a, b, c), { type: "removed", id: b.id });
    state = queueReducer(state, { type: "put", comment: b, index: 1, filter: "pending", select: true });
    expect(state).toEqual({ items: [a, b, c], selected: b.id });
  });

  test("selecting a comment that is not in the list changes nothing", () => {
    const state = queueOf(comment());
    expect(queueReducer(state, { type: "select", id: "gone" })).toBe(state);
  });
});

describe("the delayed delete", () => {
  test("waits, can be cancelled, and goes when its time is up", async () => {
    vi.useFakeTimers();
    const deferred = new Deferred();
    const sent: boolean[] = [];
    void deferred.schedule(async ({ keepalive }) => void sent.push(keepalive), 5_000);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sent).toEqual([]);
    expect(deferred.cancel()).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual([]);
    expect(deferred.cancel()).toBe(false);

    void deferred.schedule(async ({ keepalive }) => void sent.push(keepalive), 5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toEqual([false]);
  });

  test("a second delete sends the first at once: only the last action can be undone", async () => {
    vi.useFakeTimers();
    const deferred = new Deferred();
    const sent: string[] = [];
    void deferred.schedule(async () => void sent.push("first"), 5_000);
    void deferred.schedule(async () => void sent.push("second"), 5_000);
    expect(sent).toEqual(["first"]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toEqual(["first", "second"]);
  });

  test("goes with keepalive when the page is hidden or left", () => {
    const deferred = new Deferred();
    const remove = deferred.flushWhenHidden();
    const sent: boolean[] = [];
    void deferred.schedule(async ({ keepalive }) => void sent.push(keepalive), 5_000);
    dispatchEvent(new Event("pagehide"));
    expect(sent).toEqual([true]);
    remove();
    void deferred.schedule(async ({ keepalive }) => void sent.push(keepalive), 5_000);
    dispatchEvent(new Event("pagehide"));
    expect(sent).toEqual([true]);
    deferred.cancel();
  });
});

describe("keyboard shortcuts", () => {
  function keydown(target: HTMLElement, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
    document.body.append(target);
    let seen: KeyboardEvent | undefined;
    target.addEventListener("keydown", (event) => (seen = event), { once: true });
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, ...init }));
    return seen as KeyboardEvent;
  }

  test("letters are shortcuts on the page, on buttons and on comment cards", () => {
    expect(shortcutOf(keydown(document.createElement("article"), "j"))).toBe("next");
    expect(shortcutOf(keydown(document.createElement("button"), "a"))).toBe("approve");
    expect(shortcutOf(keydown(document.createElement("div"), "D"))).toBe("delete");
    expect(shortcutOf(keydown(document.createElement("div"), "x"))).toBeNull();
  });

  test("never while typing, and never with Ctrl, Alt or Cmd", () => {
    const search = document.createElement("input");
    search.type = "search";
    const checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    expect(isTyping(search)).toBe(true);
    expect(isTyping(document.createElement("textarea"))).toBe(true);
    expect(isTyping(document.createElement("select"))).toBe(true);
    expect(isTyping(checkbox)).toBe(false);
    expect(shortcutOf(keydown(search, "a"))).toBeNull();
    expect(shortcutOf(keydown(document.createElement("div"), "a", { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(keydown(document.createElement("div"), "s", { metaKey: true }))).toBeNull();
  });
});

describe("the settings form's values", () => {
  const site: SiteBody = {
    key: "blog",
    origins: ["https://blog.example", "http://localhost:*"],
    moderation: "first",
    maxLinks: 2,
    holdWords: [],
    blockWords: ["casino"],
    ownerEmails: [],
    editWindowMinutes: 15,
    displayDepth: 6,
    locale: "fr",
    closeAfterDays: null,
    minSubmitSeconds: 3,
    ipRetentionDays: 30,
    turnstileSiteKey: null,
  };

  test("a site's values round-trip through the form unchanged", () => {
    const change = siteChange((field) => formValue(site, field));
    const { key: _key, ...settings } = site;
    expect(change).toEqual(settings);
  });

  test("lists are one per line; empty optional fields are null; a bad number goes as typed for the API to name", () => {
    expect(apiValue("list", " a \n\n b\r\nc ")).toEqual(["a", "b", "c"]);
    expect(apiValue("optionalInteger", " ")).toBeNull();
    expect(apiValue("optionalText", "")).toBeNull();
    expect(apiValue("integer", "12")).toBe(12);
    expect(apiValue("integer", "abc")).toBe("abc");
    expect(apiValue("integer", "")).toBe("");
  });

  test("the API's field names map to the form's fields", () => {
    expect(fieldOf("origins.1")).toBe("origins");
    expect(fieldOf("maxLinks")).toBe("maxLinks");
    expect(fieldOf("key")).toBeNull();
    expect(fieldOf(undefined)).toBeNull();
    expect(FIELD_ORDER).toHaveLength(Object.keys(site).length - 1);
  });
});

describe("the owner API helper", () => {
  test("sends the token, and a 401 asks for it again", async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return new Response(JSON.stringify({ error: { code: "admin_token_required", message: "No." } }), { status: 401 });
      }),
    );
    const refused = vi.fn();
    const api = createAdminApi("s3cret", refused);
    await expect(api.comments({ site: "blog", status: "pending", q: "zéphyr" })).rejects.toMatchObject({
      status: 401,
      code: "admin_token_required",
    });
    expect(refused).toHaveBeenCalledOnce();
    expect(calls[0]?.url).toBe("/api/v1/admin/comments?site=blog&status=pending&q=z%C3%A9phyr");
    expect(new Headers(calls[0]?.init.headers).get("authorization")).toBe("Bearer s3cret");
    expect(calls[0]?.init.credentials).toBe("omit");
  });

  test("a delete can outlive the page (keepalive)", async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal("fetch", fetch);
    await createAdminApi("t").deleteComment("c1", { keepalive: true });
    expect(fetch).toHaveBeenCalledWith("/api/v1/admin/comments/c1", expect.objectContaining({ method: "DELETE", keepalive: true }));
  });
});

describe("the admin page's languages", () => {
  test("French has every English key, with the same plural forms filled", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  test("follows the first language it knows, else English", () => {
    expect(resolveLang([null, "de-DE", "fr-CA", "en"])).toBe("fr");
    expect(resolveLang(["es"])).toBe("en");
    expect(createI18n("fr").plural("threads.count", 0)).toBe("0 commentaire");
    expect(createI18n("en").plural("threads.count", 2)).toBe("2 comments");
  });
});

describe("the page, rendered", () => {
  type Answer = (method: string, url: string) => Response | undefined;

  /**
   * The admin page signed in from this tab, its requests answered by `answer` after the
   * site list and a queue holding `queued`; anything else is a 404.
   */
  async function openAdmin(queued: unknown, answer: Answer = () => undefined) {
    const { h, render } = await import("preact");
    const { App } = await import("../../admin/app.tsx");
    const requests: Array<{ method: string; url: string; body: unknown }> = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init: RequestInit = {}) => {
        const method = init.method ?? "GET";
        requests.push({ method, url, body: typeof init.body === "string" ? JSON.parse(init.body) : undefined });
        const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
        if (url === "/api/v1/admin/sites") return json({ sites: [{ key: "blog" }] });
        if (url.startsWith("/api/v1/admin/comments?")) return json({ comments: [queued], nextCursor: null });
        return answer(method, url) ?? new Response("{}", { status: 404 });
      }),
    );
    sessionStorage.setItem("bascule.admin.token", "t");
    const root = document.createElement("div");
    document.body.append(root);
    render(h(App, { initialLang: "en" }), root);
    const close = () => {
      render(null, root);
      sessionStorage.clear();
    };
    return { root, requests, close };
  }

  test("signed in from this tab: j selects, a approves with a PATCH, and letters typed in the search box are just text", async () => {
    const held = comment({ author: { name: "<img src=x onerror=alert(1)>", website: "javascript:alert(1)", avatar: null } });
    const { root, requests, close } = await openAdmin(held, (method) =>
      method === "PATCH" ? new Response(JSON.stringify({ comment: { ...held, status: "approved" } }), { status: 200 }) : undefined,
    );
    try {
      await vi.waitFor(() => expect(root.querySelector("article")).not.toBeNull());
      const card = root.querySelector("article") as HTMLElement;
      // The author's name is text, and a javascript: website is no link.
      expect(card.querySelector("h3")?.textContent).toBe("<img src=x onerror=alert(1)>");
      expect(card.querySelector("img")).toBeNull();
      expect(Array.from(card.querySelectorAll("a"), (a) => a.getAttribute("href"))).not.toContain("javascript:alert(1)");

      const search = root.querySelector('input[type="search"]') as HTMLInputElement;
      search.focus();
      search.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
      expect(requests.filter((r) => r.method === "PATCH")).toEqual([]);

      search.blur();
      document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));
      await vi.waitFor(() => expect(card.getAttribute("aria-current")).toBe("true"));
      document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
      await vi.waitFor(() =>
        expect(requests.filter((r) => r.method === "PATCH")).toEqual([
          { method: "PATCH", url: `/api/v1/admin/comments/${held.id}`, body: { status: "approved", editedAt: held.editedAt } },
        ]),
      );
      await vi.waitFor(() => expect(root.querySelector('[role="status"]')?.textContent).toMatch(/Comment approved\.\s*Undo/));
    } finally {
      close();
    }
  });

  test("the list is named by its heading; Undo after the DELETE has gone (the tab was hidden) says it is too late", async () => {
    const doomed = comment();
    const { root, requests, close } = await openAdmin(doomed, (method) =>
      method === "DELETE" ? new Response(null, { status: 204 }) : undefined,
    );
    try {
      await vi.waitFor(() => expect(root.querySelector("article")).not.toBeNull());
      const list = root.querySelector("ol.cards") as HTMLElement;
      expect(document.getElementById(list.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("Comments");

      document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));
      await vi.waitFor(() => expect(root.querySelector("article")?.getAttribute("aria-current")).toBe("true"));
      document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "d", bubbles: true }));
      const status = root.querySelector('[role="status"]') as HTMLElement;
      await vi.waitFor(() => expect(status.textContent).toMatch(/Comment deleted\.\s*Undo/));
      window.dispatchEvent(new Event("pagehide"));
      await vi.waitFor(() => expect(requests.map((r) => `${r.method} ${r.url}`)).toContain(`DELETE /api/v1/admin/comments/${doomed.id}`));

      (Array.from(root.querySelectorAll("button")).find((button) => button.textContent === "Undo") as HTMLButtonElement).click();
      await vi.waitFor(() =>
        expect(root.querySelector('[role="alert"]')?.textContent).toBe("Too late to undo: the comment has been deleted."),
      );
      expect(root.querySelector("article")).toBeNull();
    } finally {
      close();
    }
  });
});
