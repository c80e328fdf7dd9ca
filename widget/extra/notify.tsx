// "Notify me of replies by e-mail" (issue 11), under the e-mail field of new comments and
// replies, with a second choice, "…and of every new comment on this page". embed.js has no
// byte to spare (12,287 of its 12,288), so the form can't make room for them: this part
// does, as it loads (when the reader starts writing), by extending the form's `field()` for
// the e-mail field. The boxes are more children at the end of that field (its vnode is made
// anew by each render, so adding to it is safe): nothing the reader typed is made anew. The
// form sends them as any field (FormData, where the last "notify" ticked wins); `notifyOf`
// turns that into the API's `notify`. Both are unticked by default.

import type { NewCommentRequest } from "../../worker/api-types.ts";
import { CommentForm } from "../components/comment-form.tsx";
import type { FormValues } from "../thread/contract.ts";
import type { WritingKey } from "../i18n/en.ts";
import { say } from "./words.ts";

const field = CommentForm.prototype.field;

CommentForm.prototype.field = function (this: CommentForm, name, ...rest) {
  const shown = field.call(this, name, ...rest);
  const box = (value: string, label: WritingKey) => (
    <label>
      {/* The widget's styles make inputs full-width boxes: a checkbox keeps the browser's own look (CSSOM: any CSP allows it). */}
      <input name="notify" type="checkbox" value={value} style="all:revert" />
      {say(this.props.app.i18n, label)}
    </label>
  );
  if (name === "email") (shown.props.children as unknown[]).push(box("true", "form.notify"), box("thread", "form.notifyThread"));
  return shown;
};

/** What the boxes ask: true (replies), "thread" (every new comment), or nothing. */
export function notifyOf(values: FormValues): NewCommentRequest["notify"] {
  const { notify } = values as FormValues & { notify?: string };
  return notify === "thread" ? "thread" : notify === "true" || undefined;
}
