// Test helpers for the widget: canned API data and a fake `fetch`, the network boundary.
// Each test builds its own comments; nothing is shared between tests.

import { expect, vi } from "vitest";
import type { ApiErrorBody, NewCommentRequest, NewCommentResponse, PublicComment, ThreadResponse } from "../../worker/api-types.ts";
import { mount } from "../../widget/mount.tsx";
import type { Tokens } from "../../widget/storage.ts";
// The lazily loaded parts, defined as their files would when loaded (test/widget/parts.test.ts
// checks the loading itself): embed-extra.js (writing, likes, own comments) and embed-fr.js.
import "../../widget/extra/embed-extra.ts";
import "../../widget/i18n/embed-fr.ts";
import "../../widget/embed-page.ts";

export const API = "https://comments.example.org";
export const PAGE = "https://blog.example/2024/hello";

/** The controls vitest's happy-dom environment puts on the window (what the tests use of them). */
export const happyDOM = (globalThis as unknown as { happyDOM: HappyDOM }).happyDOM;

interface HappyDOM {
  /** Sets location.href (a fragment fires `hashchange` a moment later). */
  setURL(url: string): void;
  /** With file loading off, a <script src> fires `load` instead of `error` when this is on. */
  settings: { handleDisabledFileLoadingAsSuccess: boolean };
}

let sequence = 0;

export function makeComment(fields: Partial<PublicComment> = {}): PublicComment {
  const id = fields.id ?? `c${++sequence}`;
  return {
    id,
    parentId: null,
    depth: 0,
    author: { name: "Alice", website: null, avatar: null },
    html: `<p>Text of ${id}</p>`,
    createdAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    editedAt: null,
    likes: 0,
    byOwner: false,
    deleted: false,
    status: "approved",
    ...fields,
  };
}

export function makeThread(comments: PublicComment[], fields: Partial<ThreadResponse> = {}): ThreadResponse {
  return {
    thread: { page: PAGE, title: "Hello", url: PAGE, count: comments.length, closed: false },
    site: { locale: "en", displayDepth: 6, editWindowMinutes: 15 },
    form: { token: `form-token-${++sequence}`, turnstileSiteKey: null },
    comments,
    nextCursor: null,
    ...fields,
  };
}

export function created(comment: PublicComment): NewCommentResponse {
  return {
    comment,
    editToken: `token-${comment.id}`,
    editableUntil: new Date(Date.now() + 15 * 60_000).toISOString(),
    formToken: `form-token-after-${comment.id}`,
  };
}

export function apiError(code: string, message: string, field?: string): ApiErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

export interface Reply {
  status?: number;
  body: unknown;
}

export interface Call {
  method: string;
  url: URL;
  body: unknown;
  init: RequestInit | undefined;
}

type Handler = (call: Call) => Reply | Promise<Reply>;

interface Handlers {
  thread?: Handler;
  /** POST /comments (and any route without a handler of its own). */
  post?: Handler;
  counts?: Handler;
  /** PATCH /comments/:id */
  edit?: Handler;
  /** DELETE /comments/:id */
  remove?: Handler;
  /** POST /comments/:id/like */
  like?: Handler;
  preview?: Handler;
}

function handlerFor(handlers: Handlers, method: string, route: string): Handler | undefined {
  if (route === "threads") return handlers.thread;
  if (route === "counts") return handlers.counts;
  if (route === "preview") return handlers.preview;
  if (route.endsWith("/like")) return handlers.like;
  if (method === "PATCH") return handlers.edit;
  if (method === "DELETE") return handlers.remove;
  return handlers.post;
}

/** The headers a call sent, lower-cased. */
export function headersOf(call: Call | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries((call?.init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Stubs global fetch with one handler per endpoint; records every call. */
export function fakeApi(handlers: Handlers) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const call: Call = {
      method: init?.method ?? "GET",
      url,
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
      init,
    };
    calls.push(call);
    const handler = handlerFor(handlers, call.method, url.pathname.replace("/api/v1/", ""));
    if (!handler) return json(404, apiError("not_found", `No handler for ${call.method} ${url.pathname}`));
    const reply = await handler(call);
    return json(reply.status ?? 200, reply.body);
  });
  vi.stubGlobal("fetch", fetch);
  return { calls, fetch };
}

function json(status: number, body: unknown): Response {
  if (status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function postedBody(call: Call | undefined): NewCommentRequest {
  return call?.body as NewCommentRequest;
}

const mounted: Array<{ destroy(): void }> = [];

/** Use in afterEach: unmounts, empties the page and storage, restores fetch and spies. */
export function cleanup(): void {
  for (const widget of mounted.splice(0)) widget.destroy();
  document.body.replaceChildren();
  document.head.replaceChildren();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
}

/** Mounts the thread as the loader would and waits for the first page to render. */
export async function mountThread(options: { lang?: string | null; page?: string; limit?: number } = {}) {
  const host = document.createElement("div");
  document.body.append(host);
  const lang = options.lang === null ? undefined : (options.lang ?? "en");
  const widget = mount(host, { site: "demo", page: options.page ?? PAGE, lang, limit: options.limit ?? 50, api: API });
  mounted.push(widget);
  const root = host.shadowRoot as ShadowRoot;
  await vi.waitFor(() => expect(root.querySelector("[aria-busy=false]")).not.toBeNull());
  return { host, root, widget };
}

/**
 * Mounts as mountThread does, but from a fresh module graph where no part is defined yet,
 * so that embed.js has to load embed-extra.js. happy-dom runs no scripts and fires a
 * script's load (or error) as it is added; here that <script> is held back, as a slow
 * network would, until `arrive()` (the file runs, then its load event fires) or `fail()`.
 */
export async function mountBeforeExtra() {
  vi.resetModules();
  globalThis.PARTS_HASH = "0123abcd";
  const held: HTMLScriptElement[] = [];
  const append = document.head.append.bind(document.head);
  vi.spyOn(document.head, "append").mockImplementation((...nodes) => {
    for (const node of nodes) {
      if (node instanceof HTMLScriptElement && node.src.includes("/embed-extra.")) held.push(node);
      else append(node);
    }
  });
  const { mount: freshMount } = await import("../../widget/mount.tsx");
  const host = document.createElement("div");
  document.body.append(host);
  const widget = freshMount(host, { site: "demo", page: PAGE, lang: "en", limit: 50, api: API });
  mounted.push(widget);
  const root = host.shadowRoot as ShadowRoot;
  await vi.waitFor(() => expect(root.querySelector("[aria-busy=false]")).not.toBeNull());
  const release = (success: boolean) => {
    happyDOM.settings.handleDisabledFileLoadingAsSuccess = success;
    for (const script of held.splice(0)) append(script);
    happyDOM.settings.handleDisabledFileLoadingAsSuccess = false;
  };
  return {
    root,
    widget,
    /** The <script>s for embed-extra.js asked for and not yet settled. */
    held,
    async arrive() {
      await import("../../widget/extra/embed-extra.ts");
      release(true);
    },
    fail: () => release(false),
  };
}

export function buttonNamed(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const buttons = Array.from(root.querySelectorAll("button"));
  const found = buttons.find((button) => {
    const label = button.getAttribute("aria-label") ?? button.textContent ?? "";
    return typeof name === "string" ? label === name : name.test(label);
  });
  if (!found) throw new Error(`no button named ${name}; have: ${buttons.map((b) => b.textContent).join(", ")}`);
  return found;
}

/** The control a <label> with this exact text points at. */
export function fieldLabelled<T extends HTMLElement = HTMLInputElement>(root: ParentNode, text: string): T {
  const label = Array.from(root.querySelectorAll("label")).find((element) => element.textContent === text);
  if (!label) throw new Error(`no label "${text}"`);
  const control = (label.getRootNode() as ShadowRoot).getElementById(label.htmlFor);
  if (!control) throw new Error(`label "${text}" points at nothing`);
  return control as T;
}

export function type(control: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event("input", { bubbles: true }));
}

/** The comment form's labels, by language. */
export const LABELS = {
  en: { name: "Name", email: "E-mail (optional, never shown)", website: "Website (optional)", body: "Comment" },
  fr: { name: "Nom", email: "E-mail (facultatif, jamais affiché)", website: "Site web (facultatif)", body: "Commentaire" },
};

/** Types into the comment form's fields, found by their visible labels. */
export function fill(
  root: ParentNode,
  values: { name?: string; email?: string; website?: string; body: string },
  labels = LABELS.en,
): void {
  if (values.name !== undefined) type(fieldLabelled(root, labels.name), values.name);
  if (values.email !== undefined) type(fieldLabelled(root, labels.email), values.email);
  if (values.website !== undefined) type(fieldLabelled(root, labels.website), values.website);
  type(fieldLabelled<HTMLTextAreaElement>(root, labels.body), values.body);
}

const MINUTE = 60_000;

/**
 * Keeps an edit token for the comment `id`, as the widget does after posting
 * (widget/extra/tokens.ts): `token-<id>`, editable for ten more minutes unless `until` says otherwise.
 */
export function hold(id: string, options: { until?: number; body?: string } = {}): void {
  const tokens = heldTokens();
  tokens[id] = {
    token: `token-${id}`,
    until: new Date(options.until ?? Date.now() + 10 * MINUTE).toISOString(),
    ...(options.body === undefined ? {} : { body: options.body }),
  };
  localStorage.setItem("bascule:tokens", JSON.stringify(tokens));
}

/** The tokens the widget keeps in localStorage, as stored. */
export function heldTokens(): Tokens {
  return JSON.parse(localStorage.getItem("bascule:tokens") ?? "{}") as Tokens;
}

export function article(root: ShadowRoot, id: string): HTMLElement {
  const element = root.getElementById(`comment-${id}`);
  if (!element) throw new Error(`no comment-${id}`);
  return element;
}

/** The comment article this one replies to, read from the DOM nesting alone. */
export function parentArticleOf(root: ShadowRoot, id: string): HTMLElement | null {
  const item = article(root, id).closest("li");
  const parentItem = item?.parentElement?.closest("li");
  return parentItem?.querySelector("article") ?? null;
}
