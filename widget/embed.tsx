// The loader: the one file a site's <script> tag runs. It reads its configuration once
// from its own tag, mounts the thread, fills the page's comment counts, and exposes
// `window.Bascule.destroy()` for single-page sites that navigate away.
//
//   <div id="bascule-comments"></div>
//   <script src="https://comments.example.org/embed.js" data-site="blog" async></script>

import { ConfigError, readConfig } from "./config.ts";
import { mount, type Mounted } from "./mount.tsx";

declare global {
  interface Window {
    Bascule?: { destroy(): void };
  }
}

// Only set while this file first runs (not in callbacks, not for modules): capture it now.
const current = document.currentScript;

function ownScript(): HTMLScriptElement | null {
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src*="embed.js"][data-site]');
}

function start(): void {
  // Loaded twice (a theme and a plugin both add the tag): the first one wins. Not fooled
  // by an element with id="Bascule", which window.Bascule also names.
  if (typeof window.Bascule?.destroy === "function") return;

  let mounted: Mounted | null = null;
  const run = () => {
    try {
      const script = ownScript();
      const config = readConfig(script, document);
      mounted = mount(document.getElementById("bascule-comments") ?? insertHost(script), config);
    } catch (error) {
      // A mistake in the snippet says what to fix; anything else (a host that can't have a
      // shadow root, a tag without src) is still ours to report, prefixed, not thrown raw.
      console.error(`[bascule] embed.js ${error instanceof ConfigError ? error.message : error}`);
    }
  };

  window.Bascule = {
    destroy() {
      document.removeEventListener("DOMContentLoaded", run);
      mounted?.destroy();
      mounted = null;
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
    throw new ConfigError('found no <div id="bascule-comments"> to show the comments in.');
  }
  const host = document.createElement("div");
  host.id = "bascule-comments";
  script.after(host);
  return host;
}

start();
