import { useEffect, useState } from "preact/hooks";
import type { AdminThread } from "../../worker/api-types.ts";
import { errorText, type AdminApi } from "../api.ts";
import type { I18n } from "../i18n/index.ts";
import { httpUrl } from "../links.ts";
import type { Notify } from "../notify.ts";

interface Props {
  api: AdminApi;
  i18n: I18n;
  site: string;
  notify: Notify;
}

/** Every thread of the site with its count, and a button to close or reopen it. */
export function Threads({ api, i18n, site, notify }: Props) {
  const [threads, setThreads] = useState<AdminThread[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    try {
      setThreads(await api.threads(site));
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  };
  useEffect(() => void load(), [api, site]);

  const toggle = async (thread: AdminThread) => {
    const title = thread.title?.trim() || thread.page;
    setBusy(thread.page);
    try {
      await api.closeThread(site, thread.page, !thread.closed);
      notify(i18n.t(thread.closed ? "toast.threadOpened" : "toast.threadClosed", { title }));
      // Read back rather than guess: a thread past the site's closeAfterDays stays closed.
      await load();
    } catch (error) {
      notify(errorText(error, i18n), { error: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="view" aria-labelledby="threads-title" aria-busy={threads === null && failure === null}>
      <h2 id="threads-title">{i18n.t("nav.threads")}</h2>
      {threads === null && failure === null && <p class="muted">{i18n.t("app.loading")}</p>}
      {failure !== null && (
        <p class="error" role="alert">
          {errorText(failure, i18n)}
        </p>
      )}
      {threads?.length === 0 && <p class="empty">{i18n.t("threads.empty")}</p>}
      {threads && threads.length > 0 && (
        <ul class="rows">
          {threads.map((thread) => {
            const title = thread.title?.trim() || thread.page;
            const url = httpUrl(thread.url);
            return (
              <li key={thread.page} class="row">
                <div class="row-main">
                  {url ? (
                    <a href={url} rel="noopener noreferrer" target="_blank" class="row-title">
                      {title}
                    </a>
                  ) : (
                    <span class="row-title">{title}</span>
                  )}
                  <span class="muted small">{thread.page}</span>
                </div>
                <span class="row-count">{i18n.plural("threads.count", thread.count)}</span>
                <span class={thread.closed ? "badge badge-spam" : "badge badge-approved"}>
                  {i18n.t(thread.closed ? "threads.closed" : "threads.open")}
                </span>
                <button
                  type="button"
                  class="button button-quiet"
                  disabled={busy === thread.page}
                  aria-label={i18n.t(thread.closed ? "threads.reopenLabel" : "threads.closeLabel", { title })}
                  onClick={() => void toggle(thread)}
                >
                  {i18n.t(thread.closed ? "threads.reopen" : "threads.close")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
