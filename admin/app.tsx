import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { SiteBody } from "../worker/api-types.ts";
import { createAdminApi, errorText } from "./api.ts";
import { Deliveries } from "./components/deliveries.tsx";
import { Login } from "./components/login.tsx";
import { Queue } from "./components/queue.tsx";
import { SettingsForm } from "./components/settings-form.tsx";
import { SitePicker } from "./components/site-picker.tsx";
import { Threads } from "./components/threads.tsx";
import { ToastRegion, type Toast } from "./components/toast.tsx";
import { TransferSection } from "./components/transfer-section.tsx";
import { Deferred } from "./deferred.ts";
import type { TextKey } from "./i18n/en.ts";
import { createI18n } from "./i18n/index.ts";
import type { Notify } from "./notify.ts";
import { readSite, readToken, saveLang, saveSite, saveToken } from "./storage.ts";

/** The sections, each at its own #hash so the back button and a bookmark work. */
const VIEWS = [
  ["comments", "nav.comments"],
  ["threads", "nav.threads"],
  ["settings", "nav.settings"],
  ["transfer", "nav.transfer"],
  ["deliveries", "nav.deliveries"],
] as const satisfies ReadonlyArray<readonly [string, TextKey]>;

type View = (typeof VIEWS)[number][0];

const TOAST_MS = 8_000;

function viewOf(hash: string): View {
  return VIEWS.find(([view]) => `#${view}` === hash)?.[0] ?? "comments";
}

/** The page's one waiting DELETE: it outlives view and site changes, and goes when the tab is hidden. */
const deferred = new Deferred();

export function App({ initialLang }: { initialLang: string }) {
  const [lang, setLang] = useState(initialLang);
  const i18n = useMemo(() => createI18n(lang), [lang]);
  const [token, setToken] = useState(readToken);
  /** The server refused the token this tab had: say so on the sign-in form. */
  const [expired, setExpired] = useState(false);
  const [sites, setSites] = useState<SiteBody[] | null>(null);
  const [sitesError, setSitesError] = useState<unknown>(null);
  const [site, setSite] = useState(readSite);
  const [view, setView] = useState(() => viewOf(location.hash));
  const [toast, setToast] = useState<Toast | null>(null);
  const toastId = useRef(0);
  const shownToast = useRef<Toast | null>(null);
  shownToast.current = toast;

  const signOut = useCallback((refused: boolean) => {
    void deferred.flush();
    saveToken(null);
    setToken(null);
    setSites(null);
    setToast(null);
    setExpired(refused);
  }, []);

  const api = useMemo(() => (token ? createAdminApi(token, () => signOut(true)) : null), [token]);

  useEffect(() => deferred.flushWhenHidden(), []);
  useEffect(() => {
    const follow = () => setView(viewOf(location.hash));
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);
  // Before paint, so the page's language never disagrees with what it shows.
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t("app.title");
  }, [i18n]);

  // A token kept from earlier in this tab: fetch the sites with it (a 401 signs out).
  useEffect(() => {
    if (api && sites === null) {
      setSitesError(null);
      api.sites().then(setSites, setSitesError);
    }
  }, [api]);

  const notify: Notify = useCallback((text, options = {}) => {
    setToast({ id: ++toastId.current, text, error: options.error, undo: options.undo, ms: options.ms ?? TOAST_MS });
  }, []);
  const expire = useCallback((id: number) => setToast((current) => (current?.id === id ? null : current)), []);
  const undoLast = useCallback(() => {
    const undo = shownToast.current?.undo;
    if (!undo) return;
    setToast(null);
    undo();
  }, []);

  const toggleLang = () => {
    const next = i18n.t("app.otherLanguageTag");
    saveLang(next);
    setLang(next);
  };

  const header = (
    <header class="top">
      <h1 class="brand">{i18n.t("app.title")}</h1>
      <div class="top-tools">
        <button type="button" class="button button-quiet" lang={i18n.t("app.otherLanguageTag")} onClick={toggleLang}>
          {i18n.t("app.otherLanguage")}
        </button>
        {token && (
          <button type="button" class="button button-quiet" onClick={() => signOut(false)}>
            {i18n.t("app.signOut")}
          </button>
        )}
      </div>
    </header>
  );

  if (!api) {
    return (
      <>
        {header}
        <main id="main" class="main">
          <Login
            i18n={i18n}
            notice={expired ? i18n.t("login.expired") : ""}
            onSignedIn={(accepted, list) => {
              saveToken(accepted);
              setExpired(false);
              setSites(list);
              setToken(accepted);
            }}
          />
        </main>
      </>
    );
  }

  const current = sites?.find((s) => s.key === site)?.key ?? sites?.[0]?.key ?? null;
  const pickSite = (key: string) => {
    saveSite(key);
    setSite(key);
  };
  const props = current === null ? null : { api, i18n, site: current, notify };

  return (
    <>
      {header}
      <div class="nav">
        {sites && sites.length > 0 && current && <SitePicker i18n={i18n} sites={sites} value={current} onChange={pickSite} />}
        <nav aria-label={i18n.t("app.sections")}>
          <ul>
            {VIEWS.map(([name, label]) => (
              <li key={name}>
                <a href={`#${name}`} aria-current={view === name ? "page" : undefined}>
                  {i18n.t(label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <main id="main" class="main">
        {sites === null && sitesError === null && <p class="muted">{i18n.t("app.loading")}</p>}
        {sitesError !== null && (
          <p class="error" role="alert">
            {errorText(sitesError, i18n)}
          </p>
        )}
        {sites?.length === 0 && <p class="empty">{i18n.t("app.noSites")}</p>}
        {props && view === "comments" && <Queue key={props.site} {...props} deferred={deferred} undoLast={undoLast} />}
        {props && view === "threads" && <Threads key={props.site} {...props} />}
        {props && view === "settings" && (
          <SettingsForm
            key={props.site}
            {...props}
            onSaved={(saved) => setSites((list) => list?.map((s) => (s.key === saved.key ? saved : s)) ?? null)}
          />
        )}
        {props && view === "transfer" && <TransferSection key={props.site} api={props.api} i18n={props.i18n} site={props.site} />}
        {props && view === "deliveries" && <Deliveries key={props.site} api={props.api} i18n={props.i18n} site={props.site} />}
      </main>
      <ToastRegion i18n={i18n} toast={toast} onUndo={undoLast} onExpire={expire} />
    </>
  );
}
