// Issue 5, "Proof, in tests": many writers at once on one thread. Every comment must be
// there afterwards and the thread's stored count (threads.comment_count, kept by the
// same batch that inserts) must match exactly: no lost insert, no lost increment.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { NewCommentResponse, PublicComment, ThreadResponse } from "../../worker/api-types.ts";
import { call, formToken, freshPage, postJson } from "./helpers.ts";

const AT_ONCE = 300;
const TIMEOUT_MS = 120_000;

/** The whole thread through the public API, page after page. */
async function wholeThread(page: string): Promise<{ count: number; comments: PublicComment[] }> {
  const comments: PublicComment[] = [];
  let cursor: string | null = null;
  let count = -1;
  do {
    const res = await call(`/api/v1/threads?site=demo&page=${encodeURIComponent(page)}&limit=200${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as ThreadResponse;
    comments.push(...data.comments);
    count = data.thread.count;
    cursor = data.nextCursor;
  } while (cursor !== null);
  return { count, comments };
}

describe("300 writers at once on one thread", () => {
  it(
    "keeps every comment, and the count is exactly 300",
    async () => {
      const page = freshPage("crowd");
      const token = await formToken("demo");
      const started = Date.now();
      // No cf-connecting-ip: these are 300 different readers, not one writer over its limit.
      const answers = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) =>
          postJson("/api/v1/comments", {
            site: "demo",
            page,
            body: `Commentaire n° ${i}`,
            author: { name: `Lecteur ${i}` },
            formToken: token,
          }),
        ),
      );
      const postMs = Date.now() - started;
      expect(answers.map((res) => res.status)).toEqual(Array(AT_ONCE).fill(201));
      const posted = await Promise.all(answers.map(async (res) => ((await res.json()) as NewCommentResponse).comment.id));

      const { count, comments } = await wholeThread(page);
      expect(new Set(comments.map((comment) => comment.id))).toEqual(new Set(posted));
      expect(comments).toHaveLength(AT_ONCE);
      expect(count).toBe(AT_ONCE);
      const stored = await env.DB.prepare(
        "SELECT count(*) AS n FROM comments c JOIN threads t ON t.id = c.thread_id WHERE t.site_key = 'demo' AND t.page = ?",
      )
        .bind(page)
        .first<{ n: number }>();
      expect(stored?.n).toBe(AT_ONCE);
      // The first writers raced to create the thread: exactly one row must exist.
      const threads = await env.DB.prepare("SELECT count(*) AS n FROM threads WHERE site_key = 'demo' AND page = ?")
        .bind(page)
        .first<{ n: number }>();
      expect(threads?.n).toBe(1);
      console.log(`Concurrency: ${AT_ONCE} comments posted at once in ${postMs} ms; ${comments.length} read back, count ${count}`);
    },
    TIMEOUT_MS,
  );

  it(
    "keeps 300 replies to one comment in order under it",
    async () => {
      const page = freshPage("crowd-replies");
      const token = await formToken("demo");
      const parent = (await (
        await postJson("/api/v1/comments", { site: "demo", page, body: "Le parent", formToken: token })
      ).json()) as NewCommentResponse;
      const answers = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) =>
          postJson("/api/v1/comments", { site: "demo", page, parentId: parent.comment.id, body: `Réponse ${i}`, formToken: token }),
        ),
      );
      expect(answers.map((res) => res.status)).toEqual(Array(AT_ONCE).fill(201));

      const { count, comments } = await wholeThread(page);
      expect(count).toBe(AT_ONCE + 1);
      expect(comments[0]?.id).toBe(parent.comment.id);
      const replies = comments.slice(1);
      expect(replies).toHaveLength(AT_ONCE);
      expect(replies.every((reply) => reply.parentId === parent.comment.id && reply.depth === 1)).toBe(true);
      // Replies follow their parent oldest first.
      const times = replies.map((reply) => reply.createdAt);
      expect(times).toEqual([...times].sort());
    },
    TIMEOUT_MS,
  );

  it(
    "counts 300 likes from 300 readers at once exactly",
    async () => {
      const page = freshPage("crowd-likes");
      const posted = (await (await postJson("/api/v1/comments", { site: "demo", page, body: "À aimer" })).json()) as NewCommentResponse;
      const answers = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) =>
          postJson(`/api/v1/comments/${posted.comment.id}/like`, { reader: `reader-${String(i).padStart(4, "0")}` }),
        ),
      );
      expect(answers.map((res) => res.status)).toEqual(Array(AT_ONCE).fill(200));
      const { comments } = await wholeThread(page);
      expect(comments[0]?.likes).toBe(AT_ONCE);
    },
    TIMEOUT_MS,
  );
});
