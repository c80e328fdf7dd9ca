// Setup shared by moderation.test.ts and moderation-owner.test.ts: a site of its own per test,
// and a reader's comment on it.
import type { PublicComment } from "../../worker/api-types.ts";
import { createSite, postJson } from "./helpers.ts";

let siteCounter = 0;
let writerCounter = 0;
export async function site(settings: object): Promise<string> {
  const key = `mod-${++siteCounter}-${crypto.randomUUID().slice(0, 6)}`;
  await createSite(key, settings);
  return key;
}

export async function post(
  siteKey: string,
  page: string,
  extra: object = {},
  init: RequestInit = {},
): Promise<{ status: number; comment: PublicComment; editToken: string }> {
  // A writer of its own each time (a documentation address): one writer's limits are tested elsewhere.
  const headers = new Headers(init.headers);
  if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", `2001:db8:${(++writerCounter).toString(16)}::1`);
  const res = await postJson("/api/v1/comments", { site: siteKey, page, body: "Bonjour à tous", ...extra }, { ...init, headers });
  const { comment, editToken } = (await res.json()) as { comment: PublicComment; editToken: string };
  return { status: res.status, comment, editToken };
}
