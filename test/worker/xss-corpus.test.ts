// Issue 5, "Proof, in tests": every line of the XSS payload corpus goes through the whole
// pipeline (validation, Markdown, D1, the public thread read) as a comment body, as an
// author name and as a website. A real HTML parser (parse5) reads every piece of HTML that
// comes back or is stored. Slow on purpose (about 20,000 requests); `npm test` runs it.
import { env } from "cloudflare:workers";
import { afterAll, describe, expect, it } from "vitest";
import type { NewCommentResponse, PublicComment, ThreadResponse } from "../../worker/api-types.ts";
import { call, freshPage, postJson } from "./helpers.ts";
import { errorShapeProblems, inPool, cleaned } from "./corpus.ts";
import { unsafeParts } from "./safe-html.ts";

const payloads = env.XSS_PAYLOADS.split("\n").filter((line) => line !== "");
/** Requests in flight at once: enough to overlap D1 round trips, few enough for a 2-core machine. */
const WIDTH = 8;
/** Comments per thread: one public read (limit 200) returns a whole thread. */
const PER_THREAD = 200;
const TIMEOUT_MS = 600_000;

type Outcome = "accepted" | "refused" | "failed";
interface Tally {
  accepted: number;
  /** Of the accepted: 202, held for moderation (more links than the site's maxLinks). */
  held: number;
  refused: number;
  serverErrors: number;
  /** Refusals by `code`, for the closing note. */
  codes: Record<string, number>;
  ms: number;
}
const tallies: Record<string, Tally> = {};
const suiteStarted = Date.now();

function tally(kind: string): Tally {
  return (tallies[kind] ??= { accepted: 0, held: 0, refused: 0, serverErrors: 0, codes: {}, ms: 0 });
}

interface Posted {
  payload: string;
  status: number;
  comment?: PublicComment;
  error?: { code: string; message: string; field?: string };
}

/**
 * Posts every payload through `shape` (which places it in the request), PER_THREAD to a
 * thread, and sorts the answers. Problems (5xx, bad error JSON, unsafe HTML, an unexpected
 * answer) go to `failures` with the payload that caused them.
 */
async function postAll(
  kind: string,
  shape: (payload: string) => Record<string, unknown>,
  judge: (posted: Posted) => string | null,
  failures: Array<{ kind: string; payload: string; problem: string }>,
): Promise<{ pages: string[]; posted: Posted[] }> {
  const started = Date.now();
  const count = tally(kind);
  const pages = Array.from({ length: Math.ceil(payloads.length / PER_THREAD) }, () => freshPage(`xss-${kind}`));
  const posted: Posted[] = new Array(payloads.length);

  await inPool(payloads, WIDTH, async (payload, index) => {
    const res = await postJson("/api/v1/comments", {
      site: "demo",
      page: pages[Math.floor(index / PER_THREAD)],
      ...shape(payload),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // reported below
    }
    const result: Posted = { payload, status: res.status };
    let outcome: Outcome;
    if (res.status >= 500) {
      outcome = "failed";
      count.serverErrors += 1;
      failures.push({ kind, payload, problem: `${res.status}: ${text.slice(0, 300)}` });
    } else if (res.status === 201 || res.status === 202) {
      outcome = "accepted";
      result.comment = (json as NewCommentResponse).comment;
      for (const problem of unsafeParts(result.comment.html)) failures.push({ kind, payload, problem: `answer html: ${problem}` });
    } else {
      outcome = "refused";
      for (const problem of errorShapeProblems(json))
        failures.push({ kind, payload, problem: `${res.status} error JSON: ${problem} (${text.slice(0, 200)})` });
      result.error = (json as { error?: Posted["error"] } | null)?.error;
      const code = `${res.status} ${result.error?.code ?? "?"}`;
      count.codes[code] = (count.codes[code] ?? 0) + 1;
    }
    if (outcome === "accepted") count.accepted += 1;
    if (res.status === 202) count.held += 1;
    if (outcome === "refused") count.refused += 1;
    const verdict = outcome === "failed" ? null : judge(result);
    if (verdict !== null) failures.push({ kind, payload, problem: verdict });
    posted[index] = result;
  });

  count.ms += Date.now() - started;
  return { pages, posted };
}

/** Every published comment of the threads, as the public API (and so the widget) reads them. */
async function readThreads(pages: readonly string[]): Promise<Map<string, PublicComment>> {
  const comments = new Map<string, PublicComment>();
  await inPool(pages, WIDTH, async (page) => {
    let cursor: string | null = null;
    do {
      const query = `/api/v1/threads?site=demo&page=${encodeURIComponent(page)}&limit=200${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await call(query);
      expect(res.status, `GET ${query}`).toBe(200);
      const data = (await res.json()) as ThreadResponse;
      for (const comment of data.comments) comments.set(comment.id, comment);
      cursor = data.nextCursor;
    } while (cursor !== null);
  });
  return comments;
}

/** The HTML as D1 holds it, published or not. */
async function storedHtml(ids: readonly string[]): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 500) {
    const { results } = await env.DB.prepare("SELECT id, html FROM comments WHERE id IN (SELECT value FROM json_each(?))")
      .bind(JSON.stringify(ids.slice(start, start + 500)))
      .all<{ id: string; html: string }>();
    for (const row of results) stored.set(row.id, row.html);
  }
  return stored;
}

describe("the XSS payload corpus through the whole pipeline", () => {
  it("reads the whole corpus", () => {
    expect(payloads).toHaveLength(6613);
  });

  it(
    "as comment bodies: every answer, stored row and thread read holds only safe HTML",
    async () => {
      const failures: Array<{ kind: string; payload: string; problem: string }> = [];
      const { pages, posted } = await postAll(
        "body",
        (payload) => ({ body: payload, author: { name: "Corpus" } }),
        ({ status, error }) => {
          // A body is refused only for being empty once cleaned, or too long.
          if (status === 201 || status === 202) return null;
          return status === 400 && error?.field === "body" && ["body_empty", "body_too_long"].includes(error.code)
            ? null
            : `unexpected ${status} ${JSON.stringify(error)}`;
        },
        failures,
      );

      const accepted = posted.filter((result) => result.comment !== undefined);
      const stored = await storedHtml(accepted.map((result) => result.comment!.id));
      for (const { payload, comment } of accepted) {
        const html = stored.get(comment!.id);
        if (html === undefined) failures.push({ kind: "body", payload, problem: "not stored" });
        else for (const problem of unsafeParts(html)) failures.push({ kind: "body", payload, problem: `stored html: ${problem}` });
      }

      const thread = await readThreads(pages);
      for (const { payload, status, comment } of accepted) {
        const read = thread.get(comment!.id);
        if (status === 201 && read === undefined)
          failures.push({ kind: "body", payload, problem: "published but missing from the thread" });
        if (read === undefined) continue;
        if (read.html !== comment!.html) failures.push({ kind: "body", payload, problem: "thread html differs from the answer's" });
        for (const problem of unsafeParts(read.html)) failures.push({ kind: "body", payload, problem: `thread html: ${problem}` });
      }

      expect(failures.slice(0, 40), `${failures.length} problems`).toEqual([]);
      expect(tally("body").serverErrors).toBe(0);
    },
    TIMEOUT_MS,
  );

  it(
    "as author names: stored exactly as sent after cleaning, returned as text",
    async () => {
      const failures: Array<{ kind: string; payload: string; problem: string }> = [];
      const { pages, posted } = await postAll(
        "name",
        (payload) => ({ body: "Name probe", author: { name: payload } }),
        ({ payload, status, comment, error }) => {
          const expected = cleaned(payload);
          if (expected.length > 80) {
            return status === 400 && error?.code === "name_too_long" && error.field === "author.name"
              ? null
              : `a ${expected.length}-character name got ${status} ${JSON.stringify(error)}`;
          }
          if (status !== 201) return `a valid name got ${status} ${JSON.stringify(error)}`;
          return comment?.author?.name === expected ? null : `name came back as ${JSON.stringify(comment?.author?.name)}`;
        },
        failures,
      );

      const thread = await readThreads(pages);
      for (const { payload, comment } of posted) {
        if (comment === undefined) continue;
        const read = thread.get(comment.id);
        if (read === undefined) failures.push({ kind: "name", payload, problem: "published but missing from the thread" });
        else if (read.author?.name !== cleaned(payload))
          failures.push({ kind: "name", payload, problem: `thread name ${JSON.stringify(read.author?.name)}` });
        else for (const problem of unsafeParts(read.html)) failures.push({ kind: "name", payload, problem: `thread html: ${problem}` });
      }

      expect(failures.slice(0, 40), `${failures.length} problems`).toEqual([]);
      expect(tally("name").serverErrors).toBe(0);
    },
    TIMEOUT_MS,
  );

  // As given, hardly any line is an http(s) address, so each line also goes in as the path
  // and query of one: the attack on a website field is breaking out of the href it lands in.
  it.each([
    ["website", (payload: string) => payload],
    ["website-in-url", (payload: string) => `https://example.org/${payload}`],
  ])(
    "as %s: only http(s) addresses are kept, as given; anything else is a 400 on author.website",
    async (kind, toWebsite) => {
      const failures: Array<{ kind: string; payload: string; problem: string }> = [];
      const isHttp = (value: string | null | undefined): boolean => {
        try {
          return ["http:", "https:"].includes(new URL(value ?? "").protocol);
        } catch {
          return false;
        }
      };
      const { pages, posted } = await postAll(
        kind,
        (payload) => ({ body: "Website probe", author: { name: "Corpus", website: toWebsite(payload) } }),
        ({ payload, status, comment, error }) => {
          if (status === 400) return error?.field === "author.website" ? null : `400 on another field: ${JSON.stringify(error)}`;
          if (status !== 201) return `unexpected ${status} ${JSON.stringify(error)}`;
          const website = comment?.author?.website;
          if (!isHttp(website)) return `kept a website that is not http(s): ${JSON.stringify(website)}`;
          // Kept as given: trimmed, and without the tabs and newlines a URL parser would drop anyway.
          const expected = toWebsite(payload)
            .trim()
            .replace(/[\t\n\r]/g, "");
          return website === expected ? null : `website came back as ${JSON.stringify(website)}`;
        },
        failures,
      );

      const thread = await readThreads(pages);
      for (const { payload, comment } of posted) {
        if (comment === undefined) continue;
        const read = thread.get(comment.id);
        if (read === undefined) failures.push({ kind, payload, problem: "published but missing from the thread" });
        else if (!isHttp(read.author?.website))
          failures.push({ kind, payload, problem: `thread website ${JSON.stringify(read.author?.website)}` });
      }

      expect(failures.slice(0, 40), `${failures.length} problems`).toEqual([]);
      expect(tally(kind).serverErrors).toBe(0);
    },
    TIMEOUT_MS,
  );
});

afterAll(() => {
  // console.table does not cross from workerd to vitest's output; plain lines do.
  const lines = Object.entries(tallies).map(([kind, t]) => {
    const refusals = Object.entries(t.codes)
      .map(([code, n]) => `${code} ×${n}`)
      .join(", ");
    return `  as ${kind}: ${t.accepted} accepted (${t.held} of them held), ${t.refused} refused with 4xx${refusals ? ` (${refusals})` : ""}, ${t.serverErrors} 5xx, ${(t.ms / 1000).toFixed(1)} s`;
  });
  console.log(
    [`XSS corpus, ${payloads.length} payloads, ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s in all:`, ...lines].join("\n"),
  );
});
