import { afterEach, describe, expect, test, vi } from "vitest";
import { apiError, buttonNamed, cleanup, created, fakeApi, fill, makeComment, makeThread, mountThread } from "./helpers.ts";

afterEach(cleanup);

/** The <select> inside the label that starts with `text`. */
const sortSelect = (root: ShadowRoot, text: string) => {
  const select = root.querySelector<HTMLSelectElement>("label > select");
  expect(select?.parentElement?.firstChild?.textContent).toBe(text);
  return select as HTMLSelectElement;
};

describe("sorting", () => {
  const two = () => [makeComment(), makeComment()];

  test("'Sort by' offers oldest, newest and top; a change reads the first page again in that order and is remembered", async () => {
    const newest = two().reverse();
    const api = fakeApi({
      thread: ({ url }) => ({ body: makeThread(url.searchParams.get("sort") === "newest" ? newest : two(), { nextCursor: "next" }) }),
    });
    const { root } = await mountThread();
    const select = sortSelect(root, "Sort by");
    expect(Array.from(select.options, (option) => [option.value, option.textContent])).toEqual([
      ["oldest", "Oldest"],
      ["newest", "Newest"],
      ["top", "Top"],
    ]);
    expect(select.value).toBe("oldest");

    select.value = "newest";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => expect(root.querySelector("article")?.id).toBe(`comment-${newest[0]?.id}`));
    const read = api.calls.at(-1)?.url.searchParams;
    expect(read?.get("sort")).toBe("newest");
    expect(read?.has("cursor")).toBe(false);
    expect(root.querySelectorAll("article")).toHaveLength(2);
    expect(localStorage.getItem("bascule:sort")).toBe('"newest"');

    // "Load more" keeps the order.
    buttonNamed(root, "Load more comments").click();
    await vi.waitFor(() => expect(api.calls).toHaveLength(3));
    expect(api.calls[2]?.url.searchParams.get("sort")).toBe("newest");
    expect(api.calls[2]?.url.searchParams.get("cursor")).toBe("next");
  });

  test("the remembered order is used from the first read, in French too", async () => {
    localStorage.setItem("bascule:sort", '"top"');
    const api = fakeApi({ thread: () => ({ body: makeThread([makeComment(), makeComment()]) }) });
    const { root } = await mountThread({ lang: "fr" });
    expect(api.calls[0]?.url.searchParams.get("sort")).toBe("top");
    expect(sortSelect(root, "Trier par").value).toBe("top");
  });

  test("an answer for an order the reader has since left is dropped", async () => {
    const slow: Array<() => void> = [];
    const oldest = makeComment();
    const top = makeComment();
    const other = makeComment();
    fakeApi({
      thread: ({ url }) => {
        const sort = url.searchParams.get("sort");
        if (sort === "newest") return new Promise((resolve) => slow.push(() => resolve({ body: makeThread([other, oldest]) })));
        return { body: makeThread(sort === "top" ? [top, oldest] : [oldest, top]) };
      },
    });
    const { root } = await mountThread();
    await crossReads(root, slow, top.id);
    expect(root.querySelector("article")?.id).toBe(`comment-${top.id}`);
  });
});

/**
 * Sorts by newest (its read held back in `slow`), then by top; once the top read shows,
 * lets the older read finish late.
 */
async function crossReads(root: ShadowRoot, slow: Array<() => void>, topId: string): Promise<void> {
  const select = sortSelect(root, "Sort by");
  select.value = "newest";
  select.dispatchEvent(new Event("change", { bubbles: true }));
  await vi.waitFor(() => expect(slow).toHaveLength(1));
  select.value = "top";
  select.dispatchEvent(new Event("change", { bubbles: true }));
  await vi.waitFor(() => expect(root.querySelector("article")?.id).toBe(`comment-${topId}`));
  slow[0]?.();
  await new Promise((resolve) => setTimeout(resolve, 30));
}

describe("reads that cross", () => {
  test("a read that fails after a newer one succeeded says nothing: the newer comments stand", async () => {
    const slow: Array<() => void> = [];
    const first = makeComment();
    const top = makeComment();
    vi.spyOn(console, "error").mockImplementation(() => {});
    fakeApi({
      thread: ({ url }) => {
        const sort = url.searchParams.get("sort");
        if (sort === "newest")
          return new Promise((resolve) => slow.push(() => resolve({ status: 503, body: apiError("unavailable", "Try later.") })));
        return { body: makeThread(sort === "top" ? [top, first] : [first, top]) };
      },
    });
    const { root } = await mountThread();
    await crossReads(root, slow, top.id);
    expect(root.querySelector("[role=alert]")).toBeNull();
    expect(root.querySelector("section")?.getAttribute("aria-busy")).toBe("false");
    expect(root.querySelector("article")?.id).toBe(`comment-${top.id}`);
  });
});

describe("paging", () => {
  test("data-limit sets how many top-level comments a page holds", async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
    await mountThread({ limit: 7 });
    expect(api.calls[0]?.url.searchParams.get("limit")).toBe("7");
  });

  test("the reader's new comment is shown at once and not again when a later page brings it", async () => {
    const first = makeComment();
    const later = makeComment();
    const mine = makeComment();
    fakeApi({
      thread: ({ url }) =>
        url.searchParams.get("cursor") ? { body: makeThread([later, mine]) } : { body: makeThread([first], { nextCursor: "c2" }) },
      post: () => ({ status: 201, body: created(mine) }),
    });
    const { root } = await mountThread();
    fill(root, { name: "Me", body: "Mine" });
    buttonNamed(root, "Post comment").click();
    await vi.waitFor(() => expect(root.getElementById(`comment-${mine.id}`)).not.toBeNull());

    buttonNamed(root, "Load more comments").click();
    await vi.waitFor(() => expect(root.getElementById(`comment-${later.id}`)).not.toBeNull());
    expect(Array.from(root.querySelectorAll("article"), (el) => el.id.slice(8))).toEqual([first.id, mine.id, later.id]);
  });

  test("sorted newest first, the reader's new comment goes on top", async () => {
    localStorage.setItem("bascule:sort", '"newest"');
    const old = makeComment();
    const mine = makeComment();
    fakeApi({ thread: () => ({ body: makeThread([old]) }), post: () => ({ status: 201, body: created(mine) }) });
    const { root } = await mountThread();
    fill(root, { name: "Me", body: "Mine" });
    buttonNamed(root, "Post comment").click();
    await vi.waitFor(() => expect(root.querySelector("article")?.id).toBe(`comment-${mine.id}`));
  });
});
