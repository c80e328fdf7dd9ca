// Talking to the API directly, for test setup only: a site's settings, a comment posted as a
// reader would, and a page key of the test's own.

import { randomUUID } from "node:crypto";
import type { RunningWorker } from "./worker.ts";

/**
 * Change a site's settings through the owner API, e.g. `{ moderation: "none" }`. With `optional`,
 * a worker that has no such route yet (404/405) is only warned about.
 */
export async function updateSite(
  worker: RunningWorker,
  site: string,
  settings: Record<string, unknown>,
  options: { optional?: boolean } = {},
): Promise<void> {
  const response = await fetch(`${worker.url}/api/v1/admin/sites/${encodeURIComponent(site)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${worker.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
  if (options.optional && (response.status === 404 || response.status === 405)) {
    console.warn(`PUT /api/v1/admin/sites/${site} answered ${response.status}; keeping the site's seeded settings.`);
    return;
  }
  if (!response.ok) {
    throw new Error(
      `PUT /api/v1/admin/sites/${site} answered ${response.status}: ${await response.text()}\n--- wrangler output ---\n${worker.output()}`,
    );
  }
}

/**
 * Post a comment as a reader on `origin` would (the API checks the Origin against the site's list).
 * `ip` is sent as CF-Connecting-IP (wrangler dev passes it through): the API allows 5 comments a
 * minute per writer, and every request from here would otherwise be the same writer, 127.0.0.1.
 */
export async function postComment(
  worker: RunningWorker,
  origin: string,
  comment: { site?: string; page: string; body: string; parentId?: string; author?: { name?: string; email?: string; website?: string } },
  options: { ip?: string } = {},
): Promise<{ id: string }> {
  const site = comment.site ?? "demo";
  // The form token the widget would have got with the thread (the bot trap needs one).
  const thread = await fetch(`${worker.url}/api/v1/threads?site=${site}&page=${encodeURIComponent(comment.page)}&limit=1`);
  const { form } = (await thread.json()) as { form: { token: string } };
  const response = await fetch(`${worker.url}/api/v1/comments`, {
    method: "POST",
    headers: { origin, "content-type": "application/json", ...(options.ip ? { "cf-connecting-ip": options.ip } : {}) },
    body: JSON.stringify({ site, formToken: form.token, ...comment }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/v1/comments answered ${response.status} (201 expected): ${await response.text()}`);
  }
  const json = (await response.json()) as { comment: { id: string } };
  return { id: json.comment.id };
}

/** A page key nobody else uses, so each test makes its own data. */
export function uniquePage(label: string): string {
  return `e2e-${label}-${randomUUID().slice(0, 8)}`;
}
