// Part of embed-page.js (widget/embed-page.ts): how the script-tag widget without data-page
// follows a single-page site's navigation.

/**
 * Calls `navigated` a tenth of a second after each pushState, replaceState and popstate
 * (once the router has rendered the new page's <head>, whose canonical link may give the
 * key). History's methods are wrapped once per call; the returned function stops it all:
 * the timer, the listener, and the wrapping, whose original methods go back in place unless
 * something wrapped them after us (then ours stays, calling nothing).
 */
export function follow(navigated: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const heard = () => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(navigated, 100);
  };
  const undo = (["pushState", "replaceState"] as const).map((name) => {
    const original = history[name];
    const ours = function (this: History, ...args: Parameters<History["pushState"]>) {
      original.apply(this, args);
      heard();
    };
    history[name] = ours;
    return () => {
      if (history[name] === ours) history[name] = original;
    };
  });
  addEventListener("popstate", heard);
  return () => {
    stopped = true;
    clearTimeout(timer);
    for (const step of undo) step();
    removeEventListener("popstate", heard);
  };
}
