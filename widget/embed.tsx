// The loader: the one file a site's <script> tag runs. It reads its configuration from its
// own tag, mounts the thread, fills the page's comment counts, and defines `window.Bascule`
// (API.md, "The widget's JavaScript API") for single-page sites:
//
//   <div id="bascule-comments"></div>
//   <script src="https://comments.example.org/embed.js" data-site="blog" async></script>
//
//   const handle = Bascule.mount(element, { site: "blog", page: "/posts/hello" });
//   handle.update({ page: "/posts/other" }); handle.destroy();

import { ConfigError, readConfig, type Options } from "./config.ts";
import type { PagePart } from "./embed-page.ts";
import { show as showThread } from "./mount.tsx";
import { loadPart } from "./parts.ts";

export interface Handle {
  update(options: Options): void;
  destroy(): void;
}

declare global {
  interface Window {
    Bascule?: { mount(element: HTMLElement, options: Options): Handle; destroy(): void };
  }
}

// Only set while this file first runs (not in callbacks, not for modules): capture it now.
const current = document.currentScript;

function ownScript(): HTMLScriptElement | null {
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src*="embed.js"][data-site]');
}

/**
 * One widget, on `host`. With `follows` (the script-tag widget without data-page) it follows
 * a single-page site's navigation (widget/follow.ts, in embed-page.js, asked for at once):
 * after each one, and once as that part arrives, the key (from the address or the canonical
 * link) is read again, and a new key reads the new page's thread.
 */
function widget(host: HTMLElement, options: Options, src?: string, follows?: boolean): Handle {
  let config = readConfig(options, src);
  let stop = showThread(host, config);
  const again = (next: typeof config) => {
    stop();
    stop = showThread(host, (config = next));
  };
  const show = (next = readConfig(options, src)) => next.page === config.page || again(next);
  let unfollow: (() => void) | undefined;
  let live = true;
  if (follows) {
    void loadPart<PagePart>(config.api, "page").then(
      (page) => {
        if (live) {
          unfollow = page.follow(show);
          show();
        }
      },
      () => {},
    );
  }
  return {
    update(changes) {
      if (live) again(readConfig((options = { ...options, ...changes }), src));
    },
    destroy() {
      if (live) stop();
      live = false;
      unfollow?.();
    },
  };
}

function start(): void {
  // Loaded twice (a theme and a plugin both add the tag): the first one wins. Not fooled
  // by an element with id="Bascule", which window.Bascule also names.
  if (window.Bascule?.destroy) return;
  const script = ownScript();

  // The script-tag widget, which Bascule.destroy() takes away (a mounted one goes with its handle).
  let tagged: Handle | undefined;
  const run = () => {
    // A tag without data-site and a page without #bascule-comments: the JavaScript API only.
    const host = document.getElementById("bascule-comments");
    if (!script?.dataset.site && !host) return;
    try {
      tagged = widget(host ?? insertHost(script), script?.dataset ?? {}, script?.src, !script?.dataset.page);
    } catch (error) {
      // A mistake in the snippet says what to fix; anything else (a host that can't have a
      // shadow root, a tag without src) is still ours to report, prefixed, not thrown raw.
      console.error(`[bascule] embed.js ${error instanceof ConfigError ? error.message : error}`);
    }
  };

  window.Bascule = {
    mount: (element, options) => widget(element, options, script?.src),
    destroy() {
      document.removeEventListener("DOMContentLoaded", run);
      tagged?.destroy();
      delete window.Bascule;
    },
  };

  // An async or head script may run before the container is parsed.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run, { once: true });
  else run();
}

/** Without a #bascule-comments element, the thread goes right after the script tag. */
function insertHost(script: HTMLScriptElement | null): HTMLElement {
  if (!script?.parentElement || script.closest("head")) {
    throw new ConfigError("found no #bascule-comments element.");
  }
  const host = document.createElement("div");
  host.id = "bascule-comments";
  script.after(host);
  return host;
}

start();
