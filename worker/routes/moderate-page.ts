// The HTML of the one-click moderation page (routes/moderate.ts). Server-rendered, works on a
// phone and without JavaScript: every action is a form that POSTs to the page's own URL. The
// CSP allows no inline style, so the look is the static /moderate.css. The comment's HTML is
// the one renderer's (lib/markdown.ts); every other text goes through escapeHtml.
import type { CommentInSite } from "../db/comments.ts";
import { BODY_MAX } from "../lib/fields.ts";
import { escapeHtml } from "../lib/markdown.ts";
import type { OwnerStrings, OwnerTextKey } from "../mail/i18n/owner.ts";
import { threadLink, threadTitle } from "../mail/owner-mail.ts";

/** Only ours: styles from /moderate.css, forms to this origin, nothing framed, no script at all. */
export const MODERATE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export const PAGE_HEADERS: Record<string, string> = {
  "Content-Security-Policy": MODERATE_CSP,
  // The token is in the URL: no link on the page may carry it away in a Referer.
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
};

/** What an action did, said at the top of the page, with the form that undoes it, if any. */
export interface Notice {
  text: string;
  undo?: { action: "approve" | "hold" | "spam"; editedAt: string | null };
}

export function shell(t: OwnerStrings, title: string, main: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(t.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/moderate.css">
</head>
<body>
<main>
${main}
</main>
</body>
</html>`;
}

const p = (text: string, className?: string) => `<p${className ? ` class="${className}"` : ""}>${escapeHtml(text)}</p>`;

function hiddenVersion(editedAt: string | null): string {
  return `<input type="hidden" name="editedAt" value="${escapeHtml(editedAt ?? "")}">`;
}

function button(t: OwnerStrings, action: string, key: OwnerTextKey, className = "button"): string {
  return `<button type="submit" name="action" value="${action}" class="${className}">${escapeHtml(t.t(key))}</button>`;
}

/** The comment as the owner sees it: status, thread, author with e-mail and website, text, date. */
function commentCard(t: OwnerStrings, comment: CommentInSite): string {
  const dates = new Intl.DateTimeFormat(t.lang, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const title = threadTitle(comment);
  const link = threadLink(comment.url);
  const thread = link === null ? escapeHtml(title) : `<a href="${escapeHtml(link)}">${escapeHtml(title)}</a>`;
  const onThread = escapeHtml(t.t("page.on", { title: "\u0000" })).replace("\u0000", thread);
  const author = comment.author_name ?? t.t("author.anonymous");
  const details = [
    `<dt>${escapeHtml(t.t("page.email"))}</dt><dd>${escapeHtml(comment.author_email ?? t.t("author.noEmail"))}</dd>`,
    comment.author_website ? `<dt>${escapeHtml(t.t("page.website"))}</dt><dd>${escapeHtml(comment.author_website)}</dd>` : "",
  ].join("");
  const when = `${dates.format(new Date(comment.created_at))} UTC${comment.edited_at ? ` (${escapeHtml(t.t("page.edited"))})` : ""}`;
  return `<article class="comment">
<p class="status status-${comment.status}">${escapeHtml(t.t(`page.status.${comment.status}`))}</p>
<p class="thread">${onThread}</p>
<p class="author"><strong>${escapeHtml(author)}</strong> · <time datetime="${escapeHtml(comment.created_at)}">${when}</time></p>
<dl class="details">${details}</dl>
${comment.status === "deleted" ? "" : `<div class="body">${comment.html}</div>`}
</article>`;
}

/** The buttons a comment in this status has: those of the admin page (approve unless approved, spam unless spam, delete), and the reply. */
function actions(t: OwnerStrings, comment: CommentInSite, path: string): string {
  if (comment.status === "deleted") return "";
  const buttons = [
    comment.status === "approved" ? "" : button(t, "approve", "page.approve"),
    comment.status === "spam" ? "" : button(t, "spam", "page.spam", "button button-quiet"),
    button(t, "delete", "page.delete", "button button-danger"),
  ].join("\n");
  const verdicts = `<form method="post" action="${escapeHtml(path)}" class="actions">\n${hiddenVersion(comment.edited_at)}\n${buttons}\n</form>`;
  if (comment.status === "spam") return verdicts;
  const reply = `<form method="post" action="${escapeHtml(path)}" class="reply">
<label for="reply-body">${escapeHtml(t.t("page.replyLabel"))}</label>
<textarea id="reply-body" name="body" rows="5" maxlength="${BODY_MAX}" required></textarea>
${p(t.t("page.replyHint"), "hint")}
${hiddenVersion(comment.edited_at)}
${button(t, "reply", "page.replySend")}
</form>`;
  return `${verdicts}\n${reply}`;
}

function noticeBlock(t: OwnerStrings, notice: Notice | undefined, path: string, className = "notice"): string {
  if (notice === undefined) return "";
  const undo =
    notice.undo === undefined
      ? ""
      : `<form method="post" action="${escapeHtml(path)}" class="undo">${hiddenVersion(notice.undo.editedAt)}${button(t, notice.undo.action, "page.undo", "button button-quiet")}</form>`;
  return `<div class="${className}" role="status">${p(notice.text)}${undo}</div>`;
}

function footer(t: OwnerStrings, origin: string, comment?: CommentInSite): string {
  const link = comment === undefined ? null : threadLink(comment.url);
  const thread = link === null ? "" : `<a href="${escapeHtml(link)}">${escapeHtml(t.t("page.viewThread"))}</a> · `;
  return `<p class="links">${thread}<a href="${escapeHtml(origin)}/admin">${escapeHtml(t.t("page.admin"))}</a></p>`;
}

/** The page of one comment, with what was just done (and its undo) at the top. */
export function commentPage(t: OwnerStrings, comment: CommentInSite, path: string, origin: string, notice?: Notice, warn = false): string {
  const main = [
    `<h1>${escapeHtml(t.t("page.title"))}</h1>`,
    noticeBlock(t, notice, path, warn ? "notice notice-warn" : "notice"),
    commentCard(t, comment),
    actions(t, comment, path),
    footer(t, origin, comment),
  ].join("\n");
  return shell(t, t.t("page.title"), main);
}

/** "Delete for good?": a deletion can't be undone, so it is asked for once more. */
export function confirmDeletePage(t: OwnerStrings, comment: CommentInSite, path: string, origin: string): string {
  const form = `<form method="post" action="${escapeHtml(path)}" class="actions">
<input type="hidden" name="confirm" value="yes">
${button(t, "delete", "page.confirmYes", "button button-danger")}
<a class="button button-quiet" href="${escapeHtml(path)}">${escapeHtml(t.t("page.confirmNo"))}</a>
</form>`;
  const main = [
    `<h1>${escapeHtml(t.t("page.title"))}</h1>`,
    `<div class="notice notice-warn" role="alert">${p(t.t("page.confirmDelete"))}</div>`,
    form,
    commentCard(t, comment),
    footer(t, origin, comment),
  ].join("\n");
  return shell(t, t.t("page.title"), main);
}

/** After a deletion: there is no comment left to show. */
export function deletedPage(t: OwnerStrings, comment: CommentInSite, origin: string): string {
  const main = [
    `<h1>${escapeHtml(t.t("page.title"))}</h1>`,
    `<div class="notice" role="status">${p(t.t("page.done.deleted"))}</div>`,
    footer(t, origin, comment),
  ];
  return shell(t, t.t("page.title"), main.join("\n"));
}

/** A refusal: what went wrong and where to go instead. */
export function errorPage(t: OwnerStrings, message: string, origin: string): string {
  const main = [
    `<h1>${escapeHtml(t.t("page.error.title"))}</h1>`,
    `<div class="notice notice-warn" role="alert">${p(message)}</div>`,
    footer(t, origin),
  ].join("\n");
  return shell(t, t.t("page.error.title"), main);
}
