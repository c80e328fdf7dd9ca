import { describe, expect, test } from "vitest";
import { appendPage, buildTree, insertComment, removeComment } from "../../widget/tree.ts";
import { makeComment } from "./helpers.ts";

describe("buildTree", () => {
  test("nests a display-ordered list by parentId", () => {
    const a = makeComment();
    const b = makeComment({ parentId: a.id, depth: 1 });
    const c = makeComment({ parentId: b.id, depth: 2 });
    const d = makeComment({ parentId: a.id, depth: 1 });
    const e = makeComment();
    const tree = buildTree([a, b, c, d, e]);
    const shape = (nodes: ReturnType<typeof buildTree>): unknown => nodes.map((node) => [node.comment.id, shape(node.replies)]);
    expect(shape(tree)).toEqual([
      [
        a.id,
        [
          [b.id, [[c.id, []]]],
          [d.id, []],
        ],
      ],
      [e.id, []],
    ]);
  });

  test("a reply whose parent is not in the list is shown at the top level rather than lost", () => {
    const orphan = makeComment({ parentId: "missing", depth: 1 });
    expect(buildTree([orphan]).map((node) => node.comment.id)).toEqual([orphan.id]);
  });
});

describe("insertComment", () => {
  const a = makeComment();
  const a1 = makeComment({ parentId: a.id, depth: 1 });
  const a1x = makeComment({ parentId: a1.id, depth: 2 });
  const b = makeComment();
  const list = [a, a1, a1x, b];
  const ids = (comments: { id: string }[]) => comments.map((comment) => comment.id);

  test("a top-level comment goes last", () => {
    const mine = makeComment();
    expect(ids(insertComment(list, mine))).toEqual([a.id, a1.id, a1x.id, b.id, mine.id]);
  });

  test("a reply goes right after its parent's whole subtree", () => {
    const mine = makeComment({ parentId: a.id, depth: 1 });
    expect(ids(insertComment(list, mine))).toEqual([a.id, a1.id, a1x.id, mine.id, b.id]);
    const deep = makeComment({ parentId: a1x.id, depth: 3 });
    expect(ids(insertComment(list, deep))).toEqual([a.id, a1.id, a1x.id, deep.id, b.id]);
    const last = makeComment({ parentId: b.id, depth: 1 });
    expect(ids(insertComment(list, last))).toEqual([a.id, a1.id, a1x.id, b.id, last.id]);
  });

  test("appendPage skips comments already shown", () => {
    const next = makeComment();
    expect(ids(appendPage(list, [b, next]))).toEqual([a.id, a1.id, a1x.id, b.id, next.id]);
  });
});

describe("removeComment (the server's rule for a deleted comment)", () => {
  const ids = (comments: { id: string; deleted: boolean }[]) =>
    comments.map((comment) => (comment.deleted ? `(${comment.id})` : comment.id));

  test("a leaf goes; a comment with replies stays as a placeholder without author or text", () => {
    const a = makeComment();
    const a1 = makeComment({ parentId: a.id, depth: 1 });
    expect(ids(removeComment([a, a1], a1.id))).toEqual([a.id]);
    const kept = removeComment([a, a1], a.id);
    expect(ids(kept)).toEqual([`(${a.id})`, a1.id]);
    expect(kept[0]).toMatchObject({ author: null, html: "" });
  });

  test("every placeholder left without replies goes too, up the chain", () => {
    const a = makeComment({ deleted: true, author: null, html: "" });
    const b = makeComment({ parentId: a.id, depth: 1, deleted: true, author: null, html: "" });
    const c = makeComment({ parentId: b.id, depth: 2 });
    const other = makeComment();
    expect(ids(removeComment([a, b, c, other], c.id))).toEqual([other.id]);
    const sibling = makeComment({ parentId: a.id, depth: 1 });
    expect(ids(removeComment([a, b, c, sibling], c.id))).toEqual([`(${a.id})`, sibling.id]);
  });
});
