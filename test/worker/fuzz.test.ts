// Issue 5, "Proof, in tests": fast-check throws at least 10,000 generated requests at every
// public route (and at paths and methods that are not routes): random JSON, wrong types,
// huge numbers, deep nesting, odd content types, huge headers, foreign origins, repeated
// and percent-garbled query keys. The property is API.md's: no 5xx, ever, and every error
// is `{ error: { code: snake_case, message, field? } }`.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewCommentResponse, ThreadResponse } from "../../worker/api-types.ts";
import {
  anyJson,
  anyText,
  bodyText,
  contentType,
  headerValue,
  oddHeaders,
  origin,
  queryOf,
  queryValue,
  wellFormed,
} from "./fuzz-arbitraries.ts";
import { fuzz, sentTotal, summary } from "./fuzz-harness.ts";
import { commentId, headersOf, idAndAuthorization, jsonWrite, newComment, read, type Target, textField } from "./fuzz-requests.ts";
import { call, formToken, freshPage, postJson } from "./helpers.ts";

const TIMEOUT_MS = 180_000;

// ---------------------------------------------------------------------------------------------
// The targets: real comments with real edit tokens, so PATCH, DELETE and like reach deep.

let suiteStarted = 0;
const targets: Target[] = [];
let page = "";
let cursor = "";
let token = "";

beforeAll(async () => {
  suiteStarted = Date.now();
  page = freshPage("fuzz");
  token = await formToken("demo", page);
  for (let i = 0; i < 6; i++) {
    const res = await postJson("/api/v1/comments", { site: "demo", page, body: `Cible ${i}` });
    expect(res.status).toBe(201);
    const { comment, editToken } = (await res.json()) as NewCommentResponse;
    targets.push({ id: comment.id, token: editToken });
  }
  const first = (await (await call(`/api/v1/threads?site=demo&page=${page}&limit=1`)).json()) as ThreadResponse;
  cursor = first.nextCursor ?? "";
});

// ---------------------------------------------------------------------------------------------

describe("fuzzing every public route (fast-check)", () => {
  it("GET /api/v1/threads", { timeout: TIMEOUT_MS }, async () => {
    const keys = fc.constantFrom("site", "page", "sort", "limit", "cursor");
    const cursors = fc.constantFrom(
      cursor,
      btoa("null"),
      btoa("[1,2]"),
      btoa('"x"'),
      btoa('["2020-01-01T00:00:00.000Z","x",1e999]'),
      btoa('["2020-01-01T00:00:00.000Z","x",-1e999]'),
      btoa('["x","y",1.5]'),
      btoa('["","",0]'),
      "eyJ9",
      "====",
    );
    const target = fc.oneof(
      queryOf(keys, [
        ["site", "demo"],
        ["page", page],
      ]).map((query) => `/api/v1/threads${query}`),
      fc
        .tuple(fc.constantFrom("oldest", "newest", "top"), fc.integer({ min: 1, max: 200 }), cursors)
        .map(
          ([sort, limit, cursor]) =>
            `/api/v1/threads?site=demo&page=${page}&sort=${sort}&limit=${limit}&cursor=${encodeURIComponent(cursor)}`,
        ),
    );
    await fuzz(
      "GET /threads",
      fc.oneof({ weight: 6, arbitrary: read("GET", target) }, { weight: 1, arbitrary: read("HEAD", target) }),
      2_000,
    );
  });

  it("POST /api/v1/comments", { timeout: TIMEOUT_MS }, async () => {
    const body = fc.oneof({ weight: 5, arbitrary: newComment(page, targets, token) }, { weight: 1, arbitrary: anyJson });
    const target = fc.oneof(
      { weight: 6, arbitrary: fc.constant("/api/v1/comments") },
      { weight: 1, arbitrary: queryOf(fc.constantFrom("site", "page"), []).map((query) => `/api/v1/comments${query}`) },
    );
    await fuzz("POST /comments", jsonWrite("POST", target, body), 3_500);
  });

  it("PATCH /api/v1/comments/:id", { timeout: TIMEOUT_MS }, async () => {
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.record({ body: textField }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: anyJson },
    );
    const where = idAndAuthorization(targets).map(({ id, authorization }) => ({ target: `/api/v1/comments/${id}`, authorization }));
    await fuzz("PATCH /comments/:id", jsonWrite("PATCH", where, body), 1_200);
  });

  it("POST /api/v1/comments/:id/like", { timeout: TIMEOUT_MS }, async () => {
    const body = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record({ reader: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), textField) }, { requiredKeys: [] }),
      },
      { weight: 1, arbitrary: anyJson },
    );
    await fuzz(
      "POST /comments/:id/like",
      jsonWrite(
        "POST",
        commentId(targets).map((id) => `/api/v1/comments/${id}/like`),
        body,
      ),
      1_200,
    );
  });

  it("GET /api/v1/counts", { timeout: TIMEOUT_MS }, async () => {
    const manyPages = fc
      .tuple(fc.integer({ min: 0, max: 130 }), fc.oneof(queryValue, fc.constant(page)))
      .map(
        ([n, value]) => `/api/v1/counts?site=demo${Array.from({ length: n }, (_, i) => `&page=${value}${i % 3 === 0 ? i : ""}`).join("")}`,
      );
    const target = fc.oneof(
      queryOf(fc.constantFrom("site", "page"), [
        ["site", "demo"],
        ["page", page],
      ]).map((query) => `/api/v1/counts${query}`),
      manyPages,
    );
    await fuzz("GET /counts", read("GET", target), 1_500);
  });

  it("POST /api/v1/preview", { timeout: TIMEOUT_MS }, async () => {
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          {
            body: fc.oneof({ weight: 3, arbitrary: anyText }, { weight: 1, arbitrary: anyJson }),
            site: fc.oneof(fc.constant("demo"), textField),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: anyJson },
    );
    await fuzz("POST /preview", jsonWrite("POST", fc.constant("/api/v1/preview"), body), 1_500);
  });

  it("GET /api/v1/health", { timeout: TIMEOUT_MS }, async () => {
    const target = queryOf(fc.constantFrom("site", "page"), []).map((query) => `/api/v1/health${query}`);
    await fuzz("GET /health", fc.oneof(read("GET", target), read("HEAD", target)), 400);
  });

  it("OPTIONS preflights", { timeout: TIMEOUT_MS }, async () => {
    const path = fc.oneof(
      fc.constantFrom(
        "/api/v1/comments",
        "/api/v1/threads",
        "/api/v1/preview",
        "/api/v1/counts",
        `/api/v1/comments/${targets[0]?.id}`,
        `/api/v1/comments/${targets[0]?.id}/like`,
        "/api/v1/admin/sites",
      ),
      anyText.map((text) => `/api/v1/${encodeURIComponent(wellFormed(text))}`),
    );
    const shots = fc
      .record({
        path,
        origin: fc.option(origin, { nil: undefined, freq: 5 }),
        method: fc.option(fc.constantFrom("POST", "PATCH", "DELETE", "PUT", "x"), { nil: undefined }),
        requested: fc.option(headerValue, { nil: undefined }),
      })
      .map(({ path, origin, method, requested }) => ({
        method: "OPTIONS",
        target: path,
        headers: headersOf({ origin, "access-control-request-method": method, "access-control-request-headers": requested }, {}),
      }));
    await fuzz("OPTIONS", shots, 800);
  });

  it("unknown paths and wrong methods", { timeout: TIMEOUT_MS }, async () => {
    const known = [
      "/api/v1/threads",
      "/api/v1/comments",
      `/api/v1/comments/${targets[0]?.id}`,
      `/api/v1/comments/${targets[0]?.id}/like`,
      "/api/v1/counts",
      "/api/v1/preview",
      "/api/v1/health",
    ];
    const path = fc.oneof(
      fc.constantFrom(...known),
      fc.constantFrom(
        "/",
        "/api",
        "/api/",
        "/api/v1",
        "/api/v1/",
        "/api/v2/threads",
        "/api/v1/comments/",
        "/api/v1//comments",
        "/api/v1/comments/x/like/",
        "/api/v1/admin",
        "/api/v1/admin/nothing",
        "/embed.js",
        "/api/v1/%",
        "/api/v1/%zz",
        "/api/v1/threads/..",
        "/api/v1/threads%2F..",
      ),
      fc
        .array(
          anyText.map((text) => encodeURIComponent(wellFormed(text))),
          { minLength: 1, maxLength: 4 },
        )
        .map((segments) => `/api/v1/${segments.join("/")}`),
    );
    const shots = fc
      .record({
        method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "PROPFIND", "PURGE", "get", "Patch"),
        path,
        origin: fc.option(origin, { nil: undefined }),
        contentType: fc.option(contentType, { nil: undefined }),
        extra: oddHeaders,
        body: bodyText(anyJson),
      })
      .map(({ method, path, origin, contentType, extra, body }) => ({
        method,
        target: path,
        headers: headersOf({ origin, "content-type": contentType }, extra),
        body,
      }));
    await fuzz("unknown paths and wrong methods", shots, 1_500);
  });

  // Last: a matching token deletes the targets, and the routes above need them.
  it("DELETE /api/v1/comments/:id", { timeout: TIMEOUT_MS }, async () => {
    // Threads of its own, with replies, so deleting meets both leaves and placeholders.
    const doomed: Target[] = [];
    const thread = freshPage("fuzz-delete");
    for (let root = 0; root < 20; root++) {
      let parentId: string | undefined;
      for (let depth = 0; depth < 3; depth++) {
        const res = await postJson("/api/v1/comments", {
          site: "demo",
          page: thread,
          body: `À effacer ${root}.${depth}`,
          parentId,
        });
        expect(res.status).toBe(201);
        const { comment, editToken } = (await res.json()) as NewCommentResponse;
        doomed.push({ id: comment.id, token: editToken });
        parentId = comment.id;
      }
    }
    const shots = fc
      .record({
        where: idAndAuthorization(doomed),
        origin: fc.option(origin, { nil: undefined, freq: 10 }),
        extra: oddHeaders,
        body: fc.option(bodyText(anyJson), { nil: undefined }),
      })
      .map(({ where: { id, authorization }, origin, extra, body }) => ({
        method: "DELETE",
        target: `/api/v1/comments/${id}`,
        headers: headersOf({ origin, authorization }, extra),
        body,
      }));
    await fuzz("DELETE /comments/:id", shots, 800);
  });

  it("sent at least 10,000 requests", () => {
    expect(sentTotal()).toBeGreaterThanOrEqual(10_000);
  });
});

afterAll(() => {
  console.log(summary(suiteStarted));
});
