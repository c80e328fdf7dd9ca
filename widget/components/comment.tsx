import type { PublicComment } from "../../worker/api-types.ts";
import type { I18n } from "../i18n/en.ts";
import { editable } from "../storage.ts";
import { CommentForm } from "./comment-form.tsx";
import type { Open, ThreadPort } from "../thread/contract.ts";

interface Props {
  app: ThreadPort;
  comment: PublicComment;
  /** Set below the display depth, where indentation no longer shows whom a reply answers. */
  parent?: PublicComment;
}

/**
 * One comment: `<article id="comment-<id>">`, the permalink target (focusable from script),
 * then its reply form while open.
 * Class names avoid "like", "share", "social" and "ad": ad blockers' cosmetic filters hide
 * elements named so (hence `bascule-heart` for the like button).
 */
export function Comment({ app, comment, parent }: Props) {
  const { open, target, liked, failed, thread } = app.state;
  const { i18n, extra } = app;
  const { t } = i18n;
  const id = `comment-${comment.id}`;
  const name = authorName(comment, i18n);
  const website = httpUrl(comment.author?.website);
  const approved = comment.status === "approved";
  const is = (kind: Open["kind"]) => open?.kind === kind && open.id === comment.id;
  return (
    <>
      <article id={id} class={target === comment.id ? "bascule-target" : undefined} tabIndex={-1}>
        {comment.deleted ? (
          <p class="bascule-placeholder">{t("comment.deleted")}</p>
        ) : (
          <>
            <header class="bascule-meta">
              <span class="bascule-avatar" aria-hidden style={{ backgroundColor: colourOf(name) }}>
                {[...name][0]?.toUpperCase()}
              </span>
              {website ? (
                <a class="bascule-author" href={website} rel="nofollow ugc noopener">
                  {name}
                </a>
              ) : (
                <span class="bascule-author">{name}</span>
              )}
              {comment.byOwner && <span class="bascule-badge">{t("comment.owner")}</span>}
              {!approved && <span class="bascule-badge bascule-pending">{t("comment.pending")}</span>}
              {parent && (
                <a class="bascule-muted" href={`#comment-${parent.id}`}>
                  {t("comment.inReplyTo", { name: authorName(parent, i18n) })}
                </a>
              )}
              <a class="bascule-permalink" href={`#${id}`}>
                <time dateTime={comment.createdAt} title={i18n.fullDate(comment.createdAt)}>
                  {i18n.relative(comment.createdAt)}
                </time>
              </a>
              {comment.editedAt && (
                <span class="bascule-muted" title={i18n.fullDate(comment.editedAt)}>
                  {t("comment.edited")}
                </span>
              )}
            </header>
            {is("edit") && extra ? (
              <extra.EditForm app={app} comment={comment} />
            ) : (
              // Raw HTML, rendered and sanitised by the server (the preview tab is the other such place).
              <div class="bascule-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
            )}
            <footer class="bascule-actions">
              {approved && (
                <button
                  type="button"
                  class="bascule-link bascule-heart"
                  aria-pressed={liked.includes(comment.id)}
                  aria-label={i18n.plural("comment.like", comment.likes)}
                  onClick={() => app.like(comment.id)}
                >
                  ♥ {comment.likes || ""}
                </button>
              )}
              {approved && !thread?.closed && (
                <button
                  type="button"
                  class="bascule-link"
                  aria-expanded={is("reply")}
                  aria-label={t("comment.replyTo", { name })}
                  onClick={() => app.open(is("reply") ? null : { kind: "reply", id: comment.id })}
                >
                  {t("comment.reply")}
                </button>
              )}
              {extra && editable(app.tokens[comment.id]) && !is("edit") && <extra.OwnActions app={app} comment={comment} />}
              {failed?.id === comment.id && (
                <span class="bascule-error" role="alert">
                  {failed.message}
                </span>
              )}
            </footer>
          </>
        )}
      </article>
      {/* The reply form, right under its comment. */}
      {is("reply") && (
        <CommentForm app={app} title={t("comment.replyTo", { name })} parentId={comment.id} onCancel={() => app.close(comment.id)} />
      )}
    </>
  );
}

export function authorName(comment: PublicComment, i18n: I18n): string {
  return comment.author?.name?.trim() || i18n.t("comment.anonymous");
}

/** Only http(s) addresses become links: no javascript:, data: or relative URLs (the API only stores http(s) ones anyway). */
function httpUrl(value: string | null | undefined): string | undefined {
  return value && /^https?:\/\/[^/]/i.test(value) ? value : undefined;
}

/** A stable hue per name, dark enough for a white initial. */
function colourOf(name: string): string {
  let hue = 0;
  for (const char of name) hue = (hue * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return `hsl(${hue},45%,38%)`;
}
