// Issue 10, item 16: a page key is cleaned like any other text, so the key a thread is read
// with equals the key it was written with: control characters go, a lone surrogate is one
// U+FFFD (D1 would have stored three), end to end through POST and GET.
import { describe, expect, it } from "vitest";
import { cleanPageKey } from "../../worker/lib/text.ts";
import type { ThreadResponse } from "../../worker/api-types.ts";
import { call, freshPage, postComment, postJson } from "./helpers.ts";

/** The query string as a browser's URLSearchParams writes it (a lone surrogate becomes U+FFFD). */
function threadPath(page: string): string {
  return `/api/v1/threads?${new URLSearchParams({ site: "demo", page })}`;
}

describe("page keys are cleaned like other text", () => {
  const dirty: [string, (base: string) => string, (base: string) => string][] = [
    ["NUL and control characters", (base) => `${base}\u0000\u0007-\u001b[31m\u007f\u0085end`, (base) => `${base}-[31mend`],
    ["a lone high surrogate", (base) => `${base}-\ud83d-x`, (base) => `${base}-\ufffd-x`],
    ["a lone low surrogate", (base) => `${base}-\ude00`, (base) => `${base}-\ufffd`],
    ["a decomposed letter (NFC)", (base) => `${base}-cafe\u0301`, (base) => `${base}-caf\u00e9`],
  ];

  it.each(dirty)("%s: the thread written is the thread read, with the raw key and with the clean one", async (_label, make, clean) => {
    const base = freshPage("clean");
    const { comment } = await postComment({ page: make(base) });
    for (const key of [make(base), clean(base)]) {
      const res = await call(threadPath(key));
      expect(res.status).toBe(200);
      const thread = (await res.json()) as ThreadResponse;
      expect(thread.thread.page).toBe(clean(base));
      expect(thread.comments.map((shown) => shown.id)).toEqual([comment.id]);
    }
    const counts = await call(`/api/v1/counts?${new URLSearchParams({ site: "demo", page: clean(base) })}`);
    expect(await counts.json()).toEqual({ counts: { [clean(base)]: 1 } });
  });

  it("a key that is only control characters is empty (400), not a thread named by nothing", async () => {
    const res = await postJson("/api/v1/comments", { site: "demo", page: "\u0000\u0001\u001f", body: "hello" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "page_empty", field: "page" } });
  });

  it("the worker's page keys are cleaned, URLs and ids alike,, and is idempotent", () => {
    expect(cleanPageKey(" https://Blog.Example/a\u0000b/ ")).toBe("https://blog.example/ab");
    expect(cleanPageKey("id-\ud800")).toBe("id-\ufffd");
    const once = cleanPageKey("x\u0007-\udfff-e\u0301");
    expect(cleanPageKey(once)).toBe(once);
  });
});
