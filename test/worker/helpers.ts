import { exports } from "cloudflare:workers";
import { env } from "cloudflare:workers";
import { signFormToken } from "../../worker/lib/form-token.ts";
import { cleanPageKey } from "../../worker/lib/text.ts";
import type { NewCommentRequest, NewCommentResponse, ThreadResponse } from "../../worker/api-types.ts";

export const ORIGIN = "http://localhost:8787";

let pageCounter = 0;
/** A page key no other test uses, so each test makes its own data. */
export function freshPage(label = "page"): string {
  pageCounter += 1;
  return `${label}-${pageCounter}-${crypto.randomUUID().slice(0, 8)}`;
}

/** An address of 2001:db8::/32 (documentation range) in a /64 of its own: a writer no other request shares. */
export function randomTestIp(): string {
  const groups = [...crypto.getRandomValues(new Uint16Array(6))].map((group) => group.toString(16));
  return `2001:db8:${groups.join(":")}`;
}

export function call(path: string, init: RequestInit & { origin?: string | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.origin !== null) headers.set("origin", init.origin ?? ORIGIN);
  // Cloudflare always sets it; without it every request would be one writer (issue 10, item 11).
  if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", randomTestIp());
  return exports.default.fetch(new Request(`http://localhost${path}`, { ...init, headers }));
}

/** A form token for `page`, issued `secondsAgo` ago, as the thread read would have handed out when the form appeared. */
export function formToken(site: string, page: string, secondsAgo = 60): Promise<string> {
  return signFormToken(env.HASH_SALT, { site, page: cleanPageKey(page), issuedAt: Date.now() - secondsAgo * 1000 });
}

/** Posts JSON. A new comment gets a form token like the widget's, unless the test sends its own. */
export async function postJson(path: string, body: unknown, init: RequestInit & { origin?: string | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (path === "/api/v1/comments" && isRecord(body) && !("formToken" in body) && typeof body.site === "string") {
    body = { ...body, formToken: await formToken(body.site, typeof body.page === "string" ? body.page : "") };
  }
  return call(path, { method: "POST", ...init, headers, body: JSON.stringify(body) });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

export async function postComment(input: Partial<NewCommentRequest> & { page: string }): Promise<NewCommentResponse> {
  const res = await postJson("/api/v1/comments", { site: "demo", body: "Bonjour", ...input });
  if (res.status !== 201 && res.status !== 202) throw new Error(`POST failed: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function getThread(page: string, query = "", site = "demo"): Promise<ThreadResponse> {
  const res = await call(`/api/v1/threads?site=${site}&page=${encodeURIComponent(page)}${query}`);
  if (res.status !== 200) throw new Error(`GET failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Creates a site straight in D1 (owner routes come with moderation). */
export async function createSite(key: string, settings: object, origins = [ORIGIN]): Promise<void> {
  await env.DB.prepare("INSERT INTO sites (key, origins, settings, created_at) VALUES (?, ?, ?, ?)")
    .bind(key, JSON.stringify(origins), JSON.stringify(settings), new Date().toISOString())
    .run();
}

export const ADMIN_TOKEN = "test-admin-token"; // vitest.config.ts binds it

/** An owner request with the admin token (or another token, or none). */
export function admin(path: string, init: RequestInit & { token?: string | null; json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  if (token !== null) headers.set("authorization", `Bearer ${token}`);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const body = init.json === undefined ? init.body : JSON.stringify(init.json);
  return call(`/api/v1/admin${path}`, { ...init, headers, body, origin: null });
}
