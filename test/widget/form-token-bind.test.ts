// Issue 10, items 5 and 10, as the widget sees them (widget/extra/write.tsx): a post carries the
// edit tokens held (proof of a known author), and the next post uses the form token the last answered.

import { afterEach, expect, test, vi } from "vitest";
import { buttonNamed, cleanup, created, fakeApi, fill, headersOf, makeComment, makeThread, mountThread, postedBody } from "./helpers.ts";

afterEach(cleanup);

test("each post sends the held edit tokens and the form token the previous answer gave", async () => {
  const first = makeComment();
  const second = makeComment();
  const answers = [created(first), created(second)];
  const thread = makeThread([]);
  const api = fakeApi({ thread: () => ({ body: thread }), post: () => ({ status: 201, body: answers.shift() }) });
  const { root } = await mountThread();

  fill(root, { name: "Zoé", email: "zoe@example.org", body: "Un" });
  buttonNamed(root, "Post comment").click();
  await vi.waitFor(() => expect(root.getElementById(`comment-${first.id}`)).not.toBeNull());
  fill(root, { body: "Deux" });
  buttonNamed(root, "Post comment").click();
  await vi.waitFor(() => expect(root.getElementById(`comment-${second.id}`)).not.toBeNull());

  const posts = api.calls.filter((call) => call.method === "POST");
  expect(posts.map((call) => postedBody(call).formToken)).toEqual([thread.form.token, `form-token-after-${first.id}`]);
  expect(headersOf(posts[0])["bascule-tokens"]).toBeUndefined();
  expect(headersOf(posts[1])["bascule-tokens"]).toBe(`token-${first.id}`);
});
