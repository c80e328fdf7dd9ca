import { render } from "preact";
import { App } from "./app.tsx";
import { createApi } from "./api.ts";
import { updateCounts } from "./counts.ts";
import type { WidgetConfig } from "./config.ts";
import type { I18n } from "./i18n/en.ts";
import { loadI18n, resolveLang } from "./i18n/index.ts";
import css from "./styles.css";

export interface Mounted {
  destroy(): void;
}

/**
 * Renders the thread inside an open shadow root on `host` (open so that tests and
 * assistive tooling can reach in). Page styles can't reach our elements and ours
 * can't leak out; only inherited properties and the --bascule-* variables cross.
 */
export function mount(host: HTMLElement, config: WidgetConfig): Mounted {
  const controller = new AbortController();
  const api = createApi(config.api, controller.signal);
  // A shadow root can't be removed: after destroy(), a second mount reuses it.
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const removeStyles = addStyles(root, css);
  // Preact renders into a container of its own so the <style> fallback is never diffed away.
  const container = host.ownerDocument.createElement("div");
  container.className = "bascule-root";
  root.append(container);

  // The root speaks the thread's language, in its direction (`dir` cannot come from the
  // page: `all: initial` on :host resets it): once the page's language has loaded, and again
  // once the thread is read (the site's locale may apply then).
  const speak = (i18n: I18n) => {
    container.lang = i18n.lang;
    container.dir = i18n.t("dir");
    return i18n;
  };
  // Whenever the thread's count changes: the page's [data-bascule-count] elements too.
  const counts = (i18n: I18n) => void updateCounts(api, config, speak(i18n));
  // The thread is read while the language (a file of its own, unless English) loads.
  const i18n = loadI18n(resolveLang(config.lang), config.api).then(speak);
  render(<App {...config} api={api} i18n={i18n} onCounts={counts} />, container);

  return {
    destroy() {
      controller.abort();
      render(null, container);
      container.remove();
      removeStyles();
    },
  };
}

/** adoptedStyleSheets where there are (and no CSP 'unsafe-inline' needed); a <style> elsewhere. */
function addStyles(root: ShadowRoot, text: string): () => void {
  if ("replaceSync" in CSSStyleSheet.prototype && root.adoptedStyleSheets !== undefined) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((other) => other !== sheet);
    };
  }
  const style = root.ownerDocument.createElement("style");
  style.textContent = text;
  root.prepend(style);
  return () => style.remove();
}
