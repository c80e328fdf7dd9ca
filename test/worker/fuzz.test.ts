// Issue 5, "Proof, in tests": fast-check throws at least 10,000 generated requests at every
// public route (and at paths and methods that are not routes): random JSON, wrong types,
// huge numbers, deep nesting, odd content types, huge headers, foreign origins, repeated
// and percent-garbled query keys. The property is API.md's: no 5xx, ever, and every error
// is `{ error: { code: snake_case, message, field? } }`.
import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewCommentResponse, ThreadResponse } from "../../worker/api-types.ts";
import { ORIGIN, call, formToken, freshPage, postJson } from "./helpers.ts";
import { errorShapeProblems } from "./corpus.ts";

const TIMEOUT_MS = 180_000;

// ---------------------------------------------------------------------------------------------
// What every answer must be

interface Shot {
  method: string;
  /** Path and query, appended to http://localhost. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

const sent: Record<string, number> = {};
/** Answers by route and status: shows the generated requests got past validation, not only bounced off it. */
const statuses: Record<string, Record<number, number>> = {};
let suiteStarted = 0;

/** Sends one request; resolves to null when the answer keeps API.md's promises, else why not. */
async function fire(route: string, shot: Shot): Promise<string | null> {
  sent[route] = (sent[route] ?? 0) + 1;
  const hasBody = shot.body !== undefined && !["GET", "HEAD"].includes(shot.method.toUpperCase());
  const request = new Request(`http://localhost${shot.target}`, {
    method: shot.method,
    headers: shot.headers,
    body: hasBody ? shot.body : undefined,
  });
  const res = await exports.default.fetch(request);
  const seen = (statuses[route] ??= {});
  seen[res.status] = (seen[res.status] ?? 0) + 1;
  const text = await res.text();
  const problems: string[] = [];
  if (res.status >= 500) problems.push("5xx");
  const url = new URL(request.url);
  if (url.pathname.startsWith("/api/") && res.headers.get("x-content-type-options") !== "nosniff") problems.push("no nosniff");
  const needsErrorBody = res.status >= 300 && res.status !== 304 && shot.method !== "OPTIONS" && shot.method !== "HEAD";
  if (needsErrorBody) {
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      problems.push("the body is not JSON");
    }
    if (json !== null) problems.push(...errorShapeProblems(json));
    if (!/^application\/json/.test(res.headers.get("content-type") ?? "")) problems.push(`content-type ${res.headers.get("content-type")}`);
    if (res.status === 405 && !res.headers.get("allow")) problems.push("405 without Allow");
    if (res.status === 429 && !res.headers.get("retry-after")) problems.push("429 without Retry-After");
  }
  if (problems.length === 0) return null;
  const shown = (value: string | undefined) =>
    value === undefined ? "none" : JSON.stringify(value.length > 300 ? `${value.slice(0, 300)}… (${value.length} chars)` : value);
  const headers = Object.fromEntries(
    Object.entries(shot.headers).map(([name, value]) => [
      name,
      value.length > 100 ? `${value.slice(0, 100)}… (${value.length} chars)` : value,
    ]),
  );
  return [
    `${problems.join("; ")}`,
    `  request: ${shot.method} ${shown(shot.target)} headers ${JSON.stringify(headers)} body ${shown(shot.body)}`,
    `  answer: ${res.status} ${shown(text)}`,
  ].join("\n");
}

/** Runs the generated requests of one route as a fast-check property. */
async function fuzz(route: string, shots: fc.Arbitrary<Shot>, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(shots, async (shot) => {
      const problem = await fire(route, shot);
      if (problem !== null) throw new Error(problem);
    }),
    { numRuns },
  );
}

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Lone UTF-16 surrogates: valid in a JS string and in JSON text, not in UTF-8. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Text of every kind a person or a script can type, short. */
const shortText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), loneSurrogate), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-composite", maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u200b",
      "\u0000",
      "\r\n",
      "\u202e",
      "null",
      "undefined",
      "__proto__",
      "constructor",
      "NaN",
      "ｄｅｍｏ",
      "DEMO",
    ),
  },
);

/** Short text, or text past every length limit (the comment body's is 10,000 characters). */
const anyText = fc.oneof(
  { weight: 10, arbitrary: shortText },
  { weight: 1, arbitrary: fc.integer({ min: 9_000, max: 80_000 }).map((length) => "é".repeat(length)) },
);

const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 5e-324, -0, 0.5, 1e21),
  fc.double(),
  fc.integer(),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(Number),
);

/** Any JSON value, weighted towards the shapes that trip validators. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: anyText },
  { weight: 2, arbitrary: hugeNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [[]], { "": "" }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 500 }).map((depth) => nestedArray(depth)) },
);

function nestedArray(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Request bodies as text: JSON of any value, or text a JSON parser must refuse or chokes on. */
function bodyText(json: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 20, arbitrary: json.map((value) => JSON.stringify(value) ?? "null") },
    { weight: 1, arbitrary: anyText },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "{",
        "{'site':'demo'}",
        "[1,2,",
        "1e99999",
        "-1e99999",
        "123456789012345678901234567890",
        "\uFEFF{}",
        '{"site":"demo","site":{"x":1}}',
        '{"__proto__":{"site":"demo","page":"p","body":"b"},"constructor":{"prototype":{}}}',
        '{"body":"\\ud800","page":"\\udfff","site":"demo"}',
        "NaN",
        "undefined",
      ),
    },
    // Deep nesting as text: far past what a recursive parser or validator survives, and past the size limits.
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 40_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 40_000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`) },
  );
}

/** Header values a fetch client can send: printable ASCII (workerd takes Latin-1 too, but only with a warning per header). */
const headerChar = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const headerValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: headerChar, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 60_000 }).map((length) => "h".repeat(length)) },
);

const contentType = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/json;charset=utf-16",
      "application/json ; boundary=x",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=----x",
      "application/jsonp",
      "application/json-patch+json",
      "application/xml",
      "",
      ";",
    ),
  },
  { weight: 1, arbitrary: headerValue },
);

const origin = fc.oneof(
  { weight: 12, arbitrary: fc.constant(ORIGIN) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "http://127.0.0.1:1",
      "https://evil.example",
      "null",
      "",
      "http://localhost",
      "http://localhost:99999",
      "http://localhost:*",
      "http://localhost:8787/",
      "HTTP://LOCALHOST:8787",
      "http://localhost:8787.evil.example",
    ),
  },
  { weight: 1, arbitrary: headerValue },
);

/** Extra headers anyone can send: the reader's held-comment tokens, an IP, a language, anything. */
const oddHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      "bascule-tokens",
      "cf-connecting-ip",
      "accept",
      "accept-language",
      "x-forwarded-for",
      "if-none-match",
      "range",
      "cookie",
      "x-http-method-override",
    ),
    fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
  ),
  fc.oneof(headerValue, fc.ipV4(), fc.ipV6(), fc.constantFrom("::", ":::::", "1.2.3", "[::1]", "2001:db8::1::2")),
  { maxKeys: 3 },
);

function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** A query-string value: valid-looking, huge, numeric edge cases or percent-encoding garbage. */
const queryValue = fc.oneof(
  { weight: 3, arbitrary: anyText.map((text) => encodeURIComponent(wellFormed(text))) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "demo",
      "page",
      "oldest",
      "newest",
      "top",
      "50",
      "1",
      "200",
      "201",
      "0",
      "-1",
      "1.5",
      "1e3",
      "1e400",
      "NaN",
      "Infinity",
      "0x10",
      "9007199254740993",
      "+5",
      " 5",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "%",
      "%%",
      "%zz",
      "%E0%A4%A",
      "%00",
      "%FF%FE",
      "%C0%AF",
      "%ED%A0%80",
      "a%2Fb",
      "%2e%2e%2f",
      "+",
      "&",
      "=",
      "==",
      "#x",
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: headerChar, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 50_000 }).map((length) => "q".repeat(length)) },
);

function queryOf(keys: fc.Arbitrary<string>, base: Array<[string, string]>): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.boolean(),
      fc.array(fc.tuple(fc.oneof({ weight: 3, arbitrary: keys }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), queryValue), {
        maxLength: 8,
      }),
    )
    .map(([keepBase, pairs]) => {
      const all = [...(keepBase ? base : []), ...pairs];
      return all.length === 0 ? "" : `?${all.map(([key, value]) => `${key}=${value}`).join("&")}`;
    });
}

// ---------------------------------------------------------------------------------------------
// The targets: real comments with real edit tokens, so PATCH, DELETE and like reach deep.

type Target = { id: string; token: string };
const targets: Target[] = [];
let page = "";
let cursor = "";
let token = "";

beforeAll(async () => {
  suiteStarted = Date.now();
  page = freshPage("fuzz");
  token = await formToken("demo");
  for (let i = 0; i < 6; i++) {
    const res = await postJson("/api/v1/comments", { site: "demo", page, body: `Cible ${i}`, formToken: token });
    expect(res.status).toBe(201);
    const { comment, editToken } = (await res.json()) as NewCommentResponse;
    targets.push({ id: comment.id, token: editToken });
  }
  const first = (await (await call(`/api/v1/threads?site=demo&page=${page}&limit=1`)).json()) as ThreadResponse;
  cursor = first.nextCursor ?? "";
});

const commentId = (of: readonly Target[] = targets) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...of.map((target) => target.id)) },
    { weight: 1, arbitrary: fc.constantFrom("nope", "0", "-", "a".repeat(64), "a".repeat(65), "%", "%zz", "..", "%2F", "like") },
    { weight: 2, arbitrary: anyText.map((text) => encodeURIComponent(wellFormed(text)) || "x") },
  );

const authorization = (of: readonly Target[] = targets) =>
  fc.option(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...of.map((target) => `Bearer ${target.token}`)) },
      {
        weight: 1,
        arbitrary: fc.constantFrom("Bearer", "Bearer ", "bearer x", "Basic dXNlcjpwYXNz", "Bearer a b", "Bearer test-admin-token"),
      },
      { weight: 2, arbitrary: headerValue },
    ),
    { nil: undefined },
  );

/** The path id and the Authorization header: often a target with its own edit token, so the request goes all the way. */
const idAndAuthorization = (of: readonly Target[] = targets) =>
  fc.oneof(
    {
      weight: 1,
      arbitrary: fc.constantFrom(...of).map((target) => ({ id: target.id, authorization: `Bearer ${target.token}` as string | undefined })),
    },
    { weight: 3, arbitrary: fc.record({ id: commentId(of), authorization: authorization(of) }) },
  );

function headersOf(parts: Record<string, string | undefined>, extra: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { ...extra };
  for (const [name, value] of Object.entries(parts)) if (value !== undefined) headers[name] = value;
  return headers;
}

/** A JSON write: content type, origin, extra headers and a body, each possibly odd. */
function jsonWrite(
  method: string,
  where: fc.Arbitrary<string | { target: string; authorization?: string }>,
  body: fc.Arbitrary<unknown>,
): fc.Arbitrary<Shot> {
  return fc
    .record({
      where,
      contentType: fc.option(contentType, { nil: undefined, freq: 30 }),
      origin: fc.option(origin, { nil: undefined, freq: 10 }),
      extra: oddHeaders,
      body: bodyText(body),
    })
    .map(({ where, contentType, origin, extra, body }) => {
      const { target, authorization } = typeof where === "string" ? { target: where, authorization: undefined } : where;
      return { method, target, headers: headersOf({ "content-type": contentType, origin, authorization }, extra), body };
    });
}

function read(method: string, target: fc.Arbitrary<string>): fc.Arbitrary<Shot> {
  return fc
    .record({ target, origin: fc.option(origin, { nil: undefined, freq: 4 }), extra: oddHeaders })
    .map(({ target, origin, extra }) => ({ method, target, headers: headersOf({ origin }, extra) }));
}

const textField = fc.oneof({ weight: 2, arbitrary: anyText }, { weight: 1, arbitrary: anyJson });

/** An address any validator takes (fc.emailAddress() covers all of RFC 5322, which is not what this probes). */
const plainEmail = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9._+-]{1,20}$/),
    fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,19}$/),
    fc.constantFrom("org", "fr", "example", "co.uk"),
  )
  .filter(([local]) => !local.startsWith(".") && !local.endsWith(".") && !local.includes(".."))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

/**
 * A valid comment (any text in it), then up to three fields swapped for junk, dropped, or
 * added: most requests get past validation into the deep checks and D1, the rest probe
 * each rule on its own.
 */
const newComment = () => {
  const valid = fc.record(
    {
      site: fc.constant("demo"),
      page: fc.oneof(
        { weight: 6, arbitrary: fc.constant(page) },
        { weight: 1, arbitrary: fc.constantFrom("https://Example.org:443/a/?b#c", "/", " x ") },
        { weight: 2, arbitrary: shortText.filter((text) => text.trim() !== "") },
      ),
      url: fc.webUrl(),
      title: shortText,
      parentId: fc.constantFrom(...targets.map((target) => target.id)),
      author: fc.record(
        { name: shortText, email: plainEmail, website: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
        { requiredKeys: [] },
      ),
      body: fc.oneof(shortText, fc.constant("Bonjour")),
      notify: fc.boolean(),
      formToken: fc.constant(token),
    },
    { requiredKeys: ["site", "page", "body", "formToken"] },
  );
  const keys = [
    "site",
    "page",
    "url",
    "title",
    "parentId",
    "author",
    "body",
    "notify",
    "formToken",
    "homepage",
    "turnstileToken",
    "__proto__",
    "author.name",
    "author.email",
    "author.website",
  ];
  const mutation = fc.tuple(
    fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })),
    fc.option(fc.oneof(anyJson, anyText), { nil: undefined }),
  );
  return fc.tuple(valid, fc.array(mutation, { maxLength: 3 })).map(([comment, mutations]) => {
    const result: Record<string, unknown> = { ...comment, author: { ...comment.author } };
    for (const [key, value] of mutations) {
      const [outer, inner] = key.split(".") as [string, string | undefined];
      const holder = inner === undefined ? result : (result[outer] as Record<string, unknown> | undefined);
      if (typeof holder !== "object" || holder === null) continue;
      // defineProperty, so "__proto__" becomes a real key of the JSON, as a hostile client sends it.
      if (value === undefined) delete holder[inner ?? outer];
      else Object.defineProperty(holder, inner ?? outer, { value, enumerable: true, configurable: true, writable: true });
    }
    return result;
  });
};

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
    const body = fc.oneof({ weight: 5, arbitrary: newComment() }, { weight: 1, arbitrary: anyJson });
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
    const where = idAndAuthorization().map(({ id, authorization }) => ({ target: `/api/v1/comments/${id}`, authorization }));
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
        commentId().map((id) => `/api/v1/comments/${id}/like`),
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
          formToken: token,
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
    const total = Object.values(sent).reduce((sum, n) => sum + n, 0);
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});

// Answers the fuzzer found breaking the contract, kept as plain examples: each fails by name
// until the worker is fixed, whatever seed the property above draws.
describe("error codes are snake_case, as API.md says (found by fuzzing)", () => {
  it.each([
    ["parentId is null", () => postJson("/api/v1/comments", { site: "demo", page: "fuzz-codes", body: "x", parentId: null })],
    ["parentId names no comment", () => postJson("/api/v1/comments", { site: "demo", page: "fuzz-codes", body: "x", parentId: "nope" })],
    [
      "formToken is too long",
      () => postJson("/api/v1/comments", { site: "demo", page: "fuzz-codes", body: "x", formToken: "x".repeat(201) }),
    ],
    ["turnstileToken is not text", () => postJson("/api/v1/comments", { site: "demo", page: "fuzz-codes", body: "x", turnstileToken: 1 })],
    ["one of several counted pages is over 2,000 characters", () => call(`/api/v1/counts?site=demo&page=${"q".repeat(2001)}&page=b`)],
  ])("400 when %s", async (_, send) => {
    const res = await send();
    expect(res.status).toBe(400);
    const json: unknown = await res.json();
    expect(errorShapeProblems(json), JSON.stringify(json)).toEqual([]);
  });
});

afterAll(() => {
  const total = Object.values(sent).reduce((sum, n) => sum + n, 0);
  const byRoute = Object.entries(sent)
    .map(([route, n]) => {
      const answers = Object.entries(statuses[route] ?? {})
        .map(([status, count]) => `${status} ×${count}`)
        .join(", ");
      return `  ${route}: ${n} (${answers})`;
    })
    .join("\n");
  console.log(
    `Fuzzing: ${total} requests in ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s, no 5xx and no malformed error allowed\n${byRoute}`,
  );
});
