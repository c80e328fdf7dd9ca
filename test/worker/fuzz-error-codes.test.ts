// Answers the fuzzer (fuzz.test.ts) found breaking the contract, kept as plain examples: each
// fails by name until the worker is fixed, whatever seed the property draws.
import { describe, expect, it } from "vitest";
import { errorShapeProblems } from "./corpus.ts";
import { call, postJson } from "./helpers.ts";

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
