// "Notify me of replies by e-mail" (issue 11): a checkbox under the e-mail field of new
// comments and replies, unticked, added by embed-extra.js (widget/extra/notify.tsx), never
// by embed.js, and sent as `notify: true` when ticked.
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  buttonNamed,
  cleanup,
  created,
  fakeApi,
  fieldLabelled,
  fill,
  makeComment,
  makeThread,
  mountBeforeExtra,
  mountThread,
  postedBody,
} from "./helpers.ts";

afterEach(cleanup);

const NOTIFY = "Notify me of replies by e-mail";

/** The notify checkbox of the form whose e-mail field is `email`. */
function notifyBox(email: HTMLInputElement, value = "true"): HTMLInputElement | null {
  return email.parentElement?.querySelector<HTMLInputElement>(`input[type="checkbox"][name="notify"][value="${value}"]`) ?? null;
}

describe("the notify checkbox", () => {
  test("sits under the e-mail field, unticked, its label saying what is sent; ticked, the post says notify: true", async () => {
    const mine = makeComment();
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }), post: () => ({ status: 202, body: created(mine) }) });
    const { root } = await mountThread();
    const email = fieldLabelled(root, "E-mail (optional, never shown)");
    const box = notifyBox(email);
    expect(box).not.toBeNull();
    expect(box?.checked).toBe(false);
    expect(box?.closest("label")?.textContent).toBe(NOTIFY);
    // Right after the e-mail input, in the same field, the second choice after it.
    expect(email.nextElementSibling).toBe(box?.closest("label"));
    expect(box?.closest("label")?.nextElementSibling).toBe(notifyBox(email, "thread")?.closest("label"));

    fill(root, { name: "Ann", email: "ann@example.org", body: "Hello" });
    box!.click();
    buttonNamed(root, "Post comment").click();
    await vi.waitFor(() => expect(api.calls.some((call) => call.method === "POST")).toBe(true));
    expect(postedBody(api.calls.find((call) => call.method === "POST")).notify).toBe(true);
  });

  test('the second choice, every new comment on the page, sends "thread" (with or without the first)', async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }), post: () => ({ status: 201, body: created(makeComment()) }) });
    const { root } = await mountThread();
    const email = fieldLabelled(root, "E-mail (optional, never shown)");
    const thread = notifyBox(email, "thread");
    expect(thread?.checked).toBe(false);
    expect(thread?.closest("label")?.textContent).toBe("…and of every new comment on this page");
    fill(root, { name: "Ann", email: "ann@example.org", body: "Hello" });
    notifyBox(email)!.click();
    thread!.click();
    buttonNamed(root, "Post comment").click();
    await vi.waitFor(() => expect(api.calls.some((call) => call.method === "POST")).toBe(true));
    expect(postedBody(api.calls.find((call) => call.method === "POST")).notify).toBe("thread");
  });

  test("unticked, the post says nothing of notify", async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }), post: () => ({ status: 201, body: created(makeComment()) }) });
    const { root } = await mountThread();
    fill(root, { name: "Ann", email: "ann@example.org", body: "Hello" });
    buttonNamed(root, "Post comment").click();
    await vi.waitFor(() => expect(api.calls.some((call) => call.method === "POST")).toBe(true));
    expect(postedBody(api.calls.find((call) => call.method === "POST"))).not.toHaveProperty("notify");
  });

  test("reply forms have it too, one each", async () => {
    const parent = makeComment();
    fakeApi({ thread: () => ({ body: makeThread([parent]) }) });
    const { root } = await mountThread();
    buttonNamed(root, /^Reply/).click();
    await vi.waitFor(() => expect(root.querySelectorAll(".bascule-reply-form")).toHaveLength(1));
    const reply = root.querySelector(".bascule-reply-form") as HTMLElement;
    expect(reply.querySelectorAll('input[name="notify"]')).toHaveLength(2);
    expect(root.querySelectorAll('input[name="notify"]')).toHaveLength(4);
  });

  test("is in French on a French page", async () => {
    fakeApi({ thread: () => ({ body: makeThread([]) }) });
    const { root } = await mountThread({ lang: "fr" });
    await vi.waitFor(() => expect(root.querySelector('input[name="notify"]')).not.toBeNull());
    const labels = Array.from(root.querySelectorAll('input[name="notify"]'), (box) => box.closest("label")?.textContent);
    expect(labels).toEqual(["M’avertir des réponses par e-mail", "…et de chaque nouveau commentaire sur cette page"]);
  });

  test("comes with embed-extra.js, not before: embed.js has no byte for it; what the reader typed stays", async () => {
    fakeApi({ thread: () => ({ body: makeThread([]) }) });
    const { root, held, arrive } = await mountBeforeExtra();
    const email = fieldLabelled(root, "E-mail (optional, never shown)");
    expect(notifyBox(email)).toBeNull();
    fill(root, { email: "ann@example.org", body: "Hello" });
    // The reader starts writing: embed-extra.js is asked for, and arrives.
    email.focus();
    await vi.waitFor(() => expect(held).toHaveLength(1));
    await arrive();
    await vi.waitFor(() => expect(notifyBox(fieldLabelled(root, "E-mail (optional, never shown)"))).not.toBeNull());
    // The same input, with what was typed in it.
    expect(fieldLabelled(root, "E-mail (optional, never shown)")).toBe(email);
    expect(email.value).toBe("ann@example.org");
  });
});
