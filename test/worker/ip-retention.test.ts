// Issue 10, item 13: IP hashes are kept only for the site's ipRetentionDays (30 by default),
// then the cron drops them from comments and likes; bans keep theirs.
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { dropExpiredIpHashes } from "../../worker/db/retention.ts";
import worker from "../../worker/index.ts";
import { admin, freshPage, postComment, postJson } from "./helpers.ts";

const DAY = 86_400_000;
let siteCounter = 0;

async function newSite(settings: object = {}): Promise<string> {
  siteCounter += 1;
  const key = `keep-${siteCounter}-${crypto.randomUUID().slice(0, 6)}`;
  const res = await admin("/sites", {
    method: "POST",
    json: { key, origins: ["http://localhost:8787"], moderation: "none", minSubmitSeconds: 0, ...settings },
  });
  expect(res.status).toBe(201);
  return key;
}

/** A comment with a like, both written `daysAgo` days ago, with their IP hashes. */
async function oldComment(site: string, daysAgo: number): Promise<string> {
  const { comment } = await postComment({ site, page: freshPage(), body: `written ${daysAgo} days ago ${crypto.randomUUID()}` });
  expect((await postJson(`/api/v1/comments/${comment.id}/like`, { reader: crypto.randomUUID() })).status).toBe(200);
  const at = new Date(Date.now() - daysAgo * DAY).toISOString();
  await env.DB.batch([
    env.DB.prepare("UPDATE comments SET created_at = ? WHERE id = ?").bind(at, comment.id),
    env.DB.prepare("UPDATE likes SET created_at = ? WHERE comment_id = ?").bind(at, comment.id),
  ]);
  return comment.id;
}

async function ipHashes(commentId: string): Promise<{ comment: string | null; like: string | null }> {
  const row = await env.DB.prepare(
    'SELECT comments.ip_hash AS comment, likes.ip_hash AS "like" FROM comments JOIN likes ON likes.comment_id = comments.id WHERE comments.id = ?',
  )
    .bind(commentId)
    .first<{ comment: string | null; like: string | null }>();
  if (row === null) throw new Error("no such comment or like");
  return row;
}

async function runCron(now = Date.now()): Promise<void> {
  const controller = createScheduledController({ cron: "17 * * * *", scheduledTime: now });
  await worker.scheduled(controller, env);
}

describe("IP hash retention", () => {
  it("the cron drops comment and like IP hashes older than 30 days by default, and keeps younger ones", async () => {
    const site = await newSite();
    const old = await oldComment(site, 31);
    const young = await oldComment(site, 29);
    expect(await ipHashes(old)).toEqual({ comment: expect.any(String), like: expect.any(String) });

    await runCron();
    expect(await ipHashes(old)).toEqual({ comment: null, like: null });
    expect(await ipHashes(young)).toEqual({ comment: expect.any(String), like: expect.any(String) });
  });

  it("follows each site's ipRetentionDays", async () => {
    const short = await newSite({ ipRetentionDays: 2 });
    const long = await newSite({ ipRetentionDays: 365 });
    const shortOld = await oldComment(short, 3);
    const longOld = await oldComment(long, 100);
    await runCron();
    expect((await ipHashes(shortOld)).comment).toBeNull();
    expect((await ipHashes(longOld)).comment).not.toBeNull();
  });

  it("bans keep their IP hashes", async () => {
    const site = await newSite({ ipRetentionDays: 1 });
    const commentId = await oldComment(site, 10);
    const { comment: ipHash } = await ipHashes(commentId);
    expect((await admin("/bans", { method: "POST", json: { site, kind: "ip", value: ipHash } })).status).toBeLessThan(300);
    await runCron();
    expect((await ipHashes(commentId)).comment).toBeNull();
    const bans = await env.DB.prepare("SELECT value FROM bans WHERE site_key = ? AND kind = 'ip'").bind(site).all<{ value: string }>();
    expect(bans.results).toEqual([{ value: ipHash }]);
  });

  it("works in bounded steps: a run past its budget stops, and the next one goes on", async () => {
    const site = await newSite({ ipRetentionDays: 1 });
    const ids = [await oldComment(site, 5), await oldComment(site, 6), await oldComment(site, 7)];
    const sites = [{ key: site, retentionDays: 1 }];
    const first = await dropExpiredIpHashes(env.DB, sites, Date.now(), { batch: 1, steps: 2 });
    expect(first).toEqual({ comments: 2, likes: 0, done: false });
    const rest = await dropExpiredIpHashes(env.DB, sites, Date.now(), { batch: 1, steps: 100 });
    expect(rest).toEqual({ comments: 1, likes: 3, done: true });
    for (const id of ids) expect(await ipHashes(id)).toEqual({ comment: null, like: null });
  });

  it("ipRetentionDays is a setting: 30 by default, whole days from 1 to 3650", async () => {
    const site = await newSite();
    expect(await (await admin(`/sites/${site}`)).json()).toMatchObject({ ipRetentionDays: 30 });
    const bad: [unknown, string][] = [
      [0, "ip_retention_days_too_small"],
      [3651, "ip_retention_days_too_large"],
      [1.5, "ip_retention_days_invalid_type"],
      ["30", "ip_retention_days_invalid_type"],
    ];
    for (const [value, code] of bad) {
      const res = await admin(`/sites/${site}`, { method: "PUT", json: { ipRetentionDays: value } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code, field: "ipRetentionDays" } });
    }
    const ok = await admin(`/sites/${site}`, { method: "PUT", json: { ipRetentionDays: 7 } });
    expect(await ok.json()).toMatchObject({ ipRetentionDays: 7 });
  });
});
