import { useState } from "preact/hooks";
import type { AdminComment } from "../../worker/api-types.ts";
import type { I18n } from "../i18n/index.ts";

interface Props {
  i18n: I18n;
  comment: AdminComment;
  /** Publishes the reply; rejects (the caller says why) to keep the text for another try. */
  onReply: (comment: AdminComment, body: string) => Promise<void>;
}

/** "Reply as owner": a text box under the comment; the reply is published at once with the owner's badge. */
export function OwnerReply({ i18n, comment, onReply }: Props) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState("");
  const [sending, setSending] = useState(false);
  const id = `reply-${comment.id}`;

  if (!open) {
    return (
      <button type="button" class="button button-quiet" onClick={() => setOpen(true)}>
        {i18n.t("action.reply")}
      </button>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    try {
      await onReply(comment, body);
      setBody("");
      setOpen(false);
    } catch {
      // The caller has said why; the text stays for another try.
    } finally {
      setSending(false);
    }
  };
  return (
    <form class="owner-reply" onSubmit={(event) => void submit(event)}>
      <label for={id}>{i18n.t("reply.label")}</label>
      {/* biome-ignore lint/a11y/noAutofocus: the owner just asked for this box. */}
      <textarea id={id} required rows={4} value={body} autoFocus onInput={(event) => setBody(event.currentTarget.value)} />
      <div class="card-actions">
        <button type="submit" class="button" disabled={sending || body.trim() === ""}>
          {i18n.t("action.send")}
        </button>
        <button type="button" class="button button-quiet" onClick={() => setOpen(false)}>
          {i18n.t("action.cancel")}
        </button>
      </div>
    </form>
  );
}
