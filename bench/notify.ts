// `node bench/notify.ts`: what notifications cost (issue 11). Against one fresh `wrangler dev`:
//   1. the time from a published comment (its 201) to the owner's mail appearing in the local
//      mail explorer, for 50 comments one after another: median and p99;
//   2. the throughput of POST /api/v1/comments on a site that mails its owner about every
//      comment and on one that mails nobody, interleaved (off, on, on, off): the mail is
//      queued, so the POST must not slow down.
// Prints tables; never passes or fails on time. BENCH_SECONDS (default 10) sets each load run.

import { type LoadResult, loadInterleaved, type LoadSpec } from "./load.ts";
import { CONNECTIONS, log, SECONDS } from "./settings.ts";
import { sentMails } from "../test/e2e/harness/mail.ts";
import { startWorker, type RunningWorker } from "../test/e2e/harness/worker.ts";

const ORIGIN = "https://blog.example";
const MAILS = 50;

async function owner(worker: RunningWorker, method: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${worker.url}/api/v1/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${worker.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
}

/** Form tokens as the widget gets them, one per thread read; each carries 5 comments. */
async function formTokens(worker: RunningWorker, site: string, page: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await fetch(`${worker.url}/api/v1/threads?site=${site}&page=${page}&limit=1`, { headers: { origin: ORIGIN } });
    tokens.push(((await response.json()) as { form: { token: string } }).form.token);
  }
  return tokens;
}

let writer = 0;
function comment(site: string, page: string, formToken: string) {
  writer += 1;
  return {
    ip: `10.${(writer >> 16) & 255}.${(writer >> 8) & 255}.${writer & 255}`,
    body: JSON.stringify({ site, page, formToken, author: { name: "Bench" }, body: `Comment ${writer}, at ${new Date().toISOString()}.` }),
  };
}

async function timeToMail(worker: RunningWorker): Promise<number[]> {
  const tokens = await formTokens(worker, "mailed", "latency", Math.ceil(MAILS / 5));
  const times: number[] = [];
  for (let index = 0; index < MAILS; index += 1) {
    const before = (await sentMails(worker)).length;
    const { ip, body } = comment("mailed", "latency", tokens[Math.floor(index / 5)] ?? "");
    const response = await fetch(`${worker.url}/api/v1/comments`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json", "cf-connecting-ip": ip },
      body,
    });
    if (response.status !== 201) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
    const posted = performance.now();
    const deadline = posted + 30_000;
    while ((await sentMails(worker)).length <= before) {
      if (performance.now() > deadline) throw new Error(`no mail 30 s after comment ${index + 1}\n${worker.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    times.push(performance.now() - posted);
  }
  return times;
}

function postLoad(worker: RunningWorker, site: string, tokens: string[]): LoadSpec {
  let sent = 0;
  return {
    name: site === "quiet" ? "notifications off (notifyOwner none)" : "owner mailed about each comment",
    url: worker.url,
    seconds: SECONDS,
    connections: CONNECTIONS,
    requests: [
      {
        method: "POST",
        path: "/api/v1/comments",
        headers: { origin: ORIGIN, "content-type": "application/json" },
        setupRequest: (request) => {
          const { ip, body } = comment(site, "load", tokens[Math.floor(sent / 5) % tokens.length] ?? "");
          sent += 1;
          return { ...request, headers: { ...request.headers, "cf-connecting-ip": ip }, body };
        },
      },
    ],
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const worker = await startWorker();
try {
  const settings = { origins: [ORIGIN], moderation: "none", minSubmitSeconds: 0, ownerEmails: ["owner@blog.example"] };
  await owner(worker, "POST", "/sites", { key: "mailed", ...settings, notifyOwner: "all" });
  await owner(worker, "POST", "/sites", { key: "quiet", ...settings, notifyOwner: "none" });

  log(`time to mail: ${MAILS} comments, one after another`);
  const times = (await timeToMail(worker)).sort((a, b) => a - b);

  // Enough tokens for the runs (each carries 5 comments): about 300 posts a second at most.
  const perRun = Math.ceil((SECONDS * 300) / 5);
  log(`fetching ${perRun * 4} form tokens`);
  const tokens = {
    mailed: await formTokens(worker, "mailed", "load", perRun * 2),
    quiet: await formTokens(worker, "quiet", "load", perRun * 2),
  };
  log("POST throughput, off / on / on / off");
  const pair = await loadInterleaved(postLoad(worker, "quiet", tokens.quiet), postLoad(worker, "mailed", tokens.mailed));
  const mails = (await sentMails(worker)).length;

  console.log("\n## Notifications (bench/notify.ts)\n");
  console.log("| measure | median | p99 | runs |\n|---|---|---|---|");
  console.log(
    `| published comment → owner's mail in the local explorer | ${percentile(times, 50).toFixed(0)} ms | ${percentile(times, 99).toFixed(0)} ms | ${times.length} |`,
  );
  console.log("\n| POST /api/v1/comments | req/s | p50 | p99 | statuses |\n|---|---|---|---|---|");
  for (const run of [pair.a, pair.b] satisfies LoadResult[]) {
    console.log(`| ${run.name} | ${run.reqPerSec.toFixed(0)} | ${run.p50} ms | ${run.p99} ms | ${JSON.stringify(run.statuses)} |`);
  }
  console.log(`\nMails listed by the explorer at the end: ${mails}.`);
} finally {
  await worker.stop();
}
