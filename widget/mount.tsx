import { render } from "preact";
import { App } from "./app.tsx";
import { createApi } from "./api.ts";
import type { WidgetConfig } from "./config.ts";
import type { PagePart } from "./embed-page.ts";
import type { I18n } from "./i18n/en.ts";
import { loadI18n, resolveLang } from "./i18n/index.ts";
import { loadPart } from "./parts.ts";
import css from "./styles.css";

export interface Mounted {
  /** Shows another configuration (another page, language or theme): the thread is read anew. */
  update(config: WidgetConfig): void;
  destroy(): void;
}

/**
 * Renders the thread inside an open shadow root on `host` (open so that tests and
 * assistive tooling can reach in). Page styles can't reach our elements and ours
 * can't leak out; only inherited properties and the --bascule-* variables cross.
 */
export function mount(host: HTMLElement, config: WidgetConfig): Mounted {
  // embed.tsx uses show() itself; this is for the tests.
  let stop = show(host, config);
  return {
    update(next) {
      stop();
      stop = show(host, next);
    },
    destroy: () => stop(),
  };
}

/** Shows the thread as `config` says; the returned function takes it all away. */
export function show(host: HTMLElement, config: WidgetConfig): () => void {
  const controller = new AbortController();
  const api = createApi(config.api, controller.signal);
  // A shadow root can't be removed: after destroy(), a second mount reuses it.
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const removeStyles = addStyles(root, css);
  // Preact renders into a container of its own so the <style> fallback is never diffed away.
  const container = document.createElement("div");
  container.className = "bascule-root";
  root.append(container);

  // The root speaks the thread's language, in its direction (`dir` cannot come from the
  // page: `all: initial` on :host resets it): once the page's language has loaded, and again
  // once the thread is read (the site's locale may apply then). The theme is settled at the
  // same two moments: before the first render, and once the page's styles have surely loaded.
  const speak = (i18n: I18n) => {
    container.lang = i18n.lang;
    container.dir = i18n.t("dir");
    container.dataset.theme = config.theme === "dark" || (config.theme !== "light" && isDark(host)) ? "dark" : "light";
    return i18n;
  };
  // Whenever the thread's count changes: the page's [data-bascule-count] elements too
  // (embed-page.js fills them; if it can't load, they stay as they are).
  const counts = (i18n: I18n) => {
    speak(i18n);
    loadPart<PagePart>(config.api, "page").then(
      (page) => page.counts(api, config, i18n),
      () => {},
    );
  };
  // The thread is read while the language (a file of its own, unless English) loads.
  const i18n = loadI18n(resolveLang(config.lang), config.api).then(speak);
  render(<App {...config} api={api} i18n={i18n} onCounts={counts} />, container);

  return () => {
    controller.abort();
    render(null, container);
    container.remove();
    removeStyles();
  };
}

/**
 * `auto`: dark when the first opaque background from `host` up is dark. With none up to
 * <html>, the browser paints the canvas, dark only when the reader prefers dark and the page
 * allows it (`color-scheme: light dark`): then its default text is light, and so is the
 * text colour the host inherits.
 */
export function isDark(host: Element): boolean {
  for (let element: Element | null = host; element; element = element.parentElement) {
    const shade = brightness(getComputedStyle(element).backgroundColor);
    if (shade !== undefined) return shade < 128;
  }
  return brightness(getComputedStyle(host).color)! > 127;
}

/**
 * 0–255 for an rgb() colour at least half opaque (browsers give hex, named and hsl() colours
 * so); undefined for one more transparent, or in another space (oklch(), lab()…), passed over.
 */
function brightness(colour: string): number | undefined {
  const [r, g, b, alpha = 1] = /^rgb/.test(colour) ? colour.match(/[\d.]+/g)!.map(Number) : [0, 0, 0, 0];
  return alpha > 0.5 ? r! * 0.299 + g! * 0.587 + b! * 0.114 : undefined;
}

/**
 * adoptedStyleSheets where there are (and no CSP 'unsafe-inline' needed); a <style> elsewhere.
 * Ours are the root's only sheets.
 */
function addStyles(root: ShadowRoot, text: string): () => void {
  if (root.adoptedStyleSheets && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [sheet];
    return () => (root.adoptedStyleSheets = []);
  }
  const style = document.createElement("style");
  style.textContent = text;
  root.prepend(style);
  return () => style.remove();
}
