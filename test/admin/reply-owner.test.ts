// The admin page's side of issue 10, items 6 and 7 (admin/api.ts): an approval names the
// version shown, a stale one comes back with the comment's new text, and "Reply as owner".

import { afterEach, expect, test, vi } from "vitest";
import type { AdminComment } from "../../worker/api-types.ts";
import { createAdminApi, StaleComment } from "../../admin/api.ts";

afterEach(() => vi.unstubAllGlobals());

const shown: AdminComment = {
  id: "c1",
  parentId: null,
  depth: 0,
  author: { name: "Alice", website: null, avatar: null },
  html: "<p>old</p>",
  body: "old",
  createdAt: "2026-12-01T10:00:00.000Z",
  editedAt: "2026-12-01T10:05:00.000Z",
  likes: 0,
  byOwner: false,
  deleted: false,
  status: "pending",
  email: null,
  ipHash: null,
  pinned: false,
  thread: { page: "/p", title: "P", url: null },
};

function stubFetch(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }),
  );
  return calls;
}

test("an approval sends the editedAt of the version shown; other verdicts don't", async () => {
  const calls = stubFetch(200, { comment: { ...shown, status: "approved" } });
  const api = createAdminApi("t");
  await api.setStatus(shown.id, "approved", shown.editedAt);
  await api.setStatus(shown.id, "spam", shown.editedAt);
  expect(calls.map((call) => JSON.parse(String(call.init.body)))).toEqual([
    { status: "approved", editedAt: shown.editedAt },
    { status: "spam" },
  ]);
});

test("a stale approval rejects with the comment as it is now", async () => {
  const now = { ...shown, body: "spam links", editedAt: "2026-12-01T10:09:00.000Z" };
  stubFetch(409, { error: { code: "comment_changed", message: "edited", field: "editedAt" }, comment: now });
  const error = await createAdminApi("t")
    .setStatus(shown.id, "approved", shown.editedAt)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StaleComment);
  expect((error as StaleComment).current).toEqual(now);
  expect((error as StaleComment).code).toBe("comment_changed");
});

test("reply as owner posts the body and the parent's version to the reply route", async () => {
  const calls = stubFetch(201, { comment: { ...shown, id: "r1", byOwner: true }, parent: { ...shown, status: "approved" } });
  const answer = await createAdminApi("t").replyAsOwner(shown, "Merci !");
  expect(calls[0]?.url).toBe("/api/v1/admin/comments/c1/reply");
  expect(calls[0]?.init.method).toBe("POST");
  expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ body: "Merci !", editedAt: shown.editedAt });
  expect(answer.parent.status).toBe("approved");
});
