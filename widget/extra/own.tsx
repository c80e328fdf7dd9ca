// Edit and delete for the reader's own comment, with the edit token kept since posting.
// Part of embed-extra.js, which embed.js loads while one of the reader's comments is editable.

import type { NewCommentRequest, PublicComment } from "../../worker/api-types.ts";
import { errorText } from "../api.ts";
import type { App } from "../app.tsx";
import { CommentForm } from "../components/comment-form.tsx";
import type { WritingKey } from "../i18n/en.ts";
import { saveToken } from "./tokens.ts";
import { say } from "./words.ts";
import { removeComment, updateComment } from "../tree.ts";

interface Props {
  app: App;
  comment: PublicComment;
}

const bearer = (app: App, id: string) => ({ authorization: `Bearer ${app.tokens[id]?.token ?? ""}` });

/** PATCH; rejects with the API's error for the form to show (401 wrong token, 403 window over). */
async function edit(app: App, id: string, body: string) {
  // The API types no request of its own for an edit: it takes a new comment's body.
  const sent = { body } satisfies Pick<NewCommentRequest, "body">;
  const { data } = await app.props.api.request<{ comment: PublicComment }>(`comments/${id}`, "PATCH", sent, bearer(app, id));
  const held = app.tokens[id];
  // The text as now typed, for the next edit.
  if (held) saveToken(id, { ...held, body });
  const { html, editedAt } = data.comment;
  app.setState((s) => ({ comments: updateComment(s.comments, id, { html, editedAt }), open: null }), () => app.focus(`comment-${id}`));
}

/** DELETE, then the server's rule, applied here: a placeholder if it has replies, else gone. */
async function remove(app: App, id: string) {
  const { api, onCounts } = app.props;
  const { i18n } = app;
  try {
    await api.request(`comments/${id}`, "DELETE", undefined, bearer(app, id));
  } catch (error) {
    // Focus stays on the comment, whose role=alert says why (the Yes button is gone).
    app.setState({ failed: [id, errorText(error, i18n)], open: null }, () => app.focus(`comment-${id}`));
    return;
  }
  saveToken(id);
  let next: string | undefined;
  app.setState(
    (s) => {
      const published = s.comments.some((comment) => comment.id === id && comment.status === "approved");
      const comments = removeComment(s.comments, id);
      next = focusAfter(s.comments, comments, id);
      return {
        comments,
        thread: s.thread && { ...s.thread, count: s.thread.count - Number(published) },
        open: null,
        notice: i18n.t("comment.deleted"),
      };
    },
    // The Yes button had focus and is gone: put the reader somewhere near rather than on <body>.
    () => next && app.focus(`comment-${next}`),
  );
  onCounts?.(i18n);
}

/**
 * Where focus goes once `id` is deleted (`before` → `after`): its placeholder, else its
 * nearest ancestor left, else the comment that took its place, else the one before it.
 */
function focusAfter(before: PublicComment[], after: PublicComment[], id: string): string | undefined {
  const left = (comment?: PublicComment) => after.some((other) => other.id === comment?.id);
  let comment = before.find((other) => other.id === id);
  while (comment && !left(comment)) {
    const { parentId } = comment;
    comment = before.find((other) => other.id === parentId);
  }
  const at = before.findIndex((other) => other.id === id);
  return (comment ?? before.slice(at + 1).find(left) ?? before.slice(0, at).reverse().find(left))?.id;
}

/** Per thread: when its soonest edit window closes, and the timer set for then. */
const expiries = new WeakMap<App, { at: number; timer: ReturnType<typeof setTimeout> }>();

/** Renders the thread again when the soonest edit window closes, to take its buttons away. */
function expireAt(app: App, until: number) {
  const soonest = expiries.get(app);
  if (soonest && soonest.at > Date.now() && soonest.at <= until) return;
  clearTimeout(soonest?.timer);
  expiries.set(app, { at: until, timer: setTimeout(() => app.forceUpdate(), Math.min(until - Date.now(), 2 ** 30)) });
}

/** The thread is going (destroy()): no timer outlives it. */
export function stopExpiry(app: App) {
  clearTimeout(expiries.get(app)?.timer);
  expiries.delete(app);
}

/** A stable ref callback: Preact calls it when the element appears, not on every render. */
const focus = (element: HTMLElement | null) => element?.focus();

/** Shown while the edit window is open (the caller checks). */
export function OwnActions({ app, comment }: Props) {
  const t = (key: WritingKey) => say(app.i18n, key);
  const { id } = comment;
  expireAt(app, Date.parse(app.tokens[id]?.until ?? ""));
  const button = (label: WritingKey, onClick: () => void, ref?: typeof focus) => (
    <button type="button" class="bascule-link" onClick={onClick} ref={ref}>
      {t(label)}
    </button>
  );
  return app.state.open === `delete ${id}` ? (
    <>
      <span>{t("comment.confirm")}</span>
      {button("comment.yes", () => remove(app, id))}
      {/* Focus moves to the safe answer as the question appears. */}
      {button("comment.no", () => app.close(id), focus)}
    </>
  ) : (
    <>
      {button("comment.edit", () => app.open(`edit ${id}`))}
      {button("comment.delete", () => app.open(`delete ${id}`))}
    </>
  );
}

/** Starts from the text the reader typed (kept with the token): the API only returns HTML. */
export function EditForm({ app, comment }: Props) {
  const { id } = comment;
  return (
    <CommentForm
      app={app}
      title={say(app.i18n, "comment.edit")}
      edit={app.tokens[id]?.body ?? ""}
      onSubmit={(values) => edit(app, id, values.body)}
      onCancel={() => app.close(id)}
    />
  );
}
