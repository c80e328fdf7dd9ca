import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from "preact/hooks";
import type { AdminComment } from "../../worker/api-types.ts";
import { errorText, StaleComment, type AdminApi } from "../api.ts";
import type { Deferred } from "../deferred.ts";
import type { I18n } from "../i18n/index.ts";
import { shortcutOf } from "../keys.ts";
import { EMPTY_QUEUE, queueReducer, type StatusFilter } from "../queue-state.ts";
import type { Notify } from "../notify.ts";
import { CommentCard, type Verdict } from "./comment-card.tsx";
import { SearchForm, StatusFilters } from "./queue-filters.tsx";

/** How long a delete waits behind its Undo toast before the DELETE goes (issue 4: ~5 s). */
export const DELETE_DELAY_MS = 5_000;

interface Props {
  api: AdminApi;
  i18n: I18n;
  site: string;
  notify: Notify;
  /** The page's one waiting DELETE (see deferred.ts). */
  deferred: Deferred;
  /** Runs the last action's undo, if its toast is still up. */
  undoLast: () => void;
}

/** The moderation queue and search: newest first, one-click and one-key verdicts with undo. */
export function Queue({ api, i18n, site, notify, deferred, undoLast }: Props) {
  const [filter, setFilter] = useState<StatusFilter>("pending");
  const [q, setQ] = useState("");
  const [state, dispatch] = useReducer(queueReducer, EMPTY_QUEUE);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<unknown>(null);
  const list = useRef<HTMLOListElement>(null);
  /** Set when the selection should take focus after the next render (keys, verdicts, undo). */
  const focusSelected = useRef(false);
  /** The filter and list right now, for handlers that run after an await or from a key press. */
  const live = useRef({ filter, state });
  live.current = { filter, state };
  const request = useRef(0);

  const load = useCallback(
    async (after: string | null) => {
      const mine = ++request.current;
      setLoading(true);
      setFailure(null);
      try {
        const page = await api.comments({ site, status: filter === "all" ? undefined : filter, q, cursor: after });
        if (mine !== request.current) return; // a newer filter or search took over
        dispatch({ type: "loaded", items: page.comments, append: after !== null });
        setCursor(page.nextCursor);
      } catch (error) {
        if (mine === request.current) setFailure(error);
      } finally {
        if (mine === request.current) setLoading(false);
      }
    },
    [api, site, filter, q],
  );

  useEffect(() => void load(null), [load]);

  // A layout effect: it runs with the render the key press caused. A plain effect runs after
  // paint, and one left over from an earlier render would focus the old card.
  useLayoutEffect(() => {
    if (!focusSelected.current) return;
    focusSelected.current = false;
    const id = state.selected;
    const card = id === null ? null : document.getElementById(`comment-${id}`);
    if (card) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
    } else if (list.current?.contains(document.activeElement) !== true) {
      list.current?.focus();
    }
  });

  const put = (comment: AdminComment, index: number) => {
    focusSelected.current = true;
    dispatch({ type: "put", comment, index, filter: live.current.filter, select: true });
  };

  const act = async (comment: AdminComment, verdict: Verdict) => {
    const index = live.current.state.items.findIndex((c) => c.id === comment.id);
    focusSelected.current = true;
    if (verdict === "delete") {
      dispatch({ type: "removed", id: comment.id });
      // Whatever delete was waiting is sent now: only the last action can be undone.
      void deferred.schedule(async ({ keepalive }) => {
        try {
          await api.deleteComment(comment.id, { keepalive });
        } catch (error) {
          put(comment, index);
          notify(errorText(error, i18n), { error: true });
        }
      }, DELETE_DELAY_MS);
      notify(i18n.t("toast.deleted"), {
        ms: DELETE_DELAY_MS,
        undo: () => {
          if (!deferred.cancel()) {
            // The DELETE has already gone (its time was up, the tab was hidden): say so.
            notify(i18n.t("toast.tooLate"), { error: true });
            return;
          }
          put(comment, index);
          notify(i18n.t("toast.undone"));
        },
      });
      return;
    }

    void deferred.flush();
    const previous = comment.status;
    // The list moves on at once; a failure puts the comment back.
    dispatch({ type: "put", comment: { ...comment, status: verdict }, index, filter: live.current.filter });
    try {
      // The version shown: approving a comment edited since is refused with its new text.
      const changed = await api.setStatus(comment.id, verdict, comment.editedAt);
      dispatch({ type: "put", comment: changed, index, filter: live.current.filter });
    } catch (error) {
      failed(error, comment, index);
      return;
    }
    if (previous === "deleted") return;
    notify(i18n.t(verdict === "approved" ? "toast.approved" : "toast.spam"), {
      undo: async () => {
        try {
          put(await api.setStatus(comment.id, previous), index);
          notify(i18n.t("toast.undone"));
        } catch (error) {
          notify(errorText(error, i18n), { error: true });
        }
      },
    });
  };

  /** Puts the comment back as it is now (its new text, if it was edited since it was shown), and says why. */
  const failed = (error: unknown, comment: AdminComment, index: number) => {
    const stale = error instanceof StaleComment;
    put(stale ? error.current : comment, index);
    notify(stale ? i18n.t("toast.stale") : errorText(error, i18n), { error: true });
  };

  const reply = async (comment: AdminComment, body: string) => {
    const index = live.current.state.items.findIndex((c) => c.id === comment.id);
    try {
      const { parent } = await api.replyAsOwner(comment, body);
      dispatch({ type: "put", comment: parent, index, filter: live.current.filter });
      notify(i18n.t("toast.replied"));
    } catch (error) {
      failed(error, comment, index);
      throw error;
    }
  };

  const onKey = (event: KeyboardEvent) => {
    const shortcut = shortcutOf(event);
    if (shortcut === null) return;
    const { items, selected } = live.current.state;
    const current = items.find((c) => c.id === selected);
    event.preventDefault();
    switch (shortcut) {
      case "next":
      case "previous":
        focusSelected.current = true;
        dispatch({ type: "move", by: shortcut === "next" ? 1 : -1 });
        break;
      case "approve":
        if (current && !current.deleted && current.status !== "approved") void act(current, "approved");
        break;
      case "spam":
        if (current && !current.deleted && current.status !== "spam") void act(current, "spam");
        break;
      case "delete":
        if (current) void act(current, "delete");
        break;
      case "undo":
        undoLast();
        break;
    }
  };
  const keyHandler = useRef(onKey);
  keyHandler.current = onKey;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  const search = (text: string) => {
    setQ(text);
    // A search looks across the whole site (issue 4), whatever the status.
    if (text) setFilter("all");
  };

  const { items, selected } = state;
  const empty = q ? i18n.t("queue.emptySearch", { q }) : i18n.t(filter === "pending" ? "queue.emptyPending" : "queue.empty");
  return (
    <section class="view" aria-labelledby="queue-title" aria-busy={loading}>
      <h2 id="queue-title">{i18n.t("nav.comments")}</h2>
      <div class="toolbar">
        <StatusFilters i18n={i18n} value={filter} onChange={setFilter} />
        <SearchForm i18n={i18n} value={q} onSearch={search} />
      </div>
      <p class="muted small" id="queue-keys">
        {i18n.t("queue.shortcuts")}
      </p>
      <ol class="cards" ref={list} tabIndex={-1} aria-labelledby="queue-title" aria-describedby="queue-keys">
        {items.map((comment) => (
          <li key={comment.id}>
            <CommentCard
              i18n={i18n}
              comment={comment}
              selected={comment.id === selected}
              showStatus={filter === "all"}
              onSelect={(id) => dispatch({ type: "select", id })}
              onAct={(c, verdict) => void act(c, verdict)}
              onReply={reply}
            />
          </li>
        ))}
      </ol>
      {loading && <p class="muted">{i18n.t("app.loading")}</p>}
      {!loading && failure === null && items.length === 0 && <p class="empty">{empty}</p>}
      {failure !== null && (
        <p class="error" role="alert">
          {errorText(failure, i18n)}
        </p>
      )}
      {!loading && (cursor || failure !== null) && (
        <button type="button" class="button button-quiet" onClick={() => void load(failure !== null && items.length === 0 ? null : cursor)}>
          {i18n.t(failure !== null ? "queue.retry" : "queue.more")}
        </button>
      )}
    </section>
  );
}
