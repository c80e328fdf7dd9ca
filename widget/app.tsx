import { Component, createRef } from "preact";
import type { SortOrder } from "../worker/api-types.ts";
import { errorText, logRefusal } from "./api.ts";
import { CommentForm } from "./components/comment-form.tsx";
import { CommentList } from "./components/comment-list.tsx";
import type { I18n } from "./i18n/en.ts";
import { loadI18n, resolveLang } from "./i18n/index.ts";
import type { PagePart } from "./embed-page.ts";
import { loadPart } from "./parts.ts";
import { editable, read, readTokens, write, type Tokens } from "./storage.ts";
import type { Extra, Open, ThreadPort, ThreadProps, ThreadState } from "./thread/contract.ts";
import { appendPage, buildTree } from "./tree.ts";

export interface AppProps extends ThreadProps {
  /** The page's language, loading; the site's locale replaces it when the page gave none (`lang`). */
  i18n: Promise<I18n>;
  lang?: string;
  limit: number;
}

const SORTS: SortOrder[] = ["oldest", "newest", "top"];

// The one stateful component besides the forms: it owns the thread's data, the reader's
// actions on it, and focus. Child components and embed-extra.js get it as a ThreadPort
// (widget/thread/contract.ts), read its state and change it through the port.
// A class rather than hooks: preact/hooks would cost about a tenth of the 12 KB budget.
export class App extends Component<AppProps, ThreadState> implements ThreadPort {
  state: ThreadState = {
    i18n: null,
    thread: null,
    comments: [],
    nextCursor: null,
    sort: SORTS.find((sort) => sort === read("bascule:sort")) ?? "oldest",
    depth: 6,
    loading: true,
    error: null,
    open: null,
    target: null,
    liked: [read<string[]>("bascule:liked") ?? []].flat(),
    failed: null,
    notice: "",
  };
  section = createRef<HTMLElement>();
  /** The thread's language, for the components (set as soon as it is known). */
  i18n!: I18n;
  /** The edit tokens held, read again at each render (another tab may have posted). */
  tokens: Tokens = {};
  /** The bot trap's signed "form shown at" token, from the first read; sent back with posts. */
  formToken?: string;
  /** embed-extra.js, once loaded (widget/parts.ts): writing, likes, one's own comments, Turnstile. */
  extra?: Extra;
  extraLoad?: Promise<Extra | undefined>;
  /** Counts the reads of the thread: only the latest one's answer, or failure, is shown. */
  reads = 0;

  componentDidMount() {
    // Settles before load() can use it: load() waits for the same promise, and subscribed later.
    void this.props.i18n.then((i18n) => this.setState({ i18n }));
    void this.load().then(this.showPermalink);
    addEventListener("hashchange", this.showPermalink);
  }

  componentWillUnmount() {
    removeEventListener("hashchange", this.showPermalink);
    // Turnstile's box and script listener, the timer that ends the edit windows.
    this.extra?.stop(this);
  }

  componentDidUpdate() {
    // One of the reader's own comments is here and still editable, or replies to show on
    // demand: fetch the controls.
    if (this.state.comments.some((comment) => comment.moreReplies || editable(this.tokens[comment.id]))) void this.needExtra();
  }

  /** Loads embed-extra.js, then renders again with it. After a failure the next call tries again. */
  needExtra = (): Promise<Extra | undefined> =>
    (this.extraLoad ??= loadPart<Extra>(this.props.api.base, "extra").then(
      (extra) => {
        this.extra = extra;
        this.forceUpdate();
        return extra;
      },
      () => (this.extraLoad = undefined),
    ));

  /** The shadow root we render in. */
  root(): ShadowRoot | undefined {
    return this.section.current?.getRootNode() as ShadowRoot | undefined;
  }

  /** Focuses one of our elements (ids live in our shadow root, out of reach of document.getElementById). */
  focus(id: string, selector = ""): HTMLElement | undefined {
    const element = this.root()?.getElementById?.(id);
    const target = (selector && element?.querySelector<HTMLElement>(selector)) || element || undefined;
    target?.focus();
    return target;
  }

  /**
   * `#comment-<id>` links can't reach into a shadow root on their own: embed-page.js
   * (widget/permalink.ts) shows the comment, once the address names one.
   */
  showPermalink = () =>
    void (
      /^#comment-/.test(location.hash) &&
      loadPart<PagePart>(this.props.api.base, "page").then(
        (page) => page.showPermalink(this),
        () => {},
      )
    );

  /** The first page (again, after a sort change or a failure), or the page after `cursor`. */
  load = async (cursor: string | null = null) => {
    const { api, site, page, limit, lang, onCounts } = this.props;
    const { sort } = this.state;
    const read = ++this.reads;
    this.setState({ loading: true, error: null });
    try {
      const tokens = Object.values(readTokens()).map((held) => held.token);
      const [data, pageI18n] = await Promise.all([api.thread({ site, page, limit, cursor, tokens, sort }), this.props.i18n]);
      const first = !this.state.thread;
      // Without a language from the page, the site's locale, once the thread says what it is.
      const i18n = !first ? this.i18n : lang ? pageI18n : await loadI18n(resolveLang(data.site.locale), api.base);
      // A newer read took over (another order, a retry): this answer is dropped.
      if (read !== this.reads) return undefined;
      this.formToken ??= data.form.token;
      const sitekey = data.form.turnstileSiteKey;
      if (sitekey) void this.needExtra().then((extra) => extra?.startTurnstile(this, sitekey, i18n.lang));
      this.setState(
        (s) => ({
          i18n,
          thread: data.thread,
          depth: data.site.displayDepth,
          comments: cursor ? appendPage(s.comments, data.comments) : data.comments,
          nextCursor: data.nextCursor,
          loading: false,
          error: null,
        }),
        // "Load more" takes the reader to what arrived.
        () => cursor && data.comments[0] && this.focus(`comment-${data.comments[0].id}`),
      );
      if (first) onCounts?.(i18n);
      return data;
    } catch (error) {
      // So is its failure: it must not show over the newer read's comments.
      if (read !== this.reads) return undefined;
      logRefusal(error);
      this.setState({ loading: false, error });
      return undefined;
    }
  };

  /** Without embed-extra.js (it failed to load) the like can't go: say so on the comment. */
  like = (id: string) =>
    void this.needExtra().then((extra) =>
      extra ? extra.like(this, id) : this.setState({ failed: { id, message: this.i18n.t("error.network") } }),
    );

  open = (what: Open | null) => this.setState({ open: what, failed: null });

  /** Escape, Cancel or No: close what is open; focus goes back to the comment's Reply button (or the comment). */
  close = (id: string) => this.setState({ open: null }, () => this.focus(`comment-${id}`, "[aria-expanded]"));

  sortBy = (event: Event) => {
    const sort = (event.currentTarget as HTMLSelectElement).value as SortOrder;
    write("bascule:sort", sort);
    // The first page again, in the new order; the old list stays until it arrives.
    this.setState({ sort }, this.load);
  };

  render(_: AppProps, { i18n, thread, comments, nextCursor, loading, error, notice, sort, depth }: ThreadState) {
    this.tokens = readTokens();
    if (!i18n) return null;
    this.i18n = i18n;
    const { t } = i18n;
    const failed = error != null;
    return (
      <section ref={this.section} aria-label={t("thread.label")} aria-busy={loading}>
        <h2>{thread ? i18n.plural("thread.count", thread.count) : t("thread.label")}</h2>
        {thread && thread.count > 1 && (
          <label>
            {t("thread.sort")}{" "}
            <select value={sort} onChange={this.sortBy}>
              {SORTS.map((order) => (
                <option value={order}>{t(`sort.${order}`)}</option>
              ))}
            </select>
          </label>
        )}
        {comments.length > 0 && <CommentList app={this} nodes={buildTree(comments, depth)} level={0} />}
        {loading && <p class="bascule-muted">{t("thread.loading")}</p>}
        {failed && (
          <p class="bascule-error" role="alert">
            {thread ? errorText(error, i18n) : t("thread.error")}
          </p>
        )}
        {(nextCursor || (failed && !thread)) && (
          <button type="button" class="bascule-secondary bascule-more" onClick={() => !loading && this.load(nextCursor)}>
            {t(thread ? "thread.more" : "thread.retry")}
          </button>
        )}
        {thread &&
          (thread.closed ? (
            <p class="bascule-muted">{t("thread.closed")}</p>
          ) : (
            <CommentForm app={this} title={t("form.title")} showTitle />
          ))}
        <p class="bascule-sr" role="status">
          {notice}
        </p>
      </section>
    );
  }
}
