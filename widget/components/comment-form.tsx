import { Component, createRef } from "preact";
import { ApiError, errorText } from "../api.ts";
import type { TextKey } from "../i18n/en.ts";
import type { I18n } from "../i18n/index.ts";
import { readAuthor, type AuthorFields } from "../storage.ts";

export interface FormValues extends AuthorFields {
  body: string;
  /** The honeypot: people never see it, bots fill it in (API.md's NewCommentRequest.homepage). */
  homepage: string;
}

type FieldName = Exclude<keyof FormValues, "homepage">;

interface Props {
  i18n: I18n;
  /** Accessible name of the form: "Leave a comment" (shown as a heading) or "Reply to Alice". */
  title: string;
  showTitle?: boolean;
  /** Resolves once the comment is saved; rejects with an ApiError to show. */
  onSubmit: (values: FormValues) => Promise<void>;
  /** Reply forms only: a Cancel button, and Escape, close the form. */
  onCancel?: () => void;
}

interface State {
  /** A message per field, or for the whole form. */
  errors: Partial<Record<FieldName | "form", string>>;
  sending: boolean;
}

type InputAttributes = { autoComplete: "name" | "email" | "url"; inputMode?: "url"; required?: boolean } & (
  | { type: "text" }
  | { type: "email" }
);

const FIELDS: FieldName[] = ["name", "email", "website", "body"];
const NO_ERRORS: State["errors"] = {};
let forms = 0;

/** The API names author fields "author.name" etc.; anything else goes to the form's top. */
function fieldOf(error: unknown): FieldName | "form" {
  const field = error instanceof ApiError ? error.field?.replace(/^author\./, "") : undefined;
  return FIELDS.find((name) => name === field) ?? "form";
}

// Fields are uncontrolled: what the reader typed is read from the form when it is sent,
// so nothing is lost to a render that hasn't happened yet.
export class CommentForm extends Component<Props, State> {
  state: State = { errors: NO_ERRORS, sending: false };
  /** Pre-filled from the last post (localStorage), never from cookies. */
  author = readAuthor();
  /** Ids are scoped to our shadow root but must still be unique between the forms in it. */
  id = `bascule-form-${++forms}`;
  form = createRef<HTMLFormElement>();

  componentDidMount() {
    // A reply form takes focus as it opens.
    if (this.props.onCancel) this.focus("textarea");
  }

  componentDidUpdate(_: Props, previous: State) {
    // After a failed post, put the reader on the field at fault (or back in the comment).
    if (previous.errors !== this.state.errors && this.state.errors !== NO_ERRORS) {
      this.focus('[aria-invalid="true"], textarea');
    }
  }

  focus(selector: string) {
    this.form.current?.querySelector<HTMLElement>(selector)?.focus();
  }

  submit = async (event: Event) => {
    event.preventDefault();
    const form = this.form.current;
    if (this.state.sending || !form) return;
    const data = new FormData(form);
    const read = (name: FieldName) => String(data.get(name) ?? "");
    const values = {
      name: read("name"),
      email: read("email"),
      website: read("website"),
      body: read("body"),
      homepage: String(data.get("homepage") ?? ""),
    };
    this.setState({ sending: true, errors: NO_ERRORS });
    try {
      await this.props.onSubmit(values);
      (form.elements.namedItem("body") as HTMLTextAreaElement).value = "";
    } catch (error) {
      this.setState({ errors: { [fieldOf(error)]: errorText(error, this.props.i18n) } });
    }
    this.setState({ sending: false });
  };

  field(name: FieldName, label: TextKey, input?: InputAttributes) {
    const id = `${this.id}-${name}`;
    const error = this.state.errors[name];
    const shared = {
      id,
      name,
      class: "bascule-input",
      defaultValue: name === "body" ? "" : this.author[name],
      "aria-invalid": error ? ("true" as const) : undefined,
      "aria-describedby": error ? `${id}-error` : undefined,
    };
    return (
      <div class="bascule-field">
        <label for={id}>{this.props.i18n.t(label)}</label>
        {input ? <input {...shared} {...input} /> : <textarea {...shared} rows={4} required />}
        {error && (
          <span id={`${id}-error`} class="bascule-error">
            {error}
          </span>
        )}
      </div>
    );
  }

  render({ i18n, title, showTitle, onCancel }: Props, { errors, sending }: State) {
    return (
      <form
        ref={this.form}
        class={onCancel ? "bascule-form bascule-reply-form" : "bascule-form"}
        aria-labelledby={`${this.id}-title`}
        onSubmit={this.submit}
        onKeyDown={(event) => event.key === "Escape" && onCancel?.()}
      >
        <h3 id={`${this.id}-title`} class={showTitle ? undefined : "bascule-sr"}>
          {title}
        </h3>
        {errors.form && (
          <p class="bascule-error" role="alert">
            {errors.form}
          </p>
        )}
        <div class="bascule-fields">
          {this.field("name", "form.name", { type: "text", autoComplete: "name", required: true })}
          {this.field("email", "form.email", { type: "email", autoComplete: "email" })}
          {this.field("website", "form.website", { type: "text", inputMode: "url", autoComplete: "url" })}
        </div>
        {this.field("body", "form.body")}
        <div class="bascule-sr" aria-hidden="true">
          <input name="homepage" tabIndex={-1} autoComplete="off" />
        </div>
        <div class="bascule-buttons">
          <button type="submit" class="bascule-button" disabled={sending}>
            {i18n.t(sending ? "form.sending" : "form.submit")}
          </button>
          {onCancel && (
            <button type="button" class="bascule-button bascule-secondary" onClick={onCancel}>
              {i18n.t("form.cancel")}
            </button>
          )}
        </div>
      </form>
    );
  }
}
