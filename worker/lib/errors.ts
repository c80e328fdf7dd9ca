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

export function errorBody(code: string, message: string, field?: string): ApiErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}
