import { afterEach, describe, expect, test, vi } from "vitest";
import { PAGE, article, cleanup, fakeApi, happyDOM, makeComment, makeThread, mountThread } from "./helpers.ts";

afterEach(cleanup);

describe("permalinks", () => {
  /** Opens the page at `hash`. happy-dom fires hashchange for it a moment later (a browser wouldn't): let that pass first. */
  async function openAt(hash: string) {
    happyDOM.setURL(`${PAGE}${hash}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  function scrolled() {
    const spy = vi.fn();
    vi.spyOn(HTMLElement.prototype, "scrollIntoView").mockImplementation(function (this: HTMLElement) {
      spy(this.id);
    });
    return spy;
  }

  test("#comment-<id> on the first page: scrolled to, focused and highlighted", async () => {
    const a = makeComment();
    const b = makeComment();
    await openAt(`#comment-${b.id}`);
    const scroll = scrolled();
    fakeApi({ thread: () => ({ body: makeThread([a, b]) }) });
    const { root } = await mountThread();
    await vi.waitFor(() => expect(article(root, b.id).classList.contains("bascule-target")).toBe(true));
    expect(article(root, a.id).classList.contains("bascule-target")).toBe(false);
    expect(scroll).toHaveBeenCalledWith(`comment-${b.id}`);
    expect(root.activeElement).toBe(article(root, b.id));
  });

  test("a comment on a later page: pages are loaded until it is there", async () => {
    const pages = [0, 1, 2, 3].map(() => [makeComment(), makeComment()]);
    const target = pages[3]![1]!;
    await openAt(`#comment-${target.id}`);
    const scroll = scrolled();
    const api = fakeApi({
      thread: ({ url }) => {
        const index = Number(url.searchParams.get("cursor") ?? 0);
        return { body: makeThread(pages[index]!, { nextCursor: index < 3 ? String(index + 1) : null }) };
      },
    });
    const { root } = await mountThread();
    await vi.waitFor(() => expect(article(root, target.id).classList.contains("bascule-target")).toBe(true));
    expect(api.calls.map((call) => call.url.searchParams.get("cursor"))).toEqual([null, "1", "2", "3"]);
    expect(scroll).toHaveBeenLastCalledWith(`comment-${target.id}`);
    expect(root.activeElement).toBe(article(root, target.id));
    expect(root.querySelectorAll("article")).toHaveLength(8);
  });

  test("one that is nowhere: at most 20 more pages, then nothing more happens", async () => {
    await openAt("#comment-missing");
    let page = 0;
    const api = fakeApi({ thread: () => ({ body: makeThread([makeComment()], { nextCursor: `p${++page}` }) }) });
    const { root } = await mountThread();
    await vi.waitFor(() => expect(api.calls).toHaveLength(21));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.calls).toHaveLength(21);
    expect(root.querySelector(".bascule-target")).toBeNull();
    expect(root.querySelector("[role=alert]")).toBeNull();
  });

  test("a hashchange (the 'in reply to' link, the time link) moves the highlight", async () => {
    const a = makeComment();
    const b = makeComment();
    await openAt("");
    scrolled();
    fakeApi({ thread: () => ({ body: makeThread([a, b]) }) });
    const { root } = await mountThread();
    expect(root.querySelector(".bascule-target")).toBeNull();
    expect(article(root, a.id).querySelector("time")?.closest("a")?.getAttribute("href")).toBe(`#comment-${a.id}`);
    location.hash = `#comment-${a.id}`;
    window.dispatchEvent(new Event("hashchange"));
    await vi.waitFor(() => expect(article(root, a.id).classList.contains("bascule-target")).toBe(true));
  });
});
