import { afterEach, describe, expect, test, vi } from "vitest";
import { ApiError, createApi, errorText } from "../../widget/api.ts";
import { createTranslator } from "../../widget/i18n/catalogue.ts";
import { en } from "../../widget/i18n/en.ts";
import { API, apiError, cleanup, fakeApi, headersOf } from "./helpers.ts";

afterEach(cleanup);

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("the request helper", () => {
  test("turns API.md's error JSON into an ApiError with status, code, message and field", async () => {
    fakeApi({ post: () => ({ status: 400, body: apiError("body_empty", "body is empty.", "body") }) });
    const error = await rejection(createApi(API).request("comments", "POST", { site: "demo", page: "p", body: "" }));
    expect(error).toMatchObject({ status: 400, code: "body_empty", message: "body is empty.", field: "body" });
  });

  test("an error page that isn't JSON still becomes an ApiError", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("<h1>Bad gateway</h1>", { status: 502 })),
    );
    const error = await rejection(createApi(API).thread({ site: "demo", page: "p" }));
    expect(error).toMatchObject({ status: 502, code: "http_502", message: "" });
    expect(errorText(error, createTranslator("en", en))).toBe("Something went wrong. Please try again.");
  });

  test("no answer at all is a 'network' error with its own message", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))),
    );
    const error = await rejection(createApi(API).request("counts?site=demo&page=a"));
    expect(error.code).toBe("network");
    expect(errorText(error, createTranslator("en", en))).toMatch(/could not be reached/);
  });

  test("an aborted request is not dressed up as a network error", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn((_: unknown, init?: RequestInit) => Promise.reject(init?.signal?.reason)),
    );
    const controller = new AbortController();
    controller.abort();
    await expect(createApi(API, controller.signal).thread({ site: "demo", page: "p" })).rejects.not.toBeInstanceOf(ApiError);
  });

  test("posts JSON without cookies, and answers with the status (201 or 202)", async () => {
    const api = fakeApi({ post: () => ({ status: 202, body: { comment: {}, editToken: "t", editableUntil: "x" } }) });
    const result = await createApi(API).request("comments", "POST", { site: "demo", page: "p", body: "hi" });
    expect(result.status).toBe(202);
    expect(api.calls[0]?.url.href).toBe(`${API}/api/v1/comments`);
    expect(api.calls[0]?.init).toMatchObject({ method: "POST", credentials: "omit" });
    expect(api.calls[0]?.body).toEqual({ site: "demo", page: "p", body: "hi" });
  });

  test("the thread read: the cursor is only sent when there is one", async () => {
    const api = fakeApi({ thread: () => ({ body: { thread: {}, comments: [], nextCursor: null } }) });
    await createApi(API).thread({ site: "demo", page: "p", cursor: null });
    await createApi(API).thread({ site: "demo", page: "p", cursor: "abc", sort: "newest", limit: 10 });
    expect(api.calls[0]?.url.searchParams.has("cursor")).toBe(false);
    expect(Object.fromEntries(api.calls[1]?.url.searchParams ?? [])).toEqual({
      site: "demo",
      page: "p",
      sort: "newest",
      limit: "10",
      cursor: "abc",
    });
  });

  test("the thread read sends the edit tokens held in Bascule-Tokens, and no custom header without them", async () => {
    const api = fakeApi({ thread: () => ({ body: { thread: {}, comments: [], nextCursor: null } }) });
    await createApi(API).thread({ site: "demo", page: "p", tokens: [] });
    await createApi(API).thread({ site: "demo", page: "p", tokens: ["tok-a", "tok-b"] });
    // Without tokens the read stays a simple CORS request (no preflight).
    expect(api.calls[0]?.init?.headers).toEqual({});
    expect(headersOf(api.calls[1])["bascule-tokens"]).toBe("tok-a tok-b");
  });

  test("a 204 without a body is a success; any other answer without JSON is not", async () => {
    fakeApi({ remove: () => ({ status: 204, body: null }) });
    await expect(createApi(API).request("comments/c1", "DELETE", undefined, { authorization: "Bearer t" })).resolves.toMatchObject({
      status: 204,
    });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("", { status: 200 })),
    );
    await expect(createApi(API).request("comments/c1", "PATCH", { body: "x" })).rejects.toBeInstanceOf(ApiError);
  });
});
