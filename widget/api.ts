import type { ApiErrorBody, SortOrder, ThreadResponse } from "../worker/api-types.ts";
import { READER_TOKENS_HEADER } from "../worker/lib/reader-tokens.ts";

// One request helper, one small function per endpoint embed.js reads (admin/api.ts does the
// same for the owner routes). The write endpoints are in widget/extra/api.ts, part of
// embed-extra.js, and the counts in widget/counts.ts, part of embed-page.js, so that they
// cost embed.js nothing.

/**
 * API.md's error JSON as a thrown value, made from the answer's status and body (any body:
 * an error page without JSON gives `http_<status>`). Status 0 means no answer came: `code`
 * "network". The owner page (admin/api.ts) throws it too.
 */
export class ApiError extends Error {
  declare readonly code: string;
  declare readonly field?: string;

  constructor(
    readonly status: number,
    body?: unknown,
  ) {
    const error = (body as Partial<ApiErrorBody> | null | undefined)?.error;
    super(error?.message ?? "");
    this.code = status ? (error?.code ?? `http_${status}`) : "network";
    this.field = error?.field;
  }
}

export interface ThreadQuery {
  site: string;
  page: string;
  sort?: SortOrder;
  limit?: number;
  cursor?: string | null;
  /** Edit tokens held: the reader's own comments held for moderation come back too. */
  tokens?: string[];
}

export interface Api {
  /** The API's origin; the extra bundle comes from there too. */
  base: string;
  /** The request helper itself: embed-extra.js builds the write endpoints on it (widget/extra/api.ts). */
  request: Request;
  thread(query: ThreadQuery): Promise<ThreadResponse>;
}

export type Request = <T>(
  path: string,
  method?: string,
  body?: object,
  headers?: Record<string, string>,
) => Promise<{ status: number; data: T }>;

/** One request helper for every endpoint. No cookies, ever: `credentials: "omit"`. */
export function createApi(base: string, signal?: AbortSignal): Api {
  async function request<T>(path: string, method = "GET", body?: object, headers: Record<string, string> = {}) {
    let response: Response;
    if (body) headers["content-type"] = "application/json";
    try {
      response = await fetch(`${base}/api/v1/${path}`, {
        method,
        headers,
        body: body && JSON.stringify(body),
        credentials: "omit",
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0);
    }
    const data: unknown = await response.json().catch(() => null);
    // A 204 (DELETE) has no body; any other answer without JSON is an error page.
    if (!response.ok || (data === null && response.status !== 204)) throw new ApiError(response.status, data);
    return { status: response.status, data: data as T };
  }

  return {
    base,
    request,
    async thread({ site, page, sort = "oldest", limit = 50, cursor, tokens = [] }) {
      const query = new URLSearchParams({ site, page, sort, limit: String(limit) });
      if (cursor) query.set("cursor", cursor);
      // Only with tokens: a custom header makes the read a CORS preflighted request.
      const headers: Record<string, string> = tokens.length ? { [READER_TOKENS_HEADER]: tokens.join(" ") } : {};
      return (await request<ThreadResponse>(`threads?${query}`, "GET", undefined, headers)).data;
    },
  };
}

/** A refused read is a setup problem (unknown site, origin not allowed): say so where the owner looks. */
export function logRefusal(error: unknown) {
  if (error instanceof ApiError && error.message) console.error(`[bascule] ${error.message}`);
}

/** What to tell the reader (or the owner): the server's sentence when there is one, else ours. */
export function errorText(error: unknown, i18n: { t(key: "error.network" | "error.generic"): string }): string {
  if (error instanceof ApiError && error.code === "network") return i18n.t("error.network");
  return (error instanceof ApiError && error.message) || i18n.t("error.generic");
}
