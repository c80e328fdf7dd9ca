import { afterEach, describe, expect, test, vi } from "vitest";
import type { PublicComment } from "../../worker/api-types.ts";
import { buildTree } from "../../widget/tree.ts";
import { article, buttonNamed, cleanup, fakeApi, makeComment, makeThread, mountThread } from "./helpers.ts";

// Issue 10, items 1 and 2: any depth renders (indentation, and nesting, stop at the display
// depth), and a top-level comment whose replies didn't all come offers the rest.

afterEach(cleanup);

/** A chain `depth` replies long under one top-level comment. */
function chain(depth: number): PublicComment[] {
  const comments = [makeComment()];
  for (let level = 1; level <= depth; level++) comments.push(makeComment({ parentId: comments.at(-1)!.id, depth: level }));
  return comments;
}

/** How many lists deep the comment sits. */
function nesting(element: Element): number {
  let lists = 0;
  for (let at = element.closest("ol"); at; at = at.parentElement?.closest("ol") ?? null) lists++;
  return lists;
}

describe("a deep reply chain", () => {
  test("2,500 levels render, flat below the display depth, with the other comments", async () => {
    const deep = chain(2500);
    const other = makeComment();
    fakeApi({ thread: () => ({ body: makeThread([...deep, other]) }) });
    const { root } = await mountThread();
    expect(root.querySelectorAll("article")).toHaveLength(2502);
    article(root, other.id);
    // Lists 0–6 nest; everything deeper is one flat list under the depth-6 reply.
    const last = deep.at(-1)!;
    expect(nesting(article(root, last.id))).toBe(6 + 2);
    expect(article(root, last.id).closest("ol")?.classList.contains("bascule-flat")).toBe(true);
    expect(article(root, last.id).querySelector(`a[href="#comment-${last.parentId}"]`)?.textContent).toBe("in reply to Alice");
  }, 60_000);

  test("buildTree nests no deeper than the display depth, in the list's order", () => {
    const deep = chain(10);
    const tree = buildTree(deep, 2);
    // Levels 0, 1 and 2 nest; the replies below deep[2] are one list, each with its own parent.
    const flat = tree[0]!.replies[0]!.replies[0]!.replies;
    expect(flat.map((node) => node.comment.id)).toEqual(deep.slice(3).map((comment) => comment.id));
    expect(flat.every((node) => node.replies.length === 0)).toBe(true);
    expect(flat.map((node) => node.parent?.id)).toEqual(deep.slice(2, -1).map((comment) => comment.id));
  });
});

describe("show more replies", () => {
  test("reads the next replies of the top-level comment and shows them after those shown, until none are left", async () => {
    const top = makeComment({ moreReplies: { count: 3, cursor: "first" } });
    const shown = makeComment({ parentId: top.id, depth: 1 });
    const later = makeComment();
    const next = [makeComment({ parentId: top.id, depth: 1 }), makeComment({ parentId: top.id, depth: 1 })];
    const last = makeComment({ parentId: next[0]!.id, depth: 2 });
    const api = fakeApi({
      thread: ({ url }) => {
        const cursor = url.searchParams.get("cursor");
        if (!url.searchParams.has("parentId")) return { body: makeThread([top, shown, later]) };
        return { body: cursor === "first" ? makeThread(next, { nextCursor: "second" }) : makeThread([last]) };
      },
    });
    const { root } = await mountThread();
    // The button comes with embed-extra.js, fetched as the page shows such a comment.
    (await vi.waitFor(() => buttonNamed(root, "Show 3 more replies"))).click();
    await vi.waitFor(() => article(root, next[1]!.id));
    const query = Object.fromEntries(api.calls.at(-1)!.url.searchParams);
    expect(query).toMatchObject({ site: "demo", parentId: top.id, cursor: "first" });
    const order = () => Array.from(root.querySelectorAll("article"), (element) => element.id.slice("comment-".length));
    expect(order()).toEqual([top.id, shown.id, next[0]!.id, next[1]!.id, later.id]);

    buttonNamed(root, "Show 1 more reply").click();
    await vi.waitFor(() => article(root, last.id));
    expect(order()).toEqual([top.id, shown.id, next[0]!.id, last.id, next[1]!.id, later.id]);
    expect(root.querySelector("li button:not([aria-label]):not([aria-expanded])")).toBeNull();
  });
});
