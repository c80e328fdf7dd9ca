// Edit and delete for the reader's own comment, with the edit token kept since posting.
// Part of embed-extra.js, which embed.js loads while one of the reader's comments is editable.

import type { PublicComment } from "../../worker/api-types.ts";
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
  const { data } = await app.props.api.request<{ comment: PublicComment }>(`comments/${id}`, "PATCH", { body }, bearer(app, id));
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
    app.setState({ failed: [id, errorText(error, i18n)], open: null });
    return;
  }
  saveToken(id);
  app.setState((s) => {
    const published = s.comments.some((comment) => comment.id === id && comment.status === "approved");
    return {
      comments: removeComment(s.comments, id),
      thread: s.thread && { ...s.thread, count: s.thread.count - Number(published) },
      open: null,
      notice: i18n.t("comment.deleted"),
    };
  });
  onCounts?.(i18n);
}

let timer: ReturnType<typeof setTimeout> | undefined;
let soonest = 0;

/** Renders the thread again when the soonest edit window closes, to take its buttons away. */
function expireAt(app: App, until: number) {
  if (soonest > Date.now() && soonest <= until) return;
  clearTimeout(timer);
  soonest = until;
  timer = setTimeout(() => app.forceUpdate(), Math.min(until - Date.now(), 2 ** 30));
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
