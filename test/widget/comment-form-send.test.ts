import { afterEach, describe, expect, test, vi } from "vitest";
import { CommentForm } from "../../widget/components/comment-form.tsx";
// What the API answers, and what the widget keeps:
import { apiError, cleanup, created, fakeApi, heldTokens, hold, makeComment, makeThread } from "./helpers.ts";
// What the reader does on the page:
import { buttonNamed, fieldLabelled, fill, mountBeforeExtra, mountThread, type } from "./helpers.ts";

afterEach(cleanup);

// Posting, continued from comment-form.test.ts: errors, a comment on its way, and what is remembered after.
describe("posting", () => {
  test("a field error from the API is shown on that field", async () => {
    fakeApi({
      thread: () => ({ body: makeThread([]) }),
      post: () => ({ status: 400, body: apiError("email_invalid", "email is not a valid e-mail address.", "author.email") }),
    });
    const { root } = await mountThread();
    fill(root, { name: "Ann", email: "ann@example", body: "Hello" });
    buttonNamed(root, "Post comment").click();

    const email = fieldLabelled(root, "E-mail (optional, never shown)");
    await vi.waitFor(() => expect(email.getAttribute("aria-invalid")).toBe("true"));
    const message = root.getElementById(email.getAttribute("aria-describedby") ?? "");
    expect(message?.textContent).toBe("email is not a valid e-mail address.");
    expect(fieldLabelled(root, "Name").getAttribute("aria-invalid")).toBeNull();
    expect(root.querySelector("[role=alert]")).toBeNull();
    await vi.waitFor(() => expect(root.activeElement).toBe(email));
    // What the reader typed is kept.
    expect(fieldLabelled<HTMLTextAreaElement>(root, "Comment").value).toBe("Hello");
  });

  test("an error without a field is shown at the top of the form", async () => {
    fakeApi({
      thread: () => ({ body: makeThread([]) }),
      post: () => ({ status: 429, body: apiError("rate_limited", "Slow down a little.") }),
    });
    const { root } = await mountThread();
    fill(root, { name: "Ann", body: "Hello" });
    buttonNamed(root, "Post comment").click();
    const alert = await vi.waitFor(() => {
      const found = root.querySelector(".bascule-form [role=alert]");
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(alert.textContent).toBe("Slow down a little.");
    expect(alert.parentElement?.querySelector("h3")?.nextElementSibling).toBe(alert);
  });

  test("a network failure gets a readable message", async () => {
    fakeApi({ thread: () => ({ body: makeThread([]) }) });
    const { root } = await mountThread();
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
    );
    fill(root, { name: "Ann", body: "Hello" });
    buttonNamed(root, "Post comment").click();
    await vi.waitFor(() => expect(root.querySelector("[role=alert]")?.textContent).toMatch(/could not be reached/));
  });

  test("two clicks on Post while embed-extra.js is still loading send one comment", async () => {
    const mine = makeComment();
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }), post: () => ({ status: 201, body: created(mine) }) });
    const { root, held, arrive } = await mountBeforeExtra();
    fill(root, { name: "Ann", body: "Hello" });
    buttonNamed(root, "Post comment").click();
    buttonNamed(root, "Post comment").click();
    await vi.waitFor(() => expect(held).toHaveLength(1));
    await arrive();
    await vi.waitFor(() => expect(root.getElementById(`comment-${mine.id}`)).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.calls.filter((call) => call.method === "POST")).toHaveLength(1);
    expect(root.querySelector("[role=alert]")).toBeNull();
  });

  test.each(["a reply", "an edit"])("%s closes its form as it is sent, and nothing is done to the form once it is gone", async (what) => {
    const parent = makeComment({ author: { name: "Ann", website: null, avatar: null } });
    const mine = makeComment({ parentId: parent.id, depth: 1 });
    hold(parent.id, { body: "Before" });
    fakeApi({
      thread: () => ({ body: makeThread([parent]) }),
      post: () => ({ status: 201, body: created(mine) }),
      edit: () => ({ body: { comment: { ...parent, html: "<p>After</p>", editedAt: new Date().toISOString() } } }),
    });
    const { root } = await mountThread();
    // Every state a form is given, and the body it had then: an error set on a form already
    // gone (a TypeError, swallowed) would show here.
    const states = vi.spyOn(CommentForm.prototype, "setState");
    await vi.waitFor(() => buttonNamed(root, what === "a reply" ? "Reply to Ann" : "Edit").click());
    const form = await vi.waitFor(() => {
      const found = root.querySelector(".bascule-reply-form");
      expect(found).not.toBeNull();
      return found as HTMLFormElement;
    });
    if (what === "a reply") fill(form, { name: "Me", body: "Agreed" });
    else type(form.querySelector("textarea") as HTMLTextAreaElement, "After");
    buttonNamed(form, what === "a reply" ? "Post comment" : "Save").click();
    await vi.waitFor(() => expect(root.querySelector(".bascule-reply-form")).toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 20));
    const errors = states.mock.calls.map(([state]) => (state as { errors?: object }).errors ?? {});
    expect(errors.filter((value) => Object.keys(value).length)).toEqual([]);
  });

  test("the submit button is disabled while sending", async () => {
    let answer: (reply: { status: number; body: unknown }) => void = () => {};
    const mine = makeComment();
    fakeApi({
      thread: () => ({ body: makeThread([]) }),
      post: () => new Promise((resolve) => (answer = resolve)),
    });
    const { root } = await mountThread();
    fill(root, { name: "Ann", body: "Hello" });
    const submit = buttonNamed(root, "Post comment");
    submit.click();
    await vi.waitFor(() => expect(submit.disabled).toBe(true));
    expect(submit.textContent).toBe("Sending…");
    answer({ status: 201, body: created(mine) });
    await vi.waitFor(() => expect(submit.disabled).toBe(false));
    expect(submit.textContent).toBe("Post comment");
  });

  test("remembers the author and the edit token in localStorage, and pre-fills the next form", async () => {
    const mine = makeComment();
    fakeApi({
      thread: () => ({ body: makeThread([]) }),
      post: () => ({ status: 201, body: created(mine) }),
    });
    const first = await mountThread();
    fill(first.root, { name: "Ann", email: "ann@example.org", website: "https://ann.example", body: "Hello" });
    buttonNamed(first.root, "Post comment").click();
    await vi.waitFor(() => expect(first.root.getElementById(`comment-${mine.id}`)).not.toBeNull());

    const tokens = heldTokens();
    expect(tokens[mine.id]?.token).toBe(`token-${mine.id}`);
    // The text as typed, to edit from (the API only returns HTML).
    expect(tokens[mine.id]?.body).toBe("Hello");
    expect(Date.parse(tokens[mine.id]?.until)).toBeGreaterThan(Date.now());
    expect(document.cookie).toBe("");

    first.widget.destroy();
    const second = await mountThread();
    expect(fieldLabelled(second.root, "Name").value).toBe("Ann");
    expect(fieldLabelled(second.root, "E-mail (optional, never shown)").value).toBe("ann@example.org");
    expect(fieldLabelled(second.root, "Website (optional)").value).toBe("https://ann.example");
    expect(fieldLabelled<HTMLTextAreaElement>(second.root, "Comment").value).toBe("");
  });

  test("blocked storage doesn't stop anyone from commenting", async () => {
    vi.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
      throw new DOMException("denied", "SecurityError");
    });
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("denied", "QuotaExceededError");
    });
    const mine = makeComment();
    fakeApi({
      thread: () => ({ body: makeThread([]) }),
      post: () => ({ status: 201, body: created(mine) }),
    });
    const { root } = await mountThread();
    expect(fieldLabelled(root, "Name").value).toBe("");
    fill(root, { name: "Ann", body: "Hello" });
    buttonNamed(root, "Post comment").click();
    await vi.waitFor(() => expect(root.getElementById(`comment-${mine.id}`)).not.toBeNull());
  });
});
