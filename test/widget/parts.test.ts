// Loading the parts kept out of embed.js (widget/parts.ts): one <script> from the API's
// origin, once, resolved when the file defines itself; the other tests define the parts
// up front (helpers.ts), as if they had loaded. The hash in their files' names is written
// into embed.js by the build: here the test plays the build.

import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { API, cleanup, happyDOM } from "./helpers.ts";

const FILES = { extra: "embed-extra.0123abcd.js", fr: "embed-fr.0123abcd.js" };

beforeEach(() => {
  globalThis.PARTS_HASH = "0123abcd";
});

afterEach(() => {
  happyDOM.settings.handleDisabledFileLoadingAsSuccess = false;
  cleanup();
});

/** parts.ts in a fresh module graph: nothing defined yet. */
async function freshParts() {
  vi.resetModules();
  return import("../../widget/parts.ts");
}

/**
 * The src of every script added to <head> from now on. happy-dom runs no scripts and fires
 * `load` (with handleDisabledFileLoadingAsSuccess) or `error` as one is added; `run` plays
 * the file first, with what embed.js shares, as a browser runs a script before its load event.
 */
function added(run?: (shared: Record<string, unknown>) => void) {
  const srcs: string[] = [];
  const append = document.head.append.bind(document.head);
  vi.spyOn(document.head, "append").mockImplementation((...nodes) => {
    for (const node of nodes) if (node instanceof HTMLScriptElement) srcs.push(node.src);
    run?.(window.__basculeShared as Record<string, unknown>);
    append(...nodes);
  });
  return srcs;
}

test("one <script> for a part, however many ask; it resolves with what the file defines", async () => {
  happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
  const { loadPart, definePart } = await freshParts();
  const srcs = added((shared) => {
    // What the file does as it runs: it finds what it shares with embed.js, then defines itself.
    for (const name of ["jsx", "jsxs", "Fragment", "definePart", "ApiError", "errorText", "read", "write", "readTokens", "CommentForm"]) {
      expect(shared[name], name).toBeDefined();
    }
    (shared.definePart as typeof definePart)("extra", "the extra");
  });
  const first = loadPart<string>(API, "extra");
  const second = loadPart<string>(API, "extra");
  await expect(first).resolves.toBe("the extra");
  await expect(second).resolves.toBe("the extra");
  await expect(loadPart(API, "extra")).resolves.toBe("the extra");
  expect(srcs).toEqual([`${API}/${FILES.extra}`]);
  // It has run: the element is not left behind.
  expect(document.head.querySelectorAll("script")).toHaveLength(0);
});

test("embed.js run again (after destroy()) gets the parts it loads: they define themselves in its own registry", async () => {
  happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
  added((shared) => (shared.definePart as (name: string, value: unknown) => void)("extra", "the extra"));
  const first = await freshParts();
  await expect(first.loadPart(API, "extra")).resolves.toBe("the extra");
  const again = await freshParts();
  await expect(again.loadPart(API, "extra")).resolves.toBe("the extra");
});

test("a part that fails to load is not cached: the next ask tries again", async () => {
  const { loadPart } = await freshParts();
  const srcs = added();
  await expect(loadPart(API, "fr")).rejects.toBeUndefined();
  expect(document.head.querySelectorAll("script")).toHaveLength(0);
  await expect(loadPart(API, "fr")).rejects.toBeUndefined();
  expect(srcs).toEqual([`${API}/${FILES.fr}`, `${API}/${FILES.fr}`]);
});

test("a file that loads but defines nothing (not the part it should be) fails rather than hangs, and is asked for again", async () => {
  happyDOM.settings.handleDisabledFileLoadingAsSuccess = true;
  const { loadPart } = await freshParts();
  const srcs = added();
  await expect(loadPart(API, "extra")).rejects.toBeUndefined();
  await expect(loadPart(API, "extra")).rejects.toBeUndefined();
  expect(srcs).toEqual([`${API}/${FILES.extra}`, `${API}/${FILES.extra}`]);
});

test("French pages get their catalogue from embed-fr.<hash>.js; if it can't load, the widget speaks English", async () => {
  vi.resetModules();
  const { loadI18n } = await import("../../widget/i18n/index.ts");
  const english = await loadI18n("fr", API);
  expect(english.lang).toBe("en");
  expect(english.t("comment.reply")).toBe("Reply");
  await import("../../widget/i18n/embed-fr.ts");
  expect((await loadI18n("fr", API)).t("comment.reply")).toBe("Répondre");
});
