import type {
  ImportAnswer,
  AdminComment,
  AdminCommentChange,
  OwnerReplyResponse,
  StaleApproval,
  AdminCommentsResponse,
  AdminThread,
  CommentStatus,
  DeliveriesResponse,
  MailHealth,
  SiteBody,
  SiteSettingsBody,
  TestMailResponse,
} from "../worker/api-types.ts";
import type { ThreadMove } from "../worker/lib/import/moves.ts";
import { ApiError, errorText } from "../widget/api.ts";
import { contentTypeOf, exportFileName, type ExportFormat, type ImportFormat } from "./transfer-files.ts";

// One request helper for the owner routes of API.md, one small function per endpoint.
// The page is served by the same worker, so every path is relative to its origin. Errors
// are the widget's: one ApiError made from API.md's error JSON, one errorText.

export { ApiError, errorText };

/** A 409 `comment_changed`: the comment was edited since the owner saw it; `current` is how it is now. */
export class StaleComment extends ApiError {
  readonly current: AdminComment;

  constructor(body: StaleApproval) {
    super(409, body);
    this.current = body.comment;
  }
}

export type QueueStatus = Exclude<CommentStatus, "deleted">;

export interface QueueQuery {
  site: string;
  /** Absent: every status. */
  status?: QueueStatus;
  q?: string;
  cursor?: string | null;
}

/** Everything PUT /sites/:site takes: the settings and the origins, never the key. */
export type SiteChange = SiteSettingsBody & { origins: string[] };

export type { ImportAnswer };

/** What /admin/threads/move and /admin/threads/rewrite did: one entry per thread moved. */
export type MovedThread = ThreadMove["moved"][number];

/** An export, fetched with the token, ready to save. */
export interface ExportFile {
  blob: Blob;
  name: string;
}

export interface AdminApi {
  sites(): Promise<SiteBody[]>;
  site(key: string): Promise<SiteBody>;
  saveSite(key: string, change: SiteChange): Promise<SiteBody>;
  comments(query: QueueQuery): Promise<AdminCommentsResponse>;
  /** An approval names the version shown (`editedAt`): a stale one rejects with StaleComment. */
  setStatus(id: string, status: QueueStatus, editedAt?: string | null): Promise<AdminComment>;
  /** Published at once as the owner's; a held parent is published with it. */
  replyAsOwner(parent: AdminComment, body: string): Promise<OwnerReplyResponse>;
  /** `keepalive` lets the request outlive the page (sent as the tab is hidden or closed). */
  deleteComment(id: string, options?: { keepalive?: boolean }): Promise<void>;
  threads(site: string): Promise<AdminThread[]>;
  closeThread(site: string, page: string, closed: boolean): Promise<void>;
  /** Sends the export file itself as the body, with the content type of its format. */
  importFile(site: string, format: ImportFormat, file: Blob): Promise<ImportAnswer>;
  exportFile(site: string, format: ExportFormat): Promise<ExportFile>;
  moveThread(site: string, from: string, to: string): Promise<MovedThread[]>;
  rewritePrefix(site: string, prefixFrom: string, prefixTo: string): Promise<MovedThread[]>;
  /** The delivery log, newest first (issue 11). */
  deliveries(site: string, cursor?: string | null): Promise<DeliveriesResponse>;
  /** Queues a test e-mail to every owner address; its result appears in the log. */
  sendTestMail(site: string): Promise<TestMailResponse>;
  /** Whether mail can leave, from GET /api/v1/health (no token needed). */
  mailHealth(): Promise<MailHealth>;
}

/**
 * `onUnauthorized` runs on any 401 (a rotated or mistyped token) so the page can ask for
 * the token again; the call still rejects.
 */
export function createAdminApi(token: string, onUnauthorized: () => void = () => {}): AdminApi {
  /** Any answer that is not a 2xx becomes an ApiError carrying API.md's error JSON. */
  async function send(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set("authorization", `Bearer ${token}`);
    if (json !== undefined) headers.set("content-type", "application/json");
    let response: Response;
    try {
      response = await fetch(`/api/v1/admin/${path}`, {
        ...rest,
        headers,
        body: json === undefined ? rest.body : JSON.stringify(json),
        credentials: "omit",
        cache: "no-store",
      });
    } catch {
      throw new ApiError(0);
    }
    if (!response.ok) {
      const data: unknown = await response.json().catch(() => null);
      if (response.status === 401) onUnauthorized();
      if (response.status === 409 && (data as Partial<StaleApproval> | null)?.comment) throw new StaleComment(data as StaleApproval);
      throw new ApiError(response.status, data);
    }
    return response;
  }

  async function request<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
    const response = await send(path, init);
    if (response.status === 204) return undefined as T;
    const data: unknown = await response.json().catch(() => null);
    if (data === null) throw new ApiError(response.status);
    return data as T;
  }

  const site = (key: string) => `sites/${encodeURIComponent(key)}`;

  return {
    sites: async () => (await request<{ sites: SiteBody[] }>("sites")).sites,
    site: (key) => request<SiteBody>(site(key)),
    saveSite: (key, change) => request<SiteBody>(site(key), { method: "PUT", json: change }),
    comments({ site, status, q, cursor }) {
      const query = new URLSearchParams({ site });
      if (status) query.set("status", status);
      if (q) query.set("q", q);
      if (cursor) query.set("cursor", cursor);
      return request<AdminCommentsResponse>(`comments?${query}`);
    },
    async setStatus(id, status, editedAt = null) {
      const json: AdminCommentChange = status === "approved" ? { status, editedAt } : { status };
      return (await request<{ comment: AdminComment }>(`comments/${encodeURIComponent(id)}`, { method: "PATCH", json })).comment;
    },
    replyAsOwner: (parent, body) =>
      request<OwnerReplyResponse>(`comments/${encodeURIComponent(parent.id)}/reply`, {
        method: "POST",
        json: { body, editedAt: parent.editedAt },
      }),
    deleteComment: (id, options = {}) =>
      request<void>(`comments/${encodeURIComponent(id)}`, { method: "DELETE", keepalive: options.keepalive ?? false }),
    threads: async (key) => (await request<{ threads: AdminThread[] }>(`threads?${new URLSearchParams({ site: key })}`)).threads,
    closeThread: (key, page, closed) => request<void>("threads/close", { method: "POST", json: { site: key, page, closed } }),
    importFile: (key, format, file) =>
      request<ImportAnswer>(`import?${new URLSearchParams({ site: key, format })}`, {
        method: "POST",
        headers: { "content-type": contentTypeOf(format) },
        body: file,
      }),
    async exportFile(key, format) {
      const response = await send(`export?${new URLSearchParams({ site: key, format })}`);
      let blob: Blob;
      try {
        blob = await response.blob();
      } catch {
        throw new ApiError(0); // the connection broke half-way through the file
      }
      return { blob, name: exportFileName(key, format, response.headers.get("content-disposition")) };
    },
    moveThread: async (key, from, to) =>
      (await request<{ moved: MovedThread[] }>("threads/move", { method: "POST", json: { site: key, from, to } })).moved,
    rewritePrefix: async (key, prefixFrom, prefixTo) =>
      (await request<{ moved: MovedThread[] }>("threads/rewrite", { method: "POST", json: { site: key, prefixFrom, prefixTo } })).moved,
    deliveries(key, cursor = null) {
      const query = new URLSearchParams({ site: key });
      if (cursor) query.set("cursor", cursor);
      return request<DeliveriesResponse>(`deliveries?${query}`);
    },
    sendTestMail: (key) => request<TestMailResponse>(`${site(key)}/test-mail`, { method: "POST" }),
    async mailHealth() {
      let response: Response;
      try {
        response = await fetch("/api/v1/health", { credentials: "omit", cache: "no-store" });
      } catch {
        throw new ApiError(0);
      }
      const data = (await response.json().catch(() => null)) as { mail?: MailHealth } | null;
      if (!response.ok || !data?.mail) throw new ApiError(response.status, data);
      return data.mail;
    },
  };
}
