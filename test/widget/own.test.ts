// Editing and deleting one's own comment (widget/extra/own.tsx), with the edit token the
// widget kept in localStorage when the comment was posted.

import { afterEach, describe, expect, test, vi } from "vitest";
import {
  apiError,
  article,
  buttonNamed,
  cleanup,
  fakeApi,
  headersOf,
  heldTokens,
  hold,
  makeComment,
  makeThread,
  mountThread,
  parentArticleOf,
  type,
} from "./helpers.ts";

afterEach(cleanup);

const MINUTE = 60_000;

const names = (element: Element) => Array.from(element.querySelectorAll("button"), (button) => button.textContent);

describe("one's own comments", () => {
  test("show Edit and Delete while the edit window is open, and only on one's own comments", async () => {
    const mine = makeComment();
    const theirs = makeComment();
    const old = makeComment();
    hold(mine.id);
    hold(old.id, { until: Date.now() - MINUTE });
    fakeApi({ thread: () => ({ body: makeThread([mine, theirs, old]) }) });
    const { root } = await mountThread();

    await vi.waitFor(() => expect(names(article(root, mine.id))).toContain("Edit"));
    expect(names(article(root, mine.id))).toContain("Delete");
    expect(names(article(root, theirs.id))).not.toContain("Edit");
    expect(names(article(root, old.id))).not.toContain("Edit");
  });

  test("the buttons go away when the window closes", async () => {
    const mine = makeComment();
    hold(mine.id, { until: Date.now() + 300 });
    fakeApi({ thread: () => ({ body: makeThread([mine]) }) });
    const { root } = await mountThread();
    await vi.waitFor(() => expect(names(article(root, mine.id))).toContain("Edit"));
    await vi.waitFor(() => expect(names(article(root, mine.id))).not.toContain("Edit"), { timeout: 2000 });
    expect(names(article(root, mine.id))).not.toContain("Delete");
  });

  test("destroy() stops the timer that would take the buttons away later", async () => {
    const mine = makeComment();
    hold(mine.id);
    fakeApi({ thread: () => ({ body: makeThread([mine]) }) });
    const set = vi.spyOn(globalThis, "setTimeout");
    const { root, widget } = await mountThread();
    await vi.waitFor(() => expect(names(article(root, mine.id))).toContain("Edit"));
    // The one set for the edit window's end, ten minutes away.
    const index = set.mock.calls.findIndex(([, ms]) => (ms ?? 0) > 5 * MINUTE);
    expect(index).toBeGreaterThanOrEqual(0);
    const timer = set.mock.results[index]?.value as ReturnType<typeof setTimeout>;
    const clear = vi.spyOn(globalThis, "clearTimeout");
    widget.destroy();
    expect(clear).toHaveBeenCalledWith(timer);
  });

  test("in French: Modifier, Supprimer", async () => {
    const mine = makeComment();
    hold(mine.id);
    fakeApi({ thread: () => ({ body: makeThread([mine]) }) });
    const { root } = await mountThread({ lang: "fr" });
    await vi.waitFor(() => expect(names(article(root, mine.id))).toEqual(expect.arrayContaining(["Modifier", "Supprimer"])));
  });
});

describe("editing", () => {
  test("opens the text as typed in place, PATCHes it with the token, then shows the new HTML marked edited", async () => {
    const mine = makeComment({ html: "<p>Helo</p>" });
    hold(mine.id, { body: "Helo *world*" });
    const api = fakeApi({
      thread: () => ({ body: makeThread([mine]) }),
      edit: ({ body }) => ({
        body: { comment: { ...mine, html: "<p>Hello <em>world</em></p>", editedAt: new Date().toISOString() } },
        status: (body as { body: string }).body === "Hello *world*" ? 200 : 400,
      }),
    });
    const { root } = await mountThread();
    await vi.waitFor(() => buttonNamed(article(root, mine.id), "Edit").click());

    const textarea = await vi.waitFor(() => {
      const found = article(root, mine.id).querySelector("textarea");
      expect(found).not.toBeNull();
      return found as HTMLTextAreaElement;
    });
    expect(textarea.value).toBe("Helo *world*");
    expect(article(root, mine.id).querySelector(".bascule-body:not(.bascule-preview)")).toBeNull();
    await vi.waitFor(() => expect(root.activeElement).toBe(textarea));
    // Only the text: no name, e-mail or website fields in an edit.
    expect(article(root, mine.id).querySelectorAll("input:not([type=hidden])")).toHaveLength(0);

    type(textarea, "Hello *world*");
    buttonNamed(article(root, mine.id), "Save").click();
    await vi.waitFor(() => expect(article(root, mine.id).querySelector(".bascule-body em")?.textContent).toBe("world"));
    expect(article(root, mine.id).querySelector("textarea")).toBeNull();
    expect(article(root, mine.id).querySelector("header")?.textContent).toContain("edited");

    const patch = api.calls.find((call) => call.method === "PATCH");
    expect(patch?.url.pathname).toBe(`/api/v1/comments/${mine.id}`);
    expect(headersOf(patch).authorization).toBe(`Bearer token-${mine.id}`);
    expect(patch?.body).toEqual({ body: "Hello *world*" });
    expect(patch?.init?.credentials).toBe("omit");
    // The next edit starts from the new text.
    expect(heldTokens()[mine.id].body).toBe("Hello *world*");
    await vi.waitFor(() => expect(root.activeElement).toBe(article(root, mine.id)));
  });

  test("any comment the server says was edited is marked so", async () => {
    const edited = makeComment({ editedAt: new Date().toISOString() });
    fakeApi({ thread: () => ({ body: makeThread([edited, makeComment()]) }) });
    const { root } = await mountThread({ lang: "fr" });
    expect(article(root, edited.id).querySelector("header")?.textContent).toContain("modifié");
    expect(root.querySelectorAll("header")[1]?.textContent).not.toContain("modifié");
  });

  test.each([
    [401, "token_invalid", "This edit token is not the one for this comment."],
    [403, "edit_window_over", "Comments can be changed for 15 minutes after posting."],
  ])("a %i from the API is said in the form, and the text is kept", async (status, code, message) => {
    const mine = makeComment();
    hold(mine.id, { body: "First" });
    fakeApi({ thread: () => ({ body: makeThread([mine]) }), edit: () => ({ status, body: apiError(code, message) }) });
    const { root } = await mountThread();
    await vi.waitFor(() => buttonNamed(article(root, mine.id), "Edit").click());
    const textarea = await vi.waitFor(() => article(root, mine.id).querySelector("textarea") as HTMLTextAreaElement);
    type(textarea, "Second");
    buttonNamed(article(root, mine.id), "Save").click();
    await vi.waitFor(() => expect(article(root, mine.id).querySelector("[role=alert]")?.textContent).toBe(message));
    expect(textarea.value).toBe("Second");
  });

  test("Cancel puts the comment back as it was", async () => {
    const mine = makeComment({ html: "<p>As it was</p>" });
    hold(mine.id, { body: "As it was" });
    const api = fakeApi({ thread: () => ({ body: makeThread([mine]) }) });
    const { root } = await mountThread();
    await vi.waitFor(() => buttonNamed(article(root, mine.id), "Edit").click());
    await vi.waitFor(() => buttonNamed(article(root, mine.id), "Cancel").click());
    await vi.waitFor(() => expect(article(root, mine.id).querySelector(".bascule-body")?.textContent).toBe("As it was"));
    expect(api.calls.some((call) => call.method === "PATCH")).toBe(false);
  });
});

describe("deleting", () => {
  async function askToDelete(root: ShadowRoot, id: string) {
    await vi.waitFor(() => buttonNamed(article(root, id), "Delete").click());
    return vi.waitFor(() => buttonNamed(article(root, id), "Yes"));
  }

  test("asks first, inline (no window.confirm); No changes nothing", async () => {
    const confirm = vi.fn(() => true);
    vi.stubGlobal("confirm", confirm);
    const mine = makeComment();
    hold(mine.id);
    const api = fakeApi({ thread: () => ({ body: makeThread([mine]) }) });
    const { root } = await mountThread();
    await askToDelete(root, mine.id);
    expect(article(root, mine.id).querySelector("footer")?.textContent).toContain("Delete?");
    const no = buttonNamed(article(root, mine.id), "No");
    await vi.waitFor(() => expect(root.activeElement).toBe(no));
    no.click();
    await vi.waitFor(() => expect(names(article(root, mine.id))).toContain("Delete"));
    expect(confirm).not.toHaveBeenCalled();
    expect(api.calls.some((call) => call.method === "DELETE")).toBe(false);
  });

  test("Yes DELETEs with the token; a comment without replies goes, the count goes down and the token is forgotten", async () => {
    const before = makeComment();
    const mine = makeComment();
    hold(mine.id);
    const api = fakeApi({ thread: () => ({ body: makeThread([before, mine]) }), remove: () => ({ status: 204, body: null }) });
    const { root } = await mountThread();
    expect(root.querySelector("h2")?.textContent).toBe("2 comments");
    (await askToDelete(root, mine.id)).click();

    await vi.waitFor(() => expect(root.getElementById(`comment-${mine.id}`)).toBeNull());
    expect(root.querySelector("h2")?.textContent).toBe("1 comment");
    const call = api.calls.find((c) => c.method === "DELETE");
    expect(call?.url.pathname).toBe(`/api/v1/comments/${mine.id}`);
    expect(headersOf(call).authorization).toBe(`Bearer token-${mine.id}`);
    expect(heldTokens()[mine.id]).toBeUndefined();
    expect(root.querySelector("[role=status]")?.textContent).toBe("Comment deleted");
  });

  test("a comment with replies becomes a placeholder that keeps them; deleting the last reply then removes both", async () => {
    const mine = makeComment();
    const reply = makeComment({ parentId: mine.id, depth: 1 });
    hold(mine.id);
    hold(reply.id);
    fakeApi({ thread: () => ({ body: makeThread([mine, reply]) }), remove: () => ({ status: 204, body: null }) });
    const { root } = await mountThread();

    (await askToDelete(root, mine.id)).click();
    await vi.waitFor(() => expect(article(root, mine.id).textContent).toBe("Comment deleted"));
    expect(parentArticleOf(root, reply.id)?.id).toBe(`comment-${mine.id}`);

    (await askToDelete(root, reply.id)).click();
    await vi.waitFor(() => expect(root.querySelectorAll("article")).toHaveLength(0));
  });

  test("focus goes to what is left: the placeholder, else the parent, else the comment that took its place, else the one before", async () => {
    const parent = makeComment();
    const reply = makeComment({ parentId: parent.id, depth: 1 });
    const lone = makeComment();
    const next = makeComment();
    const last = makeComment();
    for (const comment of [parent, reply, lone, last]) hold(comment.id);
    fakeApi({ thread: () => ({ body: makeThread([parent, reply, lone, next, last]) }), remove: () => ({ status: 204, body: null }) });
    const { root } = await mountThread();

    (await askToDelete(root, parent.id)).click();
    await vi.waitFor(() => expect(article(root, parent.id).textContent).toBe("Comment deleted"));
    await vi.waitFor(() => expect(root.activeElement).toBe(article(root, parent.id)));

    // The last reply of a placeholder: both go, and the comment after them has focus.
    (await askToDelete(root, reply.id)).click();
    await vi.waitFor(() => expect(root.getElementById(`comment-${parent.id}`)).toBeNull());
    await vi.waitFor(() => expect(root.activeElement).toBe(article(root, lone.id)));

    (await askToDelete(root, lone.id)).click();
    await vi.waitFor(() => expect(root.activeElement).toBe(article(root, next.id)));

    (await askToDelete(root, last.id)).click();
    await vi.waitFor(() => expect(root.activeElement).toBe(article(root, next.id)));
    expect(root.querySelectorAll("article")).toHaveLength(1);
  });

  test("deleting a reply puts focus on the comment it answered", async () => {
    const parent = makeComment();
    const reply = makeComment({ parentId: parent.id, depth: 1 });
    hold(reply.id);
    fakeApi({ thread: () => ({ body: makeThread([parent, reply, makeComment()]) }), remove: () => ({ status: 204, body: null }) });
    const { root } = await mountThread();
    (await askToDelete(root, reply.id)).click();
    await vi.waitFor(() => expect(root.getElementById(`comment-${reply.id}`)).toBeNull());
    await vi.waitFor(() => expect(root.activeElement).toBe(article(root, parent.id)));
  });

  test("a refusal from the API is said on the comment, which stays, with focus", async () => {
    const mine = makeComment();
    hold(mine.id);
    fakeApi({
      thread: () => ({ body: makeThread([mine]) }),
      remove: () => ({ status: 403, body: apiError("edit_window_over", "Comments can be changed for 15 minutes after posting.") }),
    });
    const { root } = await mountThread();
    (await askToDelete(root, mine.id)).click();
    await vi.waitFor(() =>
      expect(article(root, mine.id).querySelector("[role=alert]")?.textContent).toBe(
        "Comments can be changed for 15 minutes after posting.",
      ),
    );
    await vi.waitFor(() => expect(root.activeElement).toBe(article(root, mine.id)));
  });
});
