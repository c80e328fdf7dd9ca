import { dropExpiredIpHashes } from "./db/retention.ts";
import { listSites, toSite } from "./db/sites.ts";
import { sendDigests } from "./notify/owner.ts";
import { sendGatheredMail } from "./notify/throttle.ts";

// The cron trigger (wrangler.toml [triggers]): the IP-hash retention of each site (issue 10,
// item 13), then the mail steps of issue 11. Each is safe to run at any time and any number of times.
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  if (controller.cron === DIGEST_CRON) return digests(controller, env);
  const { results } = await listSites(env.DB);
  const sites = results.map(toSite).map((site) => ({ key: site.key, retentionDays: site.settings.ipRetentionDays }));
  const run = await dropExpiredIpHashes(env.DB, sites, controller.scheduledTime);
  console.log(
    `[bascule] ip retention: ${run.comments} comment and ${run.likes} like IP hashes dropped${run.done ? "" : ", more next run"}`,
  );
  // The reader throttle (issue 11): mail held back this hour leaves as one gathered mail per address.
  const gathered = await sendGatheredMail(env);
  console.log(
    `[bascule] throttle: ${gathered.mails} gathered mails carrying ${gathered.carried} held-back ones${gathered.more ? ", more next run" : ""}`,
  );
}

/** The daily cron (wrangler.toml [triggers]): the owners' digests (issue 11). Every other cron is the hourly jobs'. */
export const DIGEST_CRON = "0 7 * * *";

async function digests(controller: ScheduledController, env: Env): Promise<void> {
  const { results } = await listSites(env.DB);
  const run = await sendDigests(env, results.map(toSite), controller.scheduledTime);
  console.log(
    `[bascule] digest: ${run.mails} mails for ${run.sites} sites${run.skipped > 0 ? `, ${run.skipped} sites over the bound skipped` : ""}`,
  );
}
