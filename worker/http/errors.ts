import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
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
  if (error instanceof ApiError) {
    logError(c, error.status, error.code);
    return c.json(errorBody(error.code, error.message, error.field), error.status);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code = error.status === 400 ? "invalid_json" : "bad_request";
    logError(c, error.status, code);
    return c.json(errorBody(code, error.message || "The request is not valid."), error.status);
  }
  const requestId = logError(c, 500, "internal_error", error);
  return c.json({ error: { ...errorBody("internal_error", "Something went wrong on our side. Please try again.").error, requestId } }, 500);
}

/**
 * One structured line for Workers Logs (wrangler.toml [observability]) per error answer: the
 * route pattern (never the path, which holds page keys and ids), the status, the code and the
 * request id. Never a message: those can quote what a reader sent. An unexpected error adds its
 * name and stack frames, without its message line for the same reason. Gives the request id.
 */
export function logError(c: Context, status: number, code: string, error?: Error): string {
  const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
  const line: Record<string, unknown> = {
    level: status >= 500 ? "error" : "warn",
    requestId,
    method: c.req.method,
    route: routePath(c, -1),
    status,
    code,
  };
  if (error !== undefined)
    line.error = {
      name: error.name,
      frames: error.stack
        ?.split("\n")
        .filter((frame) => /^\s+at /.test(frame))
        .slice(0, 8)
        .map((frame) => frame.trim()),
    };
  (status >= 500 ? console.error : console.warn)(JSON.stringify(line));
  return requestId;
}
