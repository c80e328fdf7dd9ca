// Edit and delete for the reader's own comment, with the edit token kept since posting.
// Part of embed-extra.js, which embed.js loads while one of the reader's comments is editable.

import type { PublicComment } from "../../worker/api-types.ts";
import { errorText } from "../api.ts";
import { CommentForm } from "../components/comment-form.tsx";
import type { WritingKey } from "../i18n/en.ts";
import { deleted, edited } from "../thread/changes.ts";
import type { ThreadPort } from "../thread/contract.ts";
import { writeApi } from "./api.ts";
import { saveToken } from "./tokens.ts";
import { say } from "./words.ts";

interface Props {
  app: ThreadPort;
  comment: PublicComment;
}

const tokenOf = (app: ThreadPort, id: string) => app.tokens[id]?.token ?? "";

/** PATCH; rejects with the API's error for the form to show (401 wrong token, 403 window over). */
async function edit(app: ThreadPort, id: string, body: string) {
  const { html, editedAt } = await writeApi(app.props.api).edit(id, tokenOf(app, id), body);
  const held = app.tokens[id];
  // The text as now typed, for the next edit.
  if (held) saveToken(id, { ...held, body });
  app.setState(
    (s) => edited(s, id, { html, editedAt }),
    () => app.focus(`comment-${id}`),
  );
}

/** DELETE, then the server's rule, applied here: a placeholder if it has replies, else gone. */
async function remove(app: ThreadPort, id: string) {
  const { api, onCounts } = app.props;
  const { i18n } = app;
  try {
    await writeApi(api).remove(id, tokenOf(app, id));
  } catch (error) {
    // Focus stays on the comment, whose role=alert says why (the Yes button is gone).
    app.setState({ failed: { id, message: errorText(error, i18n) }, open: null }, () => app.focus(`comment-${id}`));
    return;
  }
  saveToken(id);
  let next: string | undefined;
  app.setState(
    (s) => {
      const change = deleted(s, id, i18n.t("comment.deleted"));
      next = focusAfter(s.comments, change.comments, id);
      return change;
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
const expiries = new WeakMap<ThreadPort, { at: number; timer: ReturnType<typeof setTimeout> }>();

/** Renders the thread again when the soonest edit window closes, to take its buttons away. */
function expireAt(app: ThreadPort, until: number) {
  const soonest = expiries.get(app);
  if (soonest && soonest.at > Date.now() && soonest.at <= until) return;
  clearTimeout(soonest?.timer);
  // setState({}): nothing changes, the thread renders again.
  expiries.set(app, { at: until, timer: setTimeout(() => app.setState({}), Math.min(until - Date.now(), 2 ** 30)) });
}

/** The thread is going (destroy()): no timer outlives it. */
export function stopExpiry(app: ThreadPort) {
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
  const { open } = app.state;
  return open?.kind === "delete" && open.id === id ? (
    <>
      <span>{t("comment.confirm")}</span>
      {button("comment.yes", () => remove(app, id))}
      {/* Focus moves to the safe answer as the question appears. */}
      {button("comment.no", () => app.close(id), focus)}
    </>
  ) : (
    <>
      {button("comment.edit", () => app.open({ kind: "edit", id }))}
      {button("comment.delete", () => app.open({ kind: "delete", id }))}
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
      save={say(app.i18n, "form.save")}
      onSubmit={(values) => edit(app, id, values.body)}
      onCancel={() => app.close(id)}
    />
  );
}
