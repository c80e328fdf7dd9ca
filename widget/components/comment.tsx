import type { PublicComment } from "../../worker/api-types.ts";
import type { I18n } from "../i18n/index.ts";

interface Props {
  i18n: I18n;
  comment: PublicComment;
  replying: boolean;
  /** Absent when the thread is closed or the comment can't take replies. */
  onReply?: () => void;
}

/** One comment: `<article id="comment-<id>">`, the permalink target (focusable from script). */
export function Comment({ i18n, comment, replying, onReply }: Props) {
  const id = `comment-${comment.id}`;
  if (comment.deleted) {
    return (
      <article id={id} class="bascule-comment bascule-deleted" tabIndex={-1}>
        <p class="bascule-placeholder">{i18n.t("comment.deleted")}</p>
      </article>
    );
  }

  const name = authorName(comment, i18n);
  const website = httpUrl(comment.author?.website);
  return (
    <article id={id} class="bascule-comment" tabIndex={-1}>
      <header class="bascule-meta">
        <span class="bascule-avatar" aria-hidden="true" style={{ backgroundColor: colourOf(name) }}>
          {Array.from(name)[0]?.toUpperCase()}
        </span>
        {website ? (
          <a class="bascule-author" href={website} rel="nofollow ugc noopener">
            {name}
          </a>
        ) : (
          <span class="bascule-author">{name}</span>
        )}
        {comment.byOwner && <span class="bascule-badge">{i18n.t("comment.owner")}</span>}
        {comment.status === "pending" && <span class="bascule-badge bascule-pending">{i18n.t("comment.pending")}</span>}
        <a class="bascule-permalink" href={`#${id}`}>
          <time dateTime={comment.createdAt} title={i18n.fullDate(comment.createdAt)}>
            {i18n.relative(comment.createdAt)}
          </time>
        </a>
      </header>
      {/* The one place raw HTML enters the DOM: the server renders and sanitises it. */}
      <div class="bascule-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
      {onReply && (
        <footer class="bascule-actions">
          <button
            type="button"
            class="bascule-link"
            aria-expanded={replying}
            aria-label={i18n.t("comment.replyTo", { name })}
            onClick={onReply}
          >
            {i18n.t("comment.reply")}
          </button>
        </footer>
      )}
    </article>
  );
}

export function authorName(comment: PublicComment, i18n: I18n): string {
  return comment.author?.name?.trim() || i18n.t("comment.anonymous");
}

/** Only http(s) addresses become links: no javascript:, data: or relative URLs. */
function httpUrl(value: string | null | undefined): string | null {
  try {
    const url = new URL(value ?? "");
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A stable hue per name, dark enough for a white initial. */
function colourOf(name: string): string {
  let hue = 0;
  for (const char of name) hue = (hue * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return `hsl(${hue},45%,38%)`;
}
