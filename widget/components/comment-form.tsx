import { Component, createRef } from "preact";
import type { TextKey } from "../i18n/en.ts";
import { readAuthor, type AuthorFields } from "../storage.ts";
import type { Extra, FieldName, FormProps, FormState } from "../thread/contract.ts";

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
  state: FormState = { errors: {}, sending: false, preview: null };
  /** Pre-filled from the last post (localStorage), never from cookies. */
  author = readAuthor();
  /** Ids are scoped to our shadow root but must still be unique between the forms in it. */
  id = `bascule-form-${++forms}`;
  form = createRef<HTMLFormElement>();

  componentDidMount() {
    // Reply and edit forms take focus as they open.
    if (this.props.onCancel) this.focus("textarea");
  }

  componentDidUpdate(_: FormProps, previous: FormState) {
    // After a failed post, put the reader on the field at fault (or back in the comment).
    const { errors } = this.state;
    if (previous.errors !== errors && Object.keys(errors).length) this.focus('[aria-invalid="true"], textarea');
  }

  focus(selector: string) {
    this.form.current?.querySelector<HTMLElement>(selector)?.focus();
  }

  /** The text box; undefined once the form is gone (a reply or an edit closes as it is sent). */
  body(): HTMLTextAreaElement | undefined {
    return this.form.current?.elements.namedItem("body") as HTMLTextAreaElement | undefined;
  }

  /** Runs an action of embed-extra.js on this form, loading it first if need be. */
  run(action: (extra: Extra) => Promise<void>) {
    const { app } = this.props;
    void app.needExtra().then((extra) => (extra ? action(extra) : this.setState({ errors: { form: app.i18n.t("error.network") } })));
  }

  field(name: FieldName, label: TextKey, input?: InputAttributes) {
    const { errors, preview } = this.state;
    const id = `${this.id}-${name}`;
    const error = errors[name];
    const shared = {
      id,
      name,
      "aria-invalid": error ? ("true" as const) : undefined,
      "aria-describedby": error ? `${id}-error` : undefined,
    };
    return (
      <div>
        <label for={id}>{this.props.app.i18n.t(label)}</label>
        {input ? (
          <input {...shared} {...input} defaultValue={this.author[name as keyof AuthorFields]} />
        ) : (
          <textarea {...shared} defaultValue={this.props.edit} rows={4} required hidden={preview !== null} />
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
    const tab = (label: TextKey, pressed: boolean, onClick: () => void) => (
      <button type="button" class="bascule-link" aria-pressed={pressed} onClick={onClick}>
        {t(label)}
      </button>
    );
    return (
      <form
        ref={this.form}
        class={onCancel ? "bascule-form bascule-reply-form" : "bascule-form"}
        aria-labelledby={`${this.id}-title`}
        onSubmit={(event) => {
          event.preventDefault();
          this.run((extra) => extra.submit(this));
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
        {edit === undefined && (
          <div class="bascule-fields">
            {this.field("name", "form.name", { type: "text", autoComplete: "name", required: true })}
            {this.field("email", "form.email", { type: "email", autoComplete: "email" })}
            {this.field("website", "form.website", { type: "text", inputMode: "url", autoComplete: "url" })}
          </div>
        )}
        <div class="bascule-buttons">
          {tab("form.write", preview === null, () => this.setState({ preview: null }))}
          {tab("form.preview", preview !== null, () => this.run((extra) => extra.preview(this)))}
        </div>
        {this.field("body", "form.body")}
        <p class="bascule-muted">{t("form.hint")}</p>
        {edit === undefined && (
          <div class="bascule-sr" aria-hidden="true">
            <input name="homepage" tabIndex={-1} autoComplete="off" />
          </div>
        )}
        {edit === undefined && app.state.turnstile && <slot name="turnstile" />}
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
