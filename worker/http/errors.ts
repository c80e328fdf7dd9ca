import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiErrorBody } from "../api-types.ts";

/** The one error type the worker throws; `app.onError` renders it as API.md's JSON shape. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(status, { message });
  }
}

/** 429, with the seconds to wait sent as Retry-After. */
export class RateLimited extends ApiError {
  constructor(
    readonly retryAfter: number,
    message: string,
  ) {
    super(429, "rate_limited", message);
  }
}

/** A per-minute limit (lib/limits.ts) ran out: one wording for comments, likes and previews. */
export function tooManyPerMinute(retryAfter: number, what: string): RateLimited {
  return new RateLimited(retryAfter, `Too many ${what} in a minute. Try again shortly.`);
}

/** The 404s that several routes answer, written once. */
export const notFound = {
  site: (key: string) => new ApiError(404, "site_not_found", `There is no site "${key}".`, "site"),
  comment: () => new ApiError(404, "comment_not_found", "There is no such comment."),
  thread: (message: string, field: string) => new ApiError(404, "thread_not_found", message, field),
};

export function errorBody(code: string, message: string, field?: string): ApiErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** `app.onError`: every error leaves as API.md's JSON shape; only ours say what went wrong. */
export function onError(error: Error, c: Context): Response {
  // Errors carry no data, so any page may read them: the widget shows the message.
  const origin = c.req.header("origin");
  if (origin) c.header("Access-Control-Allow-Origin", origin);
  c.header("Vary", "Origin");
  if (error instanceof RateLimited) c.header("Retry-After", String(error.retryAfter));
  if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.field), error.status);
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.status === 400 ? "invalid_json" : "bad_request";
    return c.json(errorBody(code, error.message || "The request is not valid."), error.status);
  }
  console.error("[bascule] unexpected error", error);
  return c.json(errorBody("internal_error", "Something went wrong on our side. Please try again."), 500);
}
