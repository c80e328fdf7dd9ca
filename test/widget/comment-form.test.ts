import { afterEach, describe, expect, test, vi } from "vitest";
import {
  LABELS,
  PAGE,
  article,
  buttonNamed,
  cleanup,
  created,
  fakeApi,
  fieldLabelled,
  fill,
  happyDOM,
  makeComment,
  makeThread,
  mountThread,
  parentArticleOf,
  postedBody,
  type,
} from "./helpers.ts";

afterEach(cleanup);

describe("replying", () => {
  test("Reply opens a form right under that comment and puts focus in its text area", async () => {
    const a = makeComment({ author: { name: "Ann", website: null, avatar: null } });
    const b = makeComment({ author: { name: "Bob", website: null, avatar: null } });
    const c = makeComment({ parentId: b.id, depth: 1 });
    fakeApi({ thread: () => ({ body: makeThread([a, b, c]) }) });
    const { root } = await mountThread();

    const button = buttonNamed(root, "Reply to Bob");
    expect(button.textContent).toBe("Reply");
    button.click();
    const form = await vi.waitFor(() => {
      const next = article(root, b.id).nextElementSibling;
      expect(next?.tagName).toBe("FORM");
      return next as HTMLFormElement;
    });
    expect(root.querySelectorAll("form")).toHaveLength(2);
    expect(form.getAttribute("aria-labelledby")).toBeTruthy();
    expect(root.getElementById(form.getAttribute("aria-labelledby") ?? "")?.textContent).toBe("Reply to Bob");
    expect(button.getAttribute("aria-expanded")).toBe("true");
    await vi.waitFor(() => expect(root.activeElement).toBe(form.querySelector("textarea")));
    // Its replies still come after the form.
    expect(form.nextElementSibling?.querySelector(`#comment-${c.id}`)).not.toBeNull();
  });

  test("Escape closes the reply form and gives focus back to the Reply button", async () => {
    const a = makeComment({ author: { name: "Ann", website: null, avatar: null } });
    fakeApi({ thread: () => ({ body: makeThread([a]) }) });
    const { root } = await mountThread();
    buttonNamed(root, "Reply to Ann").click();
    const textarea = await vi.waitFor(() => {
      const found = article(root, a.id).parentElement?.querySelector(".bascule-reply-form textarea");
      expect(found).toBeTruthy();
      return found as HTMLTextAreaElement;
    });
    textarea.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await vi.waitFor(() => expect(root.querySelectorAll("form")).toHaveLength(1));
    expect(root.activeElement).toBe(buttonNamed(root, "Reply to Ann"));
  });

  test("Escape while an input method is composing is the composition's, and leaves the form open", async () => {
    const a = makeComment({ author: { name: "Ann", website: null, avatar: null } });
    fakeApi({ thread: () => ({ body: makeThread([a]) }) });
    const { root } = await mountThread();
    buttonNamed(root, "Reply to Ann").click();
    const textarea = await vi.waitFor(() => {
      const found = root.querySelector(".bascule-reply-form textarea");
      expect(found).not.toBeNull();
      return found as HTMLTextAreaElement;
    });
    textarea.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", isComposing: true, bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(root.querySelectorAll("form")).toHaveLength(2);
    textarea.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await vi.waitFor(() => expect(root.querySelectorAll("form")).toHaveLength(1));
  });

  test("Cancel closes the reply form too", async () => {
    const a = makeComment({ author: { name: "Ann", website: null, avatar: null } });
    fakeApi({ thread: () => ({ body: makeThread([a]) }) });
    const { root } = await mountThread({ lang: "fr" });
    buttonNamed(root, "Répondre à Ann").click();
    await vi.waitFor(() => expect(root.querySelectorAll("form")).toHaveLength(2));
    buttonNamed(root, "Annuler").click();
    await vi.waitFor(() => expect(root.querySelectorAll("form")).toHaveLength(1));
  });
});

describe("posting", () => {
  test("a published comment appears at once at the end, and the count goes up", async () => {
    happyDOM.setURL(`${PAGE}?ref=feed#comments`);
    document.title = "Hello, world";
    const existing = makeComment();
    const reply = makeComment({ parentId: existing.id, depth: 1 });
    const mine = makeComment({ author: { name: "Zoé", website: "https://zoe.example/", avatar: null }, html: "<p>Mine</p>" });
    const thread = makeThread([existing, reply]);
    const api = fakeApi({
      thread: () => ({ body: thread }),
      post: () => ({ status: 201, body: created(mine) }),
    });
    const { root } = await mountThread();
    fill(root, { name: " Zoé ", email: "zoe@example.org", website: "zoe.example", body: "Mine" });
    buttonNamed(root, "Post comment").click();

    await vi.waitFor(() => expect(root.getElementById(`comment-${mine.id}`)).not.toBeNull());
    const topLevel = Array.from(root.querySelectorAll(".bascule-list > li > article"), (el) => el.id);
    expect(topLevel).toEqual([`comment-${existing.id}`, `comment-${mine.id}`]);
    expect(root.querySelector("h2")?.textContent).toBe("3 comments");
    expect(article(root, mine.id).textContent).not.toContain("Awaiting moderation");
    expect(fieldLabelled<HTMLTextAreaElement>(root, "Comment").value).toBe("");
    expect(root.querySelector("[role=status]")?.textContent).toBe("Your comment has been published.");

    const post = api.calls.find((call) => call.method === "POST");
    expect(post?.url.pathname).toBe("/api/v1/comments");
    expect(post?.init?.headers).toEqual({ "content-type": "application/json" });
    expect(postedBody(post)).toEqual({
      site: "demo",
      page: PAGE,
      url: `${PAGE}?ref=feed`,
      title: "Hello, world",
      author: { name: "Zoé", email: "zoe@example.org", website: "https://zoe.example" },
      body: "Mine",
      formToken: thread.form.token,
      // Empty, as people leave it (bots fill it in); the API takes "" as not given.
      homepage: "",
    });
  });

  test("a bot that fills the hidden honeypot field gives itself away", async () => {
    const api = fakeApi({
      thread: () => ({ body: makeThread([]) }),
      post: () => ({ status: 202, body: created(makeComment()) }),
    });
    const { root } = await mountThread();
    const honeypot = root.querySelector<HTMLInputElement>('input[name="homepage"]');
    expect(honeypot?.tabIndex).toBe(-1);
    expect(honeypot?.closest("[aria-hidden=true]")).not.toBeNull();
    type(honeypot as HTMLInputElement, "https://spam.example");
    fill(root, { name: "Bot", body: "Buy now" });
    buttonNamed(root, "Post comment").click();
    await vi.waitFor(() => expect(api.calls.some((call) => call.method === "POST")).toBe(true));
    expect(postedBody(api.calls.find((call) => call.method === "POST")).homepage).toBe("https://spam.example");
  });

  test("a reply appears right after its parent's subtree", async () => {
    const a = makeComment({ author: { name: "Ann", website: null, avatar: null } });
    const a1 = makeComment({ parentId: a.id, depth: 1 });
    const a1x = makeComment({ parentId: a1.id, depth: 2 });
    const b = makeComment();
    const mine = makeComment({ parentId: a.id, depth: 1 });
    const api = fakeApi({
      thread: () => ({ body: makeThread([a, a1, a1x, b]) }),
      post: () => ({ status: 201, body: created(mine) }),
    });
    const { root } = await mountThread();
    buttonNamed(root, "Reply to Ann").click();
    const form = await vi.waitFor(() => {
      const found = root.querySelector<HTMLFormElement>(".bascule-reply-form");
      expect(found).not.toBeNull();
      return found as HTMLFormElement;
    });
    fill(form, { name: "Me", body: "Agreed" });
    buttonNamed(form, "Post comment").click();

    await vi.waitFor(() => expect(root.getElementById(`comment-${mine.id}`)).not.toBeNull());
    expect(postedBody(api.calls.find((call) => call.method === "POST")).parentId).toBe(a.id);
    expect(parentArticleOf(root, mine.id)?.id).toBe(`comment-${a.id}`);
    const order = Array.from(root.querySelectorAll("article"), (el) => el.id.replace("comment-", ""));
    expect(order).toEqual([a.id, a1.id, a1x.id, mine.id, b.id]);
    expect(root.querySelector(".bascule-reply-form")).toBeNull();
    await vi.waitFor(() => expect(root.activeElement?.id).toBe(`comment-${mine.id}`));
  });

  test("a comment held for moderation (202) appears marked as awaiting moderation", async () => {
    const mine = makeComment({ status: "pending" });
    fakeApi({
      thread: () => ({ body: makeThread([makeComment()]) }),
      post: () => ({ status: 202, body: created(mine) }),
    });
    const { root } = await mountThread();
    fill(root, { name: "New", body: "First time here" });
    buttonNamed(root, "Post comment").click();

    await vi.waitFor(() => expect(root.getElementById(`comment-${mine.id}`)).not.toBeNull());
    expect(article(root, mine.id).querySelector(".bascule-pending")?.textContent).toBe("Awaiting moderation");
    expect(root.querySelector("h2")?.textContent).toBe("1 comment");
    expect(root.querySelector("[role=status]")?.textContent).toMatch(/awaiting moderation/);
  });

  test("202 is shown as pending in French too, even if the comment says approved", async () => {
    const mine = makeComment();
    fakeApi({
      thread: () => ({ body: makeThread([]) }),
      post: () => ({ status: 202, body: created(mine) }),
    });
    const { root } = await mountThread({ lang: "fr" });
    fill(root, { name: "Léa", body: "Bonjour" }, LABELS.fr);
    buttonNamed(root, "Publier le commentaire").click();
    await vi.waitFor(() => expect(root.getElementById(`comment-${mine.id}`)).not.toBeNull());
    expect(article(root, mine.id).textContent).toContain("En attente de modération");
    expect(root.querySelector("h2")?.textContent).toBe("0 commentaire");
  });
});
