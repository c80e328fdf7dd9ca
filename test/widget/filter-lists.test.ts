// Ad blockers hide elements whose names pair comments with "like", "share", "social",
// "ad"… Their cosmetic filters can't reach into our shadow root today, but the names
// we choose shouldn't depend on that: this renders every part of the widget, copies it
// into the page itself, and checks it against the generic element-hiding filters of the
// lists uBlock Origin uses (../shared/fixtures/filter-lists).

import { readdirSync, readFileSync } from "node:fs";
import { afterEach, expect, test, vi } from "vitest";
import type { PublicComment } from "../../worker/api-types.ts";
import { article, buttonNamed, cleanup, fakeApi, hold, makeComment, makeThread, mountThread } from "./helpers.ts";

afterEach(cleanup);

/** From the repository's root, where vitest runs: ../shared beside it, as for the end-to-end tests. */
const LISTS = "../shared/fixtures/filter-lists/";

/** `##selector` lines (every site), without uBO's procedural and scriptlet filters. */
function genericSelectors(): Map<string, string> {
  const selectors = new Map<string, string>();
  for (const file of readdirSync(LISTS).filter((name) => name.endsWith(".txt"))) {
    for (const line of readFileSync(LISTS + file, "utf8").split("\n")) {
      if (!line.startsWith("##") || line.startsWith("##+") || line.startsWith("##^")) continue;
      const selector = line.slice(2).trim();
      if (/:(has-text|matches-|xpath|upward|remove|style|min-text-length|watch-attr|others)\b/.test(selector)) continue;
      selectors.set(selector, file);
    }
  }
  return selectors;
}

test("no generic cosmetic filter of the default lists matches any element of the widget", async () => {
  vi.stubGlobal("turnstile", { render: () => "w", reset() {}, remove() {} });
  const day = 86400_000;
  const mine = makeComment({ likes: 3, editedAt: new Date().toISOString() });
  const held = makeComment({ status: "pending" });
  const gone = makeComment({ deleted: true, author: null, html: "" });
  const deep: PublicComment[] = [makeComment({ parentId: gone.id, depth: 1 })];
  deep.push(
    makeComment({
      parentId: deep[0]!.id,
      depth: 2,
      author: { name: "Site owner", website: "https://owner.example/", avatar: null },
      byOwner: true,
    }),
  );
  hold(mine.id, { until: Date.now() + day });
  hold(held.id, { until: Date.now() - day });
  localStorage.setItem("bascule:liked", JSON.stringify([mine.id]));
  fakeApi({
    thread: () => ({
      body: makeThread([mine, held, gone, ...deep], {
        nextCursor: "more",
        site: { locale: "en", displayDepth: 1, editWindowMinutes: 15 },
        form: { token: "f", turnstileSiteKey: "key" },
      }),
    }),
    preview: () => ({ body: { html: "<p>preview</p>" } }),
  });
  const { root, host } = await mountThread();
  // Every state a comment can be in: a reply form with its preview, then the delete question.
  buttonNamed(root, `Reply to ${mine.author?.name}`).click();
  const replyForm = await vi.waitFor(() => {
    const form = root.querySelector<HTMLElement>(".bascule-reply-form");
    expect(form).not.toBeNull();
    return form as HTMLElement;
  });
  buttonNamed(replyForm, "Preview").click();
  await vi.waitFor(() => expect(root.querySelector(".bascule-preview")).not.toBeNull());
  const withReplyForm = root.innerHTML;
  buttonNamed(article(root, mine.id), "Delete").click();
  await vi.waitFor(() => buttonNamed(article(root, mine.id), "Yes"));
  article(root, mine.id).classList.add("bascule-target");

  // The same markup in the page itself, where element hiding applies.
  const copy = document.createElement("div");
  copy.id = "bascule-comments";
  copy.innerHTML = withReplyForm + root.innerHTML;
  copy.append(...Array.from(host.children, (child) => child.cloneNode(true)));
  const count = Object.assign(document.createElement("span"), { textContent: "3 comments" });
  count.dataset.basculeCount = "";
  document.body.replaceChildren(copy, count);
  expect(copy.querySelectorAll("article").length).toBeGreaterThan(4);
  expect(copy.querySelector("[slot=turnstile]")).not.toBeNull();

  const selectors = genericSelectors();
  expect(selectors.size).toBeGreaterThan(20_000);
  const hits: string[] = [];
  for (const [selector, file] of selectors) {
    let found: Element | null = null;
    try {
      found = document.body.querySelector(selector);
    } catch {
      continue; // not CSS happy-dom understands (uBO extensions)
    }
    if (found) hits.push(`${file}: ##${selector} hides <${found.localName} class="${found.getAttribute("class") ?? ""}">`);
  }
  expect(hits).toEqual([]);
}, 60_000);
