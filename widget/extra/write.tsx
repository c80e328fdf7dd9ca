// What writing does: send a comment or a reply, preview it, like a comment. Part of
// embed-extra.js, loaded as a reader starts writing (or likes): most readers only read.

import type { NewCommentRequest, NewCommentResponse, PreviewRequest, PreviewResponse, PublicComment } from "../../worker/api-types.ts";
import { ApiError, errorText } from "../api.ts";
import type { App } from "../app.tsx";
import type { CommentForm, FieldName, FormValues } from "../components/comment-form.tsx";
import { pageUrl } from "../page-key.ts";
import { read, write } from "../storage.ts";
import { saveToken } from "./tokens.ts";
import { say } from "./words.ts";
import { insertComment, updateComment } from "../tree.ts";

const FIELDS: FieldName[] = ["name", "email", "website", "body"];

/** The API names author fields "author.name" etc.; anything else goes to the form's top. */
function fieldOf(error: unknown): FieldName | "form" {
  const field = error instanceof ApiError ? error.field?.replace(/^author\./, "") : undefined;
  return FIELDS.find((name) => name === field) ?? "form";
}

function fail(form: CommentForm, error: unknown) {
  form.setState({ errors: { [fieldOf(error)]: errorText(error, form.props.app.i18n) } });
}

/**
 * The forms being sent. `state.sending` is no guard against a second submit: setState
 * renders later, and two clicks made while embed-extra.js loads both reach here, one
 * after the other, before any render.
 */
const sending = new WeakSet<CommentForm>();

/** The form's submit: what the reader typed, to the form's own action (an edit) or posted as a comment. */
export async function submit(form: CommentForm) {
  const element = form.form.current;
  if (sending.has(form) || !element) return;
  sending.add(form);
  const data = new FormData(element);
  const read = (name: keyof FormValues) => String(data.get(name) ?? "");
  const { app, parentId, onSubmit } = form.props;
  form.setState({ sending: true, errors: {} });
  try {
    const values = { name: read("name"), email: read("email"), website: read("website"), body: read("body"), homepage: read("homepage") };
    await (onSubmit ?? ((values: FormValues) => post(app, values, parentId)))(values);
    // A reply or an edit closes its form: only the main form is still there to empty.
    const body = form.body();
    if (body) {
      body.value = "";
      form.setState({ preview: null });
    }
  } catch (error) {
    fail(form, error);
  } finally {
    sending.delete(form);
    form.setState({ sending: false });
  }
}

/** The "Preview" tab: the server renders the Markdown exactly as it would a comment. */
export async function preview(form: CommentForm) {
  const body = form.body()?.value ?? "";
  const { api, site } = form.props.app.props;
  try {
    const html = body.trim() ? (await api.request<PreviewResponse>("preview", "POST", { body, site } satisfies PreviewRequest)).data.html : "";
    form.setState({ preview: html, errors: {} });
  } catch (error) {
    fail(form, error);
  }
}

async function post(app: App, values: FormValues, parentId?: string) {
  const { api, site, page, onCounts } = app.props;
  const { i18n } = app;
  const author = {
    name: values.name.trim(),
    email: values.email.trim(),
    // Readers type "example.org"; the API wants an http(s) address.
    website: values.website.trim().replace(/^(?!https?:\/\/)(?=.)/i, "https://"),
  };
  let answer;
  try {
    // Empty fields count as not given (API.md).
    answer = await api.request<NewCommentResponse>("comments", "POST", {
      site,
      page,
      url: pageUrl(document),
      title: document.title.trim() || undefined,
      parentId,
      author,
      body: values.body,
      formToken: app.formToken,
      homepage: values.homepage,
      turnstileToken: app.turnstile?.token,
    } satisfies NewCommentRequest);
  } finally {
    app.turnstile?.reset();
  }
  const { status, data } = answer;
  write("bascule:author", author);
  // The text as typed, for editing: the API only gives HTML back.
  saveToken(data.comment.id, { token: data.editToken, until: data.editableUntil, body: values.body });
  const published = status === 201 && data.comment.status === "approved";
  const comment: PublicComment = published ? data.comment : { ...data.comment, status: "pending" };
  app.setState(
    (s) => ({
      comments: insertComment(s.comments, comment, s.sort === "newest"),
      thread: s.thread && published ? { ...s.thread, count: s.thread.count + 1 } : s.thread,
      open: null,
      notice: say(i18n, published ? "form.published" : "form.pending"),
    }),
    () => app.focus(`comment-${comment.id}`),
  );
  if (published) onCounts?.(i18n);
}

/** A random id per reader (browser profile) that makes one like per reader hold without cookies. */
function readerId(): string {
  let id = read<string>("bascule:reader");
  if (typeof id !== "string" || !/^[\w-]{16,64}$/.test(id)) {
    // 16 random bytes as base64url: 22 characters of [A-Za-z0-9_-].
    id = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
      .replace(/=/g, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    write("bascule:reader", id);
  }
  return id;
}

/** Likes on their way: a second press before the answer sends nothing more. */
const liking = new Set<string>();

/** One like per reader: the server counts it once per reader id and network; pressing again does nothing. */
export async function like(app: App, id: string) {
  if (app.state.liked.includes(id) || liking.has(id)) return;
  liking.add(id);
  try {
    const { data } = await app.props.api.request<{ likes: number }>(`comments/${id}/like`, "POST", { reader: readerId() });
    // From the state as it is now: other likes may have landed while this one was on its way.
    app.setState((s) => {
      const liked = [id, ...s.liked].slice(0, 1000);
      write("bascule:liked", liked);
      return { liked, comments: updateComment(s.comments, id, { likes: data.likes }) };
    });
  } catch (error) {
    app.setState({ failed: [id, errorText(error, app.i18n)] });
  } finally {
    liking.delete(id);
  }
}
