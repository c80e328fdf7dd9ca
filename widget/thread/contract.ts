// The port between embed.js and what it loads later. Types only: this module costs 0 bytes.
//
// embed.js owns the thread: `App` (widget/app.tsx) holds its one `ThreadState` and
// implements `ThreadPort`. Components (widget/components/) and the lazily loaded part
// embed-extra.<hash>.js (widget/extra/) get that port, never `App`: they read `state`, and
// change it only through `setState()`, with the named changes of widget/thread/changes.ts (or
// `open()`/`close()`/`like()`). The part in turn gives embed.js an `Extra` (definePart("extra"),
// widget/parts.ts): writing, likes, one's own comments, the permalink search, Turnstile. Both
// files are built together (the parts' names carry a hash of their content), so this contract
// only has to hold within one build: it may change freely from one deploy to the next.

import type { FunctionComponent } from "preact";
import type { PublicComment, SortOrder, ThreadInfo, ThreadResponse } from "../../worker/api-types.ts";
import type { Api } from "../api.ts";
import type { I18n } from "../i18n/en.ts";
import type { AuthorFields, Tokens } from "../storage.ts";

/** What is open under a comment: its reply form, its edit form, or the "Delete? Yes / No" question. */
export interface Open {
  kind: "reply" | "edit" | "delete";
  id: string;
}

export interface ThreadState {
  /** Null until the page's language has loaded: nothing is shown before. */
  i18n: I18n | null;
  thread: ThreadInfo | null;
  /** Flat, in display order, as the API sends it; the tree is derived when rendering. */
  comments: PublicComment[];
  nextCursor: string | null;
  sort: SortOrder;
  /** Indentation levels before replies are shown flat (the site's `displayDepth`). */
  depth: number;
  loading: boolean;
  error: unknown;
  open: Open | null;
  /** The permalinked comment, highlighted. */
  target: string | null;
  /** Ids of the comments this reader liked (localStorage), shown pressed. */
  liked: string[];
  /** A delete or like that failed: the comment's id and what to say. */
  failed: { id: string; message: string } | null;
  /** Said to screen readers after a post or a deletion. */
  notice: string;
  /** Set once embed-extra.js has started Turnstile, when the site turned it on. */
  turnstile?: Turnstile;
}

/** A change of the thread's state: the fields that change, or a function of the state as it is then. */
export type ThreadChange = Partial<ThreadState> | ((state: ThreadState) => Partial<ThreadState>);

/** What embed.js was mounted with that the components and the part need. */
export interface ThreadProps {
  api: Api;
  site: string;
  page: string;
  /** After the first read and after a comment is published or deleted: the page's counts, in the thread's language. */
  onCounts?: (i18n: I18n) => void;
}

export interface ThreadPort {
  readonly props: ThreadProps;
  readonly state: Readonly<ThreadState>;
  /** The thread's language (set as soon as it is known). */
  readonly i18n: I18n;
  /** The edit tokens held, read again at each render (another tab may have posted). */
  readonly tokens: Tokens;
  /** embed-extra.js, once loaded. */
  readonly extra?: Extra;
  /**
   * The bot trap's signed "form shown at" token, from the first read; sent back with posts.
   * Each post answers the one for the next (embed-extra.js sets it: a plain field, 0 bytes).
   */
  formToken?: string;
  /** Loads embed-extra.js (undefined if it could not be loaded; the next call tries again). */
  needExtra(): Promise<Extra | undefined>;
  /**
   * The one way to change the state, with the changes of widget/thread/changes.ts; `then`
   * runs once it is rendered. Preact's own setState: wrapping it would cost embed.js bytes.
   */
  setState(change: ThreadChange, then?: () => void): void;
  /** The first page (null), or the page after `cursor`; undefined if it failed or a newer read took over. */
  load(cursor: string | null): Promise<ThreadResponse | undefined>;
  /** Opens a form or a question under a comment (null: none), clearing the last failure. */
  open(what: Open | null): void;
  /** Escape, Cancel or No: closes what is open under `id`, and focus goes back to it. */
  close(id: string): void;
  like(id: string): void;
  /** Focuses the element `id` of our shadow root, or its first `selector` inside. */
  focus(id: string, selector?: string): HTMLElement | undefined;
  /** Highlights and scrolls to the comment `location.hash` names, once it is shown. */
  showPermalink(): void;
  /** The shadow root we render in (undefined once the thread is gone). */
  root(): ShadowRoot | undefined;
}

/** What embed-extra.js gives embed.js (widget/extra/embed-extra.ts). */
export interface Extra {
  /**
   * A comment form's submit: what the reader typed, to the form's own action (`onSubmit`, an
   * edit) or posted as a new comment; a second send of the same form while one is under way
   * does nothing. Then the preview tab. Each answers the change of the form's state to make
   * (the errors to show, or an empty text box out of preview); the form makes it.
   */
  send(form: FormProps, values: FormValues): Promise<FormChange>;
  preview(app: ThreadPort, body: string): Promise<FormChange>;
  like(app: ThreadPort, id: string): Promise<void>;
  /** Loads pages until the permalinked comment `id` is there, then shows it. */
  seek(app: ThreadPort, id: string): Promise<void>;
  /** "Show N more replies" under a top-level comment whose replies didn't all come with the page. */
  MoreReplies: FunctionComponent<{ app: ThreadPort; comment: PublicComment }>;
  /** "Edit" and "Delete", or the "Delete? Yes / No" question, on the reader's own comment. */
  OwnActions: FunctionComponent<{ app: ThreadPort; comment: PublicComment }>;
  /** The comment's text in a form, in place of its body. */
  EditForm: FunctionComponent<{ app: ThreadPort; comment: PublicComment }>;
  /** Once per mount: renders the challenge beside our host, and puts it in `state.turnstile` for the forms' slot. */
  startTurnstile(app: ThreadPort, sitekey: string, language: string): void;
  /** The thread is unmounting (destroy()): whatever the part left running goes. */
  stop(app: ThreadPort): void;
}

export interface Turnstile {
  /** The current answer, "" until the reader passes. */
  token: string;
  /** Answers are single-use: ask for a fresh one after each post. */
  reset(): void;
  /** When the thread goes (destroy()): the challenge, its box, and the wait for Cloudflare's script. */
  remove(): void;
}

export interface FormValues extends AuthorFields {
  body: string;
  /** The honeypot: people never see it, bots fill it in (API.md's NewCommentRequest.homepage). */
  homepage: string;
}

export type FieldName = Exclude<keyof FormValues, "homepage">;

export interface FormState {
  /** A message per field, or for the whole form. */
  errors: Partial<Record<FieldName | "form", string>>;
  sending: boolean;
  /** The preview's HTML (from the server); null while the reader writes. */
  preview: string | null;
  /** Comments sent from this form: the text box is made anew, empty, after each. */
  sent: number;
}

/** What sending or previewing came to, for the form to show: the fields that change, or a function of its state. */
export type FormChange = Partial<FormState> | ((state: FormState) => Partial<FormState>);

/** What a comment form is given. */
export interface FormProps {
  app: ThreadPort;
  /** Accessible name of the form: "Leave a comment" (shown as a heading), "Reply to Alice", "Edit". */
  title: string;
  showTitle?: boolean;
  /** A reply form: the comment it answers. */
  parentId?: string;
  /** Editing one's own comment: the text to start from. Only the text box is shown. */
  edit?: string;
  /** The submit button of an edit ("Save"): a word only embed-extra.js, which renders edits, carries. */
  save?: string;
  /** What sending does, when it isn't posting a new comment (editing): rejects with an ApiError to show. */
  onSubmit?: (values: FormValues) => Promise<void>;
  /** Reply and edit forms: a Cancel button, and Escape, close the form. */
  onCancel?: () => void;
}
