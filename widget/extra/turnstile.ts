import type { App } from "../app.tsx";

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

export interface Turnstile {
  /** The current answer, "" until the reader passes. */
  token: string;
  /** Answers are single-use: ask for a fresh one after each post. */
  reset(): void;
  /** When the thread goes (destroy()): the challenge, its box, and the wait for Cloudflare's script. */
  remove(): void;
}

/** Once per mount: renders the challenge into a container next to the host, and the forms' slot for it. */
export function startTurnstile(app: App, sitekey: string, language: string): void {
  // Not once the thread is gone: destroy() may come while embed-extra.js was loading.
  const host = app.root()?.host;
  if (app.turnstile || !host) return;
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
  app.turnstile = widget;
  app.forceUpdate();
}
