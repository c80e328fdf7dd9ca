// What most readers never use stays out of the 12 KB embed.js, in files of its own that
// embed.js loads from the API's origin when needed:
//   embed-extra.<hash>.js  what writing does: sending and previewing (loaded as the reader
//                          starts writing), likes, edit and delete of one's own comments
//                          (while one is editable), Cloudflare Turnstile (when the site
//                          turned it on);
//   embed-<lang>.<hash>.js a language's catalogue, e.g. embed-fr (English, the source of truth, is built in).
// Their names carry a hash of their content (scripts/build-widget.ts says why), written
// into embed.js as `PARTS_HASH`. They bring no Preact of their own: what they import from
// the modules listed in widget/shared-modules.ts, they read from `window.__basculeShared`,
// filled here (scripts/build-widget.ts maps those imports to that object). Each one ends
// by calling `definePart(name, value)`.

import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { ApiError, errorText } from "./api.ts";
import { CommentForm } from "./components/comment-form.tsx";
import { read, readTokens, write } from "./storage.ts";

declare global {
  interface Window {
    __basculeShared?: object;
  }
  /**
   * The `<hash>` in the parts' names, `embed-<name>.<hash>.js`: esbuild's `define` writes
   * it into embed.js (scripts/build-widget.ts). Unbundled, in the tests, the test sets it.
   */
  var PARTS_HASH: string;
}

const defined: Record<string, unknown> = {};
const loading: Record<string, Promise<unknown>> = {};

/** Called by a part's file as it runs (tests import those files directly). */
export function definePart(name: string, value: unknown): void {
  defined[name] = value;
}

/**
 * `embed-<name>.<hash>.js`, from the API's origin, once. Settled by the script's own load
 * or error event: a classic script has run by its load event, so a file that loaded
 * without defining its part (a stale or foreign file at that name) fails rather than
 * hangs. A failed load may be tried again later.
 */
export function loadPart<T>(base: string, name: string): Promise<T> {
  if (name in defined) return Promise.resolve(defined[name] as T);
  return (loading[name] ??= new Promise((resolve, reject) => {
    // Every name the parts import from the shared modules, in one object. Set by each load
    // rather than once per page: embed.js run again after destroy() is a new copy, with a
    // registry of its own, and the parts it loads must define themselves in that one.
    window.__basculeShared = { jsx, jsxs, Fragment, definePart, ApiError, errorText, read, write, readTokens, CommentForm };
    const script = document.createElement("script");
    script.src = `${base}/embed-${name}.${PARTS_HASH}.js`;
    script.onload = script.onerror = () => {
      // It has run (or never will): the element has nothing more to do.
      script.remove();
      // On an error the browser has said which file failed; callers carry on without it.
      name in defined ? resolve(defined[name]) : reject();
    };
    document.head.append(script);
  }).catch((error: unknown) => {
    delete loading[name];
    throw error;
  })) as Promise<T>;
}
