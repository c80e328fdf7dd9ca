// Whole requests for fuzz.test.ts, built from the blocks in fuzz-arbitraries.ts: reads, JSON
// writes, and the ids and edit tokens of real comments (the targets), so PATCH, DELETE and
// like reach deep.
import fc from "fast-check";
import { anyJson, anyText, bodyText, contentType, headerValue, oddHeaders, origin, shortText, wellFormed } from "./fuzz-arbitraries.ts";
import type { Shot } from "./fuzz-harness.ts";

export type Target = { id: string; token: string };

export const commentId = (of: readonly Target[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...of.map((target) => target.id)) },
    { weight: 1, arbitrary: fc.constantFrom("nope", "0", "-", "a".repeat(64), "a".repeat(65), "%", "%zz", "..", "%2F", "like") },
    { weight: 2, arbitrary: anyText.map((text) => encodeURIComponent(wellFormed(text)) || "x") },
  );

export const authorization = (of: readonly Target[]) =>
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
export const idAndAuthorization = (of: readonly Target[]) =>
  fc.oneof(
    {
      weight: 1,
      arbitrary: fc.constantFrom(...of).map((target) => ({ id: target.id, authorization: `Bearer ${target.token}` as string | undefined })),
    },
    { weight: 3, arbitrary: fc.record({ id: commentId(of), authorization: authorization(of) }) },
  );

export function headersOf(parts: Record<string, string | undefined>, extra: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { ...extra };
  for (const [name, value] of Object.entries(parts)) if (value !== undefined) headers[name] = value;
  return headers;
}

/** A JSON write: content type, origin, extra headers and a body, each possibly odd. */
export function jsonWrite(
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

export function read(method: string, target: fc.Arbitrary<string>): fc.Arbitrary<Shot> {
  return fc
    .record({ target, origin: fc.option(origin, { nil: undefined, freq: 4 }), extra: oddHeaders })
    .map(({ target, origin, extra }) => ({ method, target, headers: headersOf({ origin }, extra) }));
}

export const textField = fc.oneof({ weight: 2, arbitrary: anyText }, { weight: 1, arbitrary: anyJson });

/** An address any validator takes (fc.emailAddress() covers all of RFC 5322, which is not what this probes). */
export const plainEmail = fc
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
export const newComment = (page: string, targets: readonly Target[], token: string) => {
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
