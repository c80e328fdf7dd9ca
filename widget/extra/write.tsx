// What writing does: send a comment or a reply, preview it, like a comment. Part of
// embed-extra.js, loaded as a reader starts writing (or likes): most readers only read.

import type { NewCommentRequest, NewCommentResponse, PublicComment } from "../../worker/api-types.ts";
import { ApiError, errorText } from "../api.ts";
import { pageUrl } from "../page-key.ts";
import { read, readTokens, write } from "../storage.ts";
import { likedOne, posted } from "../thread/changes.ts";
import type { FieldName, FormChange, FormProps, FormValues, ThreadPort } from "../thread/contract.ts";
import { writeApi } from "./api.ts";
import { notifyOf } from "./notify.tsx";
import { saveToken } from "./tokens.ts";
import { say } from "./words.ts";

const FIELDS: FieldName[] = ["name", "email", "website", "body"];

/** The API names author fields "author.name" etc.; anything else goes to the form's top. */
function failed(app: ThreadPort, error: unknown): FormChange {
  const field = error instanceof ApiError ? error.field?.replace(/^author\./, "") : undefined;
  return { errors: { [FIELDS.find((name) => name === field) ?? "form"]: errorText(error, app.i18n) } };
}

/**
 * The forms being sent. `state.sending` is no guard against a second submit: setState
 * renders later, and two clicks made while embed-extra.js loads both reach here, one
 * after the other, before any render (and so with the same props). Once it has rendered,
 * the form's submit button is disabled until the answer.
 */
const sending = new WeakSet<FormProps>();

export async function send(form: FormProps, values: FormValues): Promise<FormChange> {
  if (sending.has(form)) return {};
  sending.add(form);
  const { app, parentId, onSubmit } = form;
  try {
    await (onSubmit ?? ((values: FormValues) => post(app, values, parentId)))(values);
    return (s) => ({ sending: false, preview: null, sent: s.sent + 1 });
  } catch (error) {
    return { sending: false, ...failed(app, error) };
  } finally {
    sending.delete(form);
  }
}

/** The server renders the Markdown exactly as it would a comment. */
export async function preview(app: ThreadPort, body: string): Promise<FormChange> {
  const { api, site } = app.props;
  try {
    return { preview: body.trim() ? await writeApi(api).preview({ body, site }) : "", errors: {} };
  } catch (error) {
    return failed(app, error);
  }
}

async function post(app: ThreadPort, values: FormValues, parentId?: string) {
  const { api, site, page, onCounts } = app.props;
  const { i18n } = app;
  const { formToken } = app;
  const { turnstile } = app.state;
  const author = {
    name: values.name.trim(),
    email: values.email.trim(),
    // Readers type "example.org"; the API wants an http(s) address.
    website: values.website.trim().replace(/^(?!https?:\/\/)(?=.)/i, "https://"),
  };
  let answer: { status: number; data: NewCommentResponse };
  try {
    // Empty fields count as not given (API.md).
    answer = await writeApi(api).post(
      {
        site,
        page,
        url: pageUrl(document),
        title: document.title.trim() || undefined,
        parentId,
        author,
        body: values.body,
        formToken,
        homepage: values.homepage,
        notify: notifyOf(values),
        turnstileToken: turnstile?.token,
      } satisfies NewCommentRequest,
      Object.values(readTokens()).map((held) => held.token),
    );
  } finally {
    turnstile?.reset();
  }
  const { status, data } = answer;
  // A token carries a few comments, bound to this page: the next one goes with this answer's.
  app.formToken = data.formToken;
  write("bascule:author", author);
  // The text as typed, for editing: the API only gives HTML back.
  saveToken(data.comment.id, { token: data.editToken, until: data.editableUntil, body: values.body });
  const published = status === 201 && data.comment.status === "approved";
  const comment: PublicComment = published ? data.comment : { ...data.comment, status: "pending" };
  const notice = say(i18n, published ? "form.published" : "form.pending");
  app.setState(
    (s) => posted(s, comment, published, notice),
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
export async function like(app: ThreadPort, id: string) {
  if (app.state.liked.includes(id) || liking.has(id)) return;
  liking.add(id);
  try {
    const likes = await writeApi(app.props.api).like(id, readerId());
    // From the state as it is now: other likes may have landed while this one was on its way.
    app.setState((s) => {
      const change = likedOne(s, id, likes);
      write("bascule:liked", change.liked);
      return change;
    });
  } catch (error) {
    app.setState({ failed: { id, message: errorText(error, app.i18n) } });
  } finally {
    liking.delete(id);
  }
}
