import type {
  ApiErrorBody,
  CountsResponse,
  NewCommentRequest,
  NewCommentResponse,
  SortOrder,
  ThreadResponse,
} from "../worker/api-types.ts";
import type { I18n } from "./i18n/index.ts";

/** API.md's error JSON as a thrown value; `code` "network" when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface ThreadQuery {
  site: string;
  page: string;
  sort?: SortOrder;
  limit?: number;
  cursor?: string | null;
}

export interface Api {
  thread(query: ThreadQuery): Promise<ThreadResponse>;
  /** 201 when published, 202 when held for moderation. */
  postComment(body: NewCommentRequest): Promise<{ status: number; data: NewCommentResponse }>;
  counts(site: string, pages: string[]): Promise<CountsResponse>;
}

/** One request helper for every endpoint. No cookies, ever: `credentials: "omit"`. */
export function createApi(base: string, signal?: AbortSignal): Api {
  async function request<T>(path: string, init: RequestInit = {}): Promise<{ status: number; data: T }> {
    let response: Response;
    try {
      response = await fetch(`${base}/api/v1/${path}`, { ...init, credentials: "omit", signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError(0, "network", "");
    }
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok || data === null) {
      const error = (data as Partial<ApiErrorBody> | null)?.error;
      throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? "", error?.field);
    }
    return { status: response.status, data: data as T };
  }

  return {
    async thread({ site, page, sort = "oldest", limit = 50, cursor }) {
      const query = new URLSearchParams({ site, page, sort, limit: String(limit) });
      if (cursor) query.set("cursor", cursor);
      return (await request<ThreadResponse>(`threads?${query}`)).data;
    },
    postComment: (body) =>
      request<NewCommentResponse>("comments", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    async counts(site, pages) {
      const query = new URLSearchParams({ site });
      for (const page of pages) query.append("page", page);
      return (await request<CountsResponse>(`counts?${query}`)).data;
    },
  };
}

/** What to tell the reader: the server's sentence when there is one, else ours. */
export function errorText(error: unknown, i18n: I18n): string {
  if (error instanceof ApiError && error.code === "network") return i18n.t("error.network");
  return (error instanceof ApiError && error.message) || i18n.t("error.generic");
}
