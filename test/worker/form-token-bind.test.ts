// Issue 10, item 10: a form token is bound to its page, carries at most FORM_USES_MAX
// comments, and each POST answers the token for the next; an old copy replayed does not
// reset the count (db/form-uses.ts).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { NewCommentResponse } from "../../worker/api-types.ts";
import { FORM_USES_MAX } from "../../worker/lib/form-token.ts";
import { createSite, formToken, freshPage, postJson } from "./helpers.ts";

let writer = 0;
/** A writer of its own each time: the per-writer limits are not what is tested here. */
function postWith(page: string, token: string, site = "demo"): Promise<Response> {
  const body = { site, page, body: `Commentaire ${crypto.randomUUID()}`, formToken: token };
  return postJson("/api/v1/comments", body, { headers: { "cf-connecting-ip": `198.18.0.${++writer}` } });
}

async function storedStatus(res: Response): Promise<string | undefined> {
  const { comment } = (await res.json()) as NewCommentResponse;
  return (await env.DB.prepare("SELECT status FROM comments WHERE id = ?").bind(comment.id).first<{ status: string }>())?.status;
}

describe("form tokens", () => {
  it("are good for the page they were read for only", async () => {
    const page = freshPage();
    const token = await formToken("demo", page);
    const elsewhere = await postWith(freshPage(), token);
    expect(elsewhere.status).toBe(202);
    expect(await storedStatus(elsewhere)).toBe("spam");
    expect((await postWith(page, token)).status).toBe(201);
  });

  it(`carry ${FORM_USES_MAX} comments, each answer giving the token for the next`, async () => {
    // No minimum time, so the answered tokens can be used at once.
    const site = `form-${crypto.randomUUID().slice(0, 8)}`;
    await createSite(site, { moderation: "none", minSubmitSeconds: 0 });
    const page = freshPage();
    const first = await formToken(site, page);
    let token = first;
    for (let i = 0; i < FORM_USES_MAX; i++) {
      const res = await postWith(page, token, site);
      expect(res.status).toBe(201);
      const next = ((await res.json()) as NewCommentResponse).formToken;
      expect(next).not.toBe(token);
      token = next;
    }
    const over = await postWith(page, token, site);
    expect(over.status).toBe(400);
    expect(await over.json()).toMatchObject({ error: { code: "form_used_up", field: "formToken" } });
    // The first copy, replayed, counts against the same comments.
    expect((await postWith(page, first, site)).status).toBe(400);
  });

  it("counts two posts at once with one token: never more than the limit", async () => {
    const page = freshPage();
    const token = await formToken("demo", page);
    const answers = await Promise.all(Array.from({ length: FORM_USES_MAX + 3 }, () => postWith(page, token)));
    expect(answers.filter((res) => res.status === 201)).toHaveLength(FORM_USES_MAX);
    expect(answers.filter((res) => res.status === 400)).toHaveLength(3);
  });

  it("a fresh token from a POST is too fast for a bot's next comment, like the thread read's", async () => {
    const page = freshPage();
    const res = await postWith(page, await formToken("demo", page));
    const { formToken: next } = (await res.json()) as NewCommentResponse;
    const fast = await postWith(page, next);
    expect(fast.status).toBe(202);
    expect(await storedStatus(fast)).toBe("spam");
  });
});
