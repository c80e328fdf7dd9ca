// Setup shared by moderation.test.ts and moderation-owner.test.ts: a site of its own per test,
// and a reader's comment on it.
import type { PublicComment } from "../../worker/api-types.ts";
import { createSite, postJson } from "./helpers.ts";

let siteCounter = 0;
export async function site(settings: object): Promise<string> {
  const key = `mod-${++siteCounter}-${crypto.randomUUID().slice(0, 6)}`;
  await createSite(key, settings);
  return key;
}

export async function post(siteKey: string, page: string, extra: object = {}): Promise<{ status: number; comment: PublicComment }> {
  const res = await postJson("/api/v1/comments", { site: siteKey, page, body: "Bonjour à tous", ...extra });
  const { comment } = (await res.json()) as { comment: PublicComment };
  return { status: res.status, comment };
}
