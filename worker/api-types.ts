// The shapes of the public HTTP API (docs/api.md), shared with the widget through
// `import type`. It imports nothing, so anything may depend on it and nothing loops back.

export type CommentStatus = "pending" | "approved" | "spam" | "deleted";

export type SortOrder = "oldest" | "newest" | "top";

export interface PublicAuthor {
  name: string | null;
  website: string | null;
  /** Always null for now: Bascule fetches no third-party avatars (privacy). */
  avatar: string | null;
}

export interface PublicComment {
  id: string;
  parentId: string | null;
  depth: number;
  /** Null on a placeholder (`deleted: true`). */
  author: PublicAuthor | null;
  /** Server-rendered, sanitised HTML; empty on a placeholder. */
  html: string;
  createdAt: string;
  editedAt: string | null;
  likes: number;
  byOwner: boolean;
  deleted: boolean;
  /** `pending` only ever reaches the author who holds the comment's edit token. */
  status: "approved" | "pending";
  /** A top-level comment whose replies didn't all fit in the page: how many more, and the cursor for `parentId` (docs/api.md "Bounded pages"). */
  moreReplies?: MoreReplies;
}

export interface MoreReplies {
  /** Counted up to 10,000. */
  count: number;
  cursor: string;
}

export interface ThreadInfo {
  page: string;
  title: string | null;
  url: string | null;
  count: number;
  closed: boolean;
  /** The thread's Atom feed, on the worker's origin (GET /api/v1/feed?site=S&page=P). GET /threads always gives it. */
  feed?: string;
}

export interface FormInfo {
  /** Signed proof of when the form appeared; send it back as `formToken`. */
  token: string;
  /** When set, the widget shows Cloudflare Turnstile and sends its answer as `turnstileToken`. */
  turnstileSiteKey: string | null;
}

/** What the widget needs of the site's settings. */
export interface SiteDisplay {
  /** The site's language when the page says nothing. */
  locale: string;
  /** Indentation levels before deeper replies are shown flat, "in reply to NAME". */
  displayDepth: number;
  editWindowMinutes: number;
}

export interface ThreadResponse {
  thread: ThreadInfo;
  site: SiteDisplay;
  form: FormInfo;
  /** Display order: each top-level comment followed by its replies, depth first. */
  comments: PublicComment[];
  nextCursor: string | null;
}

export interface NewCommentRequest {
  site: string;
  page: string;
  url?: string;
  title?: string;
  parentId?: string;
  author?: { name?: string; email?: string; website?: string };
  body: string;
  /** With `author.email`: true subscribes to replies to this comment, "thread" to every new comment of the thread (double opt-in). */
  notify?: boolean | "thread";
  /** From `form.token` of the thread read (bot trap). */
  formToken?: string;
  /** Honeypot: a field people never see; anything in it marks the comment as spam. */
  homepage?: string;
  turnstileToken?: string;
}

export interface NewCommentResponse {
  comment: PublicComment;
  editToken: string;
  editableUntil: string;
  /** The form token for the next comment from the same form (it counts on: at most 5 a token). */
  formToken: string;
}

export interface CountsResponse {
  counts: Record<string, number>;
}

export interface PreviewRequest {
  body: string;
  site?: string;
}

export interface PreviewResponse {
  html: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

// Owner API (Authorization: Bearer <admin token>).

export interface AdminComment extends Omit<PublicComment, "status"> {
  status: CommentStatus;
  /** The Markdown source, for editing. */
  body: string;
  email: string | null;
  ipHash: string | null;
  pinned: boolean;
  thread: { page: string; title: string | null; url: string | null };
}

/** PATCH /admin/comments/:id. */
export interface AdminCommentChange {
  status?: "pending" | "approved" | "spam";
  body?: string;
  pinned?: boolean;
  /** With `status: "approved"`: the `editedAt` of the version the owner saw (absent: null, never edited). */
  editedAt?: string | null;
}

/** POST /admin/comments/:id/reply: published at once as the owner's. */
export interface OwnerReplyRequest {
  body: string;
  /** The name shown on the reply; none: the widget's "Anonymous" with the owner's badge. */
  name?: string;
  /** The `editedAt` of the held parent the owner saw: the reply publishes it. */
  editedAt?: string | null;
}

export interface OwnerReplyResponse {
  comment: AdminComment;
  /** The parent as it is now (published, if it was held). */
  parent: AdminComment;
}

/**
 * POST /moderate/<token> (issue 11), as a form or JSON. Answers: 200 `{ comment }` for a status
 * change, 201 OwnerReplyResponse for a reply, 200 `{ deleted: true }` for a confirmed deletion.
 */
export interface ModerateRequest {
  /** `hold` puts a comment back to waiting: the undo of an approval. */
  action: "approve" | "hold" | "spam" | "delete" | "reply";
  /** For `reply`: Markdown. */
  body?: string;
  /** The `editedAt` of the version shown (null or empty: never edited). */
  editedAt?: string | null;
  /** For `delete`, which can't be undone: `true` (a form sends "yes"). */
  confirm?: true | "yes";
}

/** PATCH /admin/threads: the owner corrects a thread's title or URL (null clears it). */
export interface ThreadMetaChange {
  site: string;
  page: string;
  title?: string | null;
  url?: string | null;
}

/** A stale approval (409 `comment_changed`): the error, and the comment as it is now. */
export interface StaleApproval extends ApiErrorBody {
  comment: AdminComment;
}

export interface AdminCommentsResponse {
  comments: AdminComment[];
  nextCursor: string | null;
}

/** One line of the delivery log (API.md "Transports and the log"): owner routes only. */
export interface AdminDelivery {
  id: string;
  /** owner.comment, owner.digest, reader.confirm, reader.reply, reader.approved, reader.gathered, test, webhook. */
  kind: string;
  /** The transport that carried it (email = the EMAIL binding), or webhook. */
  channel: "email" | "resend" | "postmark" | "mailgun" | "webhook";
  /** The address mailed; for a webhook, its host with the end of its path (the rest may be a secret). */
  to: string;
  status: "queued" | "sent" | "failed" | "suppressed";
  attempts: number;
  /** The provider's own error text, or why it wasn't sent (suppressed, gathered, not configured). */
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DeliveriesResponse {
  deliveries: AdminDelivery[];
  nextCursor: string | null;
}

/** POST /api/v1/admin/sites/:site/test-mail: one delivery per owner address, `delivery` the first. */
export interface TestMailResponse {
  delivery: AdminDelivery;
  deliveries: AdminDelivery[];
}

/** GET /api/v1/health's `mail`: names only, never a value. */
export interface MailHealth {
  configured: boolean;
  transport: "email" | "resend" | "postmark" | "mailgun" | null;
  /** What to set, when mail isn't configured. */
  problem?: string;
}

export interface SiteSettingsBody {
  moderation: "none" | "first" | "all";
  maxLinks: number;
  holdWords: string[];
  blockWords: string[];
  ownerEmails: string[];
  editWindowMinutes: number;
  displayDepth: number;
  locale: string;
  closeAfterDays: number | null;
  /** Bot trap: a comment sent sooner after the form appeared is spam. */
  minSubmitSeconds: number;
  /** Cloudflare Turnstile, off unless set (the secret is the worker secret TURNSTILE_SECRET). */
  turnstileSiteKey: string | null;
  /** Days a comment's and a like's IP hash is kept (1–3650); a daily job drops older ones. */
  ipRetentionDays: number;
}

/** One of a site's signed webhooks (docs/webhooks.md). */
export interface WebhookSetting {
  /** https (http only for localhost and 127.0.0.1); never a private address. */
  url: string;
  /** 16 to 200 printable ASCII characters; signs each call (Bascule-Signature). */
  secret: string;
  events: Array<"comment.created" | "comment.published" | "comment.deleted">;
  format: "json" | "slack" | "discord" | "ntfy";
}

export interface SiteBody extends SiteSettingsBody {
  key: string;
  origins: string[];
  /** Always in the API's answers. Not a field of the settings form yet: a PUT that leaves it out keeps the webhooks as they are. */
  webhooks?: WebhookSetting[];
}

export interface AdminThread {
  page: string;
  title: string | null;
  url: string | null;
  count: number;
  closed: boolean;
  createdAt: string;
}

export interface AdminBan {
  kind: "email" | "ip" | "name";
  value: string;
  createdAt: string;
}

/** Something an import skipped or changed, and why. */
export interface ImportProblem {
  code: string;
  message: string;
  /** Line in the file, where the format has lines worth naming. */
  line?: number;
  /** The comment's or thread's source key (`format:id`, lib/import/model.ts SourceKey). */
  source?: string;
}

/** POST /admin/import's answer: what this import created, what it found already there, what it skipped and why. */
export interface ImportAnswer {
  threads: number;
  comments: number;
  existing: number;
  skipped: number;
  problems: ImportProblem[];
}
