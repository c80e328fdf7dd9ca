import type { ThreadPort, Turnstile } from "../thread/contract.ts";

// Cloudflare Turnstile, only for sites whose owner turned it on (`form.turnstileSiteKey`).
// It is the one third-party request the widget may ever make.
//
// Turnstile's script has had trouble with containers inside a shadow root, so its
// container lives in the light DOM as a child of our host, and reaches the form through a
// <slot name="turnstile">: it is laid out inside the form while staying a plain document
// element. One container serves every form; the first open form in the tree (a reply
// form, else the main form) shows it.

export const TURNSTILE_SRC = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

interface TurnstileApi {
  render(container: HTMLElement, options: { sitekey: string; language: string; callback(token: string): void }): string;
  reset(id?: string): void;
  remove(id?: string): void;
}

declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

/** The challenge of each thread, kept here too: the thread may go before it renders with it. */
const started = new WeakMap<ThreadPort, Turnstile>();

/** Once per mount, though every read with a site key asks; `state.turnstile` shows the forms' slot. */
export function startTurnstile(app: ThreadPort, sitekey: string, language: string): void {
  if (started.has(app)) return;
  const widget = renderBox(app.root()?.host, sitekey, language);
  if (!widget) return;
  started.set(app, widget);
  app.setState({ turnstile: widget });
}

/** When the thread goes (destroy()). */
export function stopTurnstile(app: ThreadPort): void {
  started.get(app)?.remove();
  started.delete(app);
}

/** Renders the challenge into a container next to the host, for the forms' slot. */
function renderBox(host: Element | undefined, sitekey: string, language: string): Turnstile | undefined {
  // Not once the thread is gone: destroy() may come while embed-extra.js was loading.
  if (!host) return undefined;
  const box = document.createElement("div");
  box.slot = "turnstile";
  host.append(box);
  let id: string | undefined;
  let script: Element | undefined;
  const widget: Turnstile = {
    token: "",
    reset() {
      widget.token = "";
      window.turnstile?.reset(id);
    },
    remove() {
      if (id !== undefined) window.turnstile?.remove(id);
      script?.removeEventListener("load", render);
      box.remove();
    },
  };
  const render = () => {
    if (box.isConnected) id = window.turnstile?.render(box, { sitekey, language, callback: (token) => (widget.token = token) });
  };
  if (window.turnstile) render();
  else {
    script =
      document.querySelector(`script[src="${TURNSTILE_SRC}"]`) ??
      document.head.appendChild(Object.assign(document.createElement("script"), { src: TURNSTILE_SRC }));
    script.addEventListener("load", render, { once: true });
  }
  return widget;
}
