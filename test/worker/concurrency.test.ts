// Issue 5, "Proof, in tests": many writers at once on one thread. Every comment must be
// there afterwards and the thread's stored count (threads.comment_count, kept by the
// same batch that inserts) must match exactly: no lost insert, no lost increment.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { NewCommentResponse, PublicComment, ThreadResponse } from "../../worker/api-types.ts";
import { call, freshPage, postJson } from "./helpers.ts";

const AT_ONCE = 300;
const TIMEOUT_MS = 120_000;

/** The whole thread through the public API, page after page, with the replies a bounded page leaves for `parentId` reads. */
async function wholeThread(page: string): Promise<{ count: number; comments: PublicComment[] }> {
  const comments: PublicComment[] = [];
  let cursor: string | null = null;
  let count = -1;
  const read = async (query: string) => {
    const res = await call(`/api/v1/threads?site=demo&page=${encodeURIComponent(page)}&limit=200${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ThreadResponse;
  };
  do {
    const data = await read(cursor ? `&cursor=${cursor}` : "");
    // A top-level comment's further replies follow the ones the page holds.
    const roots = data.comments.filter((comment) => comment.depth === 0);
    for (const [index, root] of roots.entries()) {
      const next = roots[index + 1];
      comments.push(...data.comments.slice(data.comments.indexOf(root), next ? data.comments.indexOf(next) : undefined));
      for (let more = root.moreReplies?.cursor ?? null; more !== null; ) {
        const replies = await read(`&parentId=${root.id}&cursor=${more}`);
        comments.push(...replies.comments);
        more = replies.nextCursor;
      }
    }
    count = data.thread.count;
    cursor = data.nextCursor;
  } while (cursor !== null);
  return { count, comments: comments.map(({ moreReplies: _, ...comment }) => comment) };
}

describe("300 writers at once on one thread", () => {
  it(
    "keeps every comment, and the count is exactly 300",
    async () => {
      const page = freshPage("crowd");
      const started = Date.now();
      // No cf-connecting-ip: these are 300 different readers, not one writer over its limit.
      const answers = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) =>
          postJson("/api/v1/comments", {
            site: "demo",
            page,
            body: `Commentaire n° ${i}`,
            author: { name: `Lecteur ${i}` },
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
      const parent = (await (await postJson("/api/v1/comments", { site: "demo", page, body: "Le parent" })).json()) as NewCommentResponse;
      const answers = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) =>
          postJson("/api/v1/comments", { site: "demo", page, parentId: parent.comment.id, body: `Réponse ${i}` }),
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
