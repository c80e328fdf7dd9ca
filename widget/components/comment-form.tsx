import { Component, createRef } from "preact";
import type { TextKey } from "../i18n/en.ts";
import { readAuthor, type AuthorFields } from "../storage.ts";
import type { Extra, FieldName, FormChange, FormProps, FormState, FormValues } from "../thread/contract.ts";

type InputAttributes = { autoComplete: "name" | "email" | "url"; inputMode?: "url"; required?: boolean } & (
  | { type: "text" }
  | { type: "email" }
);

let forms = 0;

// One form for new comments, replies and edits. This is what it looks like; what it does
// (send, preview) is in embed-extra.js (widget/extra/write.tsx), loaded as the reader
// starts writing. Fields are uncontrolled: what the reader typed is read from the form
// when it is sent, so nothing is lost to a render that hasn't happened yet (the preview
// tab only hides the text box, it stays in the form).
export class CommentForm extends Component<FormProps, FormState> {
  state: FormState = { errors: {}, sending: false, preview: null, sent: 0 };
  /** Pre-filled from the last post (localStorage), never from cookies. */
  author = readAuthor();
  /** Ids are scoped to our shadow root but must still be unique between the forms in it. */
  id = `bascule-form-${++forms}`;
  form = createRef<HTMLFormElement>();

  componentDidMount() {
    // Reply and edit forms take focus as they open.
    if (this.props.onCancel) this.focus("textarea");
  }

  focus(selector: string) {
    this.form.current?.querySelector<HTMLElement>(selector)?.focus();
  }

  /** What the reader typed, read from the form as it is now. */
  values(): FormValues {
    return Object.fromEntries(new FormData(this.form.current!)) as unknown as FormValues;
  }

  /**
   * Runs an action of embed-extra.js, loading it first if need be, and shows what it came
   * to. After a failure, the reader is put on the field at fault (or back in the comment).
   */
  async run(action: (extra: Extra) => Promise<FormChange>) {
    const { app } = this.props;
    const extra = await app.needExtra();
    // A reply form may have been closed while embed-extra.js loaded.
    if (!this.form.current) return;
    const change = extra ? await action(extra) : { sending: false, errors: { form: app.i18n.t("error.network") } };
    this.setState(change, () => Object.keys(this.state.errors).length && this.focus('[aria-invalid="true"], textarea'));
  }

  field(name: FieldName, label: TextKey, input?: InputAttributes) {
    const { errors, preview } = this.state;
    const id = `${this.id}-${name}`;
    const error = errors[name];
    const shared = { id, name, ...(error && { "aria-invalid": "true" as const, "aria-describedby": `${id}-error` }) };
    return (
      <div>
        <label for={id}>{this.props.app.i18n.t(label)}</label>
        {input ? (
          <input {...shared} {...input} defaultValue={this.author[name as keyof AuthorFields]} />
        ) : (
          <textarea key={this.state.sent} {...shared} defaultValue={this.props.edit} rows={4} required hidden={preview !== null} />
        )}
        {preview !== null && !input && <div class="bascule-body bascule-preview" dangerouslySetInnerHTML={{ __html: preview }} />}
        {error && (
          <span id={`${id}-error`} class="bascule-error">
            {error}
          </span>
        )}
      </div>
    );
  }

  render({ app, title, showTitle, edit, save, onCancel }: FormProps, { errors, sending, preview }: FormState) {
    const { t } = app.i18n;
    // A new comment or a reply, not an edit (which has only the text box).
    const comment = edit === undefined;
    return (
      <form
        ref={this.form}
        class={onCancel ? "bascule-form bascule-reply-form" : "bascule-form"}
        aria-labelledby={`${this.id}-title`}
        onSubmit={(event) => {
          event.preventDefault();
          this.setState({ sending: true, errors: {} });
          void this.run((extra) => extra.send(this.props, this.values()));
        }}
        // The reader starts writing: fetch what sending and previewing need.
        onFocusIn={app.needExtra}
        // Not while an input method is composing: there Escape cancels the composition.
        onKeyDown={(event) => event.key === "Escape" && !event.isComposing && onCancel?.()}
      >
        <h3 id={`${this.id}-title`} class={showTitle ? undefined : "bascule-sr"}>
          {title}
        </h3>
        {errors.form && (
          <p class="bascule-error" role="alert">
            {errors.form}
          </p>
        )}
        {comment && (
          <div class="bascule-fields">
            {this.field("name", "form.name", { type: "text", autoComplete: "name", required: true })}
            {this.field("email", "form.email", { type: "email", autoComplete: "email" })}
            {this.field("website", "form.website", { type: "text", inputMode: "url", autoComplete: "url" })}
          </div>
        )}
        <div class="bascule-buttons">
          {/* One toggle: pressed, the text box gives way to the server's rendering of it. */}
          <button
            type="button"
            class="bascule-link"
            aria-pressed={preview !== null}
            onClick={() =>
              preview === null ? void this.run((extra) => extra.preview(app, this.values().body)) : this.setState({ preview: null })
            }
          >
            {t("form.preview")}
          </button>
        </div>
        {this.field("body", "form.body")}
        <p class="bascule-muted">{t("form.hint")}</p>
        {comment && (
          <div class="bascule-sr" aria-hidden="true">
            <input name="homepage" tabIndex={-1} autoComplete="off" />
          </div>
        )}
        {comment && app.state.turnstile && <slot name="turnstile" />}
        <div class="bascule-buttons">
          <button type="submit" disabled={sending}>
            {sending ? t("form.sending") : (save ?? t("form.submit"))}
          </button>
          {onCancel && (
            <button type="button" class="bascule-secondary" onClick={onCancel}>
              {t("form.cancel")}
            </button>
          )}
        </div>
      </form>
    );
  }
}
