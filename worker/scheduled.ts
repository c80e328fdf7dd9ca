import { dropExpiredIpHashes } from "./db/retention.ts";
import { listSites, toSite } from "./db/sites.ts";

// The cron trigger (wrangler.toml [triggers]): today one job, the IP-hash retention of each
// site (issue 10, item 13). Safe to run at any time and any number of times.
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const { results } = await listSites(env.DB);
  const sites = results.map(toSite).map((site) => ({ key: site.key, retentionDays: site.settings.ipRetentionDays }));
  const run = await dropExpiredIpHashes(env.DB, sites, controller.scheduledTime);
  console.log(
    `[bascule] ip retention: ${run.comments} comment and ${run.likes} like IP hashes dropped${run.done ? "" : ", more next run"}`,
  );
}
