import { Component, createRef } from "preact";
import type { PublicComment, ThreadInfo } from "../worker/api-types.ts";
import { ApiError, errorText, type Api } from "./api.ts";
import { CommentForm, type FormValues } from "./components/comment-form.tsx";
import { CommentList, type ThreadProps } from "./components/comment-list.tsx";
import { CountHeading } from "./components/count-heading.tsx";
import type { I18n } from "./i18n/index.ts";
import { pageUrl } from "./page-key.ts";
import { saveAuthor, saveToken } from "./storage.ts";
import { appendPage, buildTree, insertComment } from "./tree.ts";

export interface AppProps {
  api: Api;
  i18n: I18n;
  site: string;
  page: string;
  /** After the reader's comment is published (not held): the page's counts change. */
  onPublished?: () => void;
}

interface State {
  thread: ThreadInfo | null;
  /** Flat, in display order, as the API sends it; the tree is derived when rendering. */
  comments: PublicComment[];
  nextCursor: string | null;
  /** The bot trap's signed "form shown at" token, from the first page read; sent back with posts. */
  formToken: string | undefined;
  loading: boolean;
  error: unknown;
  /** The comment whose inline reply form is open. */
  replyTo: string | null;
  /** Said to screen readers after a post. */
  notice: string;
}

// The one stateful component besides the form: it owns the thread's data and moves focus.
// A class rather than hooks: preact/hooks would cost about a tenth of the 12 KB budget.
export class App extends Component<AppProps, State> {
  state: State = {
    thread: null,
    comments: [],
    nextCursor: null,
    formToken: undefined,
    loading: true,
    error: null,
    replyTo: null,
    notice: "",
  };
  section = createRef<HTMLElement>();
  /** An element to focus once the next render is in the DOM. */
  focusNext: string | null = null;

  componentDidMount() {
    void this.load(null);
    addEventListener("hashchange", this.showPermalink);
  }

  componentWillUnmount() {
    removeEventListener("hashchange", this.showPermalink);
  }

  componentDidUpdate() {
    if (this.focusNext) this.byId(this.focusNext)?.focus();
    this.focusNext = null;
  }

  byId(id: string): HTMLElement | null {
    // Ids live in our shadow root, out of reach of document.getElementById.
    const root = this.section.current?.getRootNode() as ShadowRoot | undefined;
    return root?.getElementById?.(id) ?? null;
  }

  /**
   * `#comment-<id>` links can't reach into a shadow root on their own: the browser looks
   * the fragment up in the page's document. Scroll there ourselves.
   */
  showPermalink = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id.startsWith("comment-")) this.byId(id)?.scrollIntoView();
  };

  /** The next page, or the first one again after a failure. */
  load = async (cursor: string | null) => {
    const { api, site, page } = this.props;
    this.setState({ loading: true, error: null });
    try {
      const data = await api.thread({ site, page, cursor });
      const first = this.state.comments.length === 0;
      this.setState((s) => ({
        thread: data.thread,
        comments: appendPage(s.comments, data.comments),
        nextCursor: data.nextCursor,
        formToken: s.formToken ?? data.form?.token,
        loading: false,
      }));
      // First page: honour a permalink. Later pages: take the reader to what arrived.
      if (first) setTimeout(this.showPermalink);
      else this.focusNext = data.comments[0] ? `comment-${data.comments[0].id}` : null;
    } catch (error) {
      // A 4xx here is a setup problem (unknown site, origin not allowed): say so where the owner looks.
      if (error instanceof ApiError && error.status >= 400) console.error(`[bascule] ${error.message}`);
      this.setState({ loading: false, error });
    }
  };

  submit = async (values: FormValues, parentId?: string) => {
    const { api, i18n, site, page, onPublished } = this.props;
    const author = {
      name: values.name.trim(),
      email: values.email.trim(),
      // Readers type "example.org"; the API wants an http(s) address.
      website: values.website.trim().replace(/^(?!https?:\/\/)(?=.)/i, "https://"),
    };
    const { status, data } = await api.postComment({
      site,
      page,
      url: pageUrl(document),
      title: document.title.trim() || undefined,
      parentId,
      author: { name: author.name || undefined, email: author.email || undefined, website: author.website || undefined },
      body: values.body,
      formToken: this.state.formToken,
      homepage: values.homepage || undefined,
    });
    saveAuthor(author);
    saveToken(data.comment.id, data.editToken, data.editableUntil);
    const published = status === 201 && data.comment.status === "approved";
    const comment: PublicComment = published ? data.comment : { ...data.comment, status: "pending" };
    this.focusNext = `comment-${comment.id}`;
    this.setState((s) => ({
      comments: insertComment(s.comments, comment),
      thread: s.thread && published ? { ...s.thread, count: s.thread.count + 1 } : s.thread,
      replyTo: null,
      notice: i18n.t(published ? "form.published" : "form.pending"),
    }));
    if (published) onPublished?.();
  };

  reply = (id: string | null) => this.setState({ replyTo: id });

  /** Escape or Cancel: close the reply form and give focus back to its Reply button. */
  cancelReply = (id: string) => {
    this.setState({ replyTo: null });
    this.byId(`comment-${id}`)?.querySelector<HTMLElement>(".bascule-link")?.focus();
  };

  render({ i18n }: AppProps, { thread, comments, nextCursor, loading, error, replyTo, notice }: State) {
    const props: ThreadProps = {
      i18n,
      closed: thread?.closed ?? false,
      replyTo,
      onReply: this.reply,
      onCancel: this.cancelReply,
      onSubmit: this.submit,
    };
    const failed = error != null;
    return (
      <section ref={this.section} class="bascule-thread" aria-label={i18n.t("thread.label")} aria-busy={loading}>
        <CountHeading i18n={i18n} count={thread?.count ?? null} />
        {comments.length > 0 && <CommentList nodes={buildTree(comments)} level={0} thread={props} />}
        {loading && <p class="bascule-muted">{i18n.t("thread.loading")}</p>}
        {failed && (
          <p class="bascule-error" role="alert">
            {thread ? errorText(error, i18n) : i18n.t("thread.error")}
          </p>
        )}
        {(nextCursor || (failed && !thread)) && (
          <button
            type="button"
            class="bascule-button bascule-secondary bascule-more"
            onClick={() => !loading && this.load(nextCursor)}
          >
            {i18n.t(thread ? "thread.more" : "thread.retry")}
          </button>
        )}
        {thread &&
          (thread.closed ? (
            <p class="bascule-muted">{i18n.t("thread.closed")}</p>
          ) : (
            <CommentForm i18n={i18n} title={i18n.t("form.title")} showTitle onSubmit={this.submit} />
          ))}
        <p class="bascule-sr" role="status">
          {notice}
        </p>
      </section>
    );
  }
}
