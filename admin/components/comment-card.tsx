import type { AdminComment } from "../../worker/api-types.ts";
import type { QueueStatus } from "../api.ts";
import type { TextKey } from "../i18n/en.ts";
import type { I18n } from "../i18n/index.ts";
import { httpUrl } from "../links.ts";
import { OwnerReply } from "./owner-reply.tsx";

export type Verdict = Extract<QueueStatus, "approved" | "spam"> | "delete";

interface Props {
  i18n: I18n;
  comment: AdminComment;
  selected: boolean;
  /** The list shows several statuses (All, or a search): say which each comment has. */
  showStatus: boolean;
  onSelect: (id: string) => void;
  onAct: (comment: AdminComment, verdict: Verdict) => void;
  /** "Reply as owner" (not on spam or placeholders); rejects to keep the text. */
  onReply: (comment: AdminComment, body: string) => Promise<void>;
}

const STATUS_KEYS: Record<AdminComment["status"], TextKey> = {
  pending: "queue.status.pending",
  approved: "queue.status.approved",
  spam: "queue.status.spam",
  deleted: "comment.statusDeleted",
};

/** One comment as the owner sees it: who wrote it, where, from which IP hash, and what. */
export function CommentCard({ i18n, comment, selected, showStatus, onSelect, onAct, onReply }: Props) {
  const id = `comment-${comment.id}`;
  const name = comment.author?.name?.trim() || i18n.t("comment.anonymous");
  const website = httpUrl(comment.author?.website);
  const threadUrl = httpUrl(comment.thread.url);
  const threadTitle = comment.thread.title?.trim() || comment.thread.page;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard users select a card by focusing into it (onFocusIn).
    <article
      id={id}
      class={selected ? "card card-selected" : "card"}
      tabIndex={-1}
      aria-label={i18n.t("comment.by", { name })}
      aria-current={selected ? "true" : undefined}
      onClick={() => onSelect(comment.id)}
      onFocusIn={() => onSelect(comment.id)}
    >
      <header class="card-head">
        <h3 class="card-author">{name}</h3>
        {showStatus && <span class={`badge badge-${comment.status}`}>{i18n.t(STATUS_KEYS[comment.status])}</span>}
        {comment.pinned && <span class="badge">{i18n.t("comment.pinned")}</span>}
        {comment.parentId && <span class="badge">{i18n.t("comment.reply")}</span>}
        <time class="muted" dateTime={comment.createdAt} title={i18n.fullDate(comment.createdAt)}>
          {i18n.relative(comment.createdAt)}
        </time>
      </header>
      <p class="card-thread">
        {i18n.t("comment.on")}{" "}
        {threadUrl ? (
          <a href={threadUrl} rel="noopener noreferrer" target="_blank">
            {threadTitle}
          </a>
        ) : (
          <span>{threadTitle}</span>
        )}
      </p>
      <dl class="facts">
        <div>
          <dt>{i18n.t("comment.email")}</dt>
          <dd>
            {comment.email ? <a href={`mailto:${comment.email}`}>{comment.email}</a> : <span class="muted">{i18n.t("comment.none")}</span>}
          </dd>
        </div>
        <div>
          <dt>{i18n.t("comment.website")}</dt>
          <dd>
            {website ? (
              <a href={website} rel="nofollow noopener noreferrer" target="_blank">
                {comment.author?.website}
              </a>
            ) : (
              <span class="muted">{i18n.t("comment.none")}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{i18n.t("comment.ip")}</dt>
          <dd>{comment.ipHash ? <code class="hash">{comment.ipHash}</code> : <span class="muted">{i18n.t("comment.none")}</span>}</dd>
        </div>
      </dl>
      {comment.deleted ? (
        <p class="muted">{i18n.t("comment.deleted")}</p>
      ) : (
        // The one place raw HTML enters the page: the server renders and sanitises it.
        <div class="card-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {comment.editedAt && <p class="muted">({i18n.t("comment.edited")})</p>}
      <div class="card-actions">
        {!comment.deleted && comment.status !== "approved" && (
          <button type="button" class="button" aria-keyshortcuts="a" onClick={() => onAct(comment, "approved")}>
            {i18n.t("action.approve")}
          </button>
        )}
        {!comment.deleted && comment.status !== "spam" && (
          <button type="button" class="button button-quiet" aria-keyshortcuts="s" onClick={() => onAct(comment, "spam")}>
            {i18n.t("action.spam")}
          </button>
        )}
        <button type="button" class="button button-danger" aria-keyshortcuts="d" onClick={() => onAct(comment, "delete")}>
          {i18n.t("action.delete")}
        </button>
      </div>
      {!comment.deleted && comment.status !== "spam" && <OwnerReply i18n={i18n} comment={comment} onReply={onReply} />}
    </article>
  );
}
