// What writing does (widget/extra/write.tsx) beyond posting, which comment-form.test.ts
// covers: likes and the preview tab.

import { afterEach, describe, expect, test, vi } from "vitest";
import {
  apiError,
  article,
  buttonNamed,
  cleanup,
  fakeApi,
  fieldLabelled,
  makeComment,
  makeThread,
  mountBeforeExtra,
  mountThread,
  type,
  type Reply,
} from "./helpers.ts";

afterEach(cleanup);

const heart = (root: ShadowRoot, id: string) =>
  article(root, id).querySelector<HTMLButtonElement>("button[aria-pressed]") as HTMLButtonElement;

describe("likes", () => {
  test("a heart with the count on each published comment; a like sends the reader's random id and shows the server's count, pressed", async () => {
    const comment = makeComment({ likes: 2 });
    const other = makeComment();
    const api = fakeApi({ thread: () => ({ body: makeThread([comment, other]) }), like: () => ({ body: { likes: 3 } }) });
    const { root } = await mountThread();

    expect(heart(root, comment.id).textContent).toBe("♥ 2");
    expect(heart(root, comment.id).getAttribute("aria-label")).toBe("Like (2)");
    expect(heart(root, comment.id).getAttribute("aria-pressed")).toBe("false");
    expect(heart(root, other.id).textContent).toBe("♥ ");

    heart(root, comment.id).click();
    await vi.waitFor(() => expect(heart(root, comment.id).getAttribute("aria-pressed")).toBe("true"));
    expect(heart(root, comment.id).textContent).toBe("♥ 3");
    expect(heart(root, other.id).getAttribute("aria-pressed")).toBe("false");

    const like = api.calls.find((call) => call.url.pathname.endsWith("/like"));
    expect(like?.method).toBe("POST");
    expect(like?.url.pathname).toBe(`/api/v1/comments/${comment.id}/like`);
    const reader = (like?.body as { reader: string } | undefined)?.reader;
    expect(reader).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(JSON.parse(localStorage.getItem("bascule:reader") ?? "null")).toBe(reader);
    expect(JSON.parse(localStorage.getItem("bascule:liked") ?? "[]")).toEqual([comment.id]);
  });

  test("the same reader id every time, a pressed heart sends nothing more, and it stays pressed after a reload", async () => {
    const a = makeComment();
    const b = makeComment();
    const api = fakeApi({ thread: () => ({ body: makeThread([a, b]) }), like: () => ({ body: { likes: 1 } }) });
    const first = await mountThread();
    heart(first.root, a.id).click();
    await vi.waitFor(() => expect(heart(first.root, a.id).getAttribute("aria-pressed")).toBe("true"));
    heart(first.root, b.id).click();
    await vi.waitFor(() => expect(heart(first.root, b.id).getAttribute("aria-pressed")).toBe("true"));
    heart(first.root, a.id).click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const likes = api.calls.filter((call) => call.url.pathname.endsWith("/like"));
    expect(likes).toHaveLength(2);
    expect(new Set(likes.map((call) => (call.body as { reader: string }).reader)).size).toBe(1);

    first.widget.destroy();
    const second = await mountThread();
    expect(heart(second.root, a.id).getAttribute("aria-pressed")).toBe("true");
    expect(heart(second.root, b.id).getAttribute("aria-pressed")).toBe("true");
  });

  test("two likes in quick succession are both kept, whichever answer comes first", async () => {
    const a = makeComment();
    const b = makeComment();
    const answers: Record<string, (reply: Reply) => void> = {};
    fakeApi({
      thread: () => ({ body: makeThread([a, b]) }),
      like: ({ url }) => new Promise((resolve) => (answers[url.pathname.split("/")[4]!] = resolve)),
    });
    const { root } = await mountThread();
    heart(root, a.id).click();
    heart(root, b.id).click();
    await vi.waitFor(() => expect(Object.keys(answers).sort()).toEqual([a.id, b.id].sort()));
    answers[b.id]!({ body: { likes: 1 } });
    answers[a.id]!({ body: { likes: 5 } });
    await vi.waitFor(() => expect(heart(root, a.id).getAttribute("aria-pressed")).toBe("true"));
    expect(heart(root, b.id).getAttribute("aria-pressed")).toBe("true");
    expect(heart(root, a.id).textContent).toBe("♥ 5");
    expect(JSON.parse(localStorage.getItem("bascule:liked") ?? "[]")).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  test("pressing again while the like is on its way sends nothing more", async () => {
    const comment = makeComment();
    let answer: (reply: Reply) => void = () => {};
    const api = fakeApi({ thread: () => ({ body: makeThread([comment]) }), like: () => new Promise((resolve) => (answer = resolve)) });
    const { root } = await mountThread();
    heart(root, comment.id).click();
    heart(root, comment.id).click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    heart(root, comment.id).click();
    answer({ body: { likes: 1 } });
    await vi.waitFor(() => expect(heart(root, comment.id).getAttribute("aria-pressed")).toBe("true"));
    expect(api.calls.filter((call) => call.url.pathname.endsWith("/like"))).toHaveLength(1);
  });

  test("the button's name gives the count as the language writes numbers", async () => {
    const comment = makeComment({ likes: 1234 });
    fakeApi({ thread: () => ({ body: makeThread([comment]) }) });
    const english = await mountThread();
    expect(heart(english.root, comment.id).getAttribute("aria-label")).toBe("Like (1,234)");
    english.widget.destroy();
    const french = await mountThread({ lang: "fr" });
    expect(heart(french.root, comment.id).getAttribute("aria-label")).toBe("J’aime (1\u202f234)");
  });

  test("when embed-extra.js can't be loaded, a like says the server could not be reached, on that comment", async () => {
    const comment = makeComment();
    const api = fakeApi({ thread: () => ({ body: makeThread([comment]) }) });
    const { root, held, fail } = await mountBeforeExtra();
    heart(root, comment.id).click();
    await vi.waitFor(() => expect(held).toHaveLength(1));
    fail();
    await vi.waitFor(() =>
      expect(article(root, comment.id).querySelector("[role=alert]")?.textContent).toBe(
        "The server could not be reached. Please try again.",
      ),
    );
    expect(heart(root, comment.id).getAttribute("aria-pressed")).toBe("false");
    expect(api.calls.some((call) => call.url.pathname.endsWith("/like"))).toBe(false);
  });

  test("a refused like says why, on the comment", async () => {
    const comment = makeComment();
    fakeApi({
      thread: () => ({ body: makeThread([comment]) }),
      like: () => ({ status: 429, body: apiError("rate_limited", "Too many likes. Wait a minute.") }),
    });
    const { root } = await mountThread();
    heart(root, comment.id).click();
    await vi.waitFor(() =>
      expect(article(root, comment.id).querySelector("[role=alert]")?.textContent).toBe("Too many likes. Wait a minute."),
    );
    expect(heart(root, comment.id).getAttribute("aria-pressed")).toBe("false");
  });
});

describe("the preview tab", () => {
  test("a Preview toggle, and a one-line hint of the formatting, in both languages", async () => {
    fakeApi({ thread: () => ({ body: makeThread([]) }) });
    const english = await mountThread();
    expect(buttonNamed(english.root, "Preview").getAttribute("aria-pressed")).toBe("false");
    expect(english.root.querySelector("form")?.textContent).toContain("**bold**, *italic*, `code`, > quote, links");
    english.widget.destroy();
    const french = await mountThread({ lang: "fr" });
    expect(buttonNamed(french.root, "Aperçu")).toBeTruthy();
    expect(french.root.querySelector("form")?.textContent).toContain("**gras**, *italique*, `code`, > citation, liens");
  });

  test("renders the server's HTML for what was typed (and only that), keeping the text for when it is toggled off", async () => {
    const api = fakeApi({
      thread: () => ({ body: makeThread([]) }),
      preview: () => ({ body: { html: "<p><strong>bold</strong> &lt;img src=x onerror=alert(1)&gt;</p>" } }),
    });
    const { root } = await mountThread();
    const textarea = fieldLabelled<HTMLTextAreaElement>(root, "Comment");
    type(textarea, "**bold** <img src=x onerror=alert(1)>");
    buttonNamed(root, "Preview").click();

    const preview = await vi.waitFor(() => {
      const found = root.querySelector(".bascule-preview");
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(preview.querySelector("strong")?.textContent).toBe("bold");
    expect(preview.querySelector("img")).toBeNull();
    expect(textarea.hidden).toBe(true);
    expect(buttonNamed(root, "Preview").getAttribute("aria-pressed")).toBe("true");
    const call = api.calls.find((c) => c.url.pathname === "/api/v1/preview");
    expect(call?.method).toBe("POST");
    expect(call?.body).toEqual({ body: "**bold** <img src=x onerror=alert(1)>", site: "demo" });

    buttonNamed(root, "Preview").click();
    await vi.waitFor(() => expect(root.querySelector(".bascule-preview")).toBeNull());
    expect(buttonNamed(root, "Preview").getAttribute("aria-pressed")).toBe("false");
    expect(textarea.hidden).toBe(false);
    expect(textarea.value).toBe("**bold** <img src=x onerror=alert(1)>");
  });

  test("an empty box previews as nothing, without asking the server", async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
    const { root } = await mountThread();
    buttonNamed(root, "Preview").click();
    await vi.waitFor(() => expect(root.querySelector(".bascule-preview")).not.toBeNull());
    expect(api.calls.some((call) => call.url.pathname.endsWith("/preview"))).toBe(false);
  });
});
