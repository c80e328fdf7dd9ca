// The edge cache of thread reads (issue 12, worker/http/read-cache.ts), measured on one
// `wrangler dev`: GET /api/v1/health against a cached read of a 200-comment thread, and
// against the same read with a Bascule-Tokens header, which never uses the cache. Each pair
// runs interleaved (A B B A) so a change of the machine's load hits both alike; every figure
// is a ratio to health measured in the same pair. Run with `node bench/cache.ts`
// (BENCH_SECONDS sets each run's length, default 10).

import { startWorker, type RunningWorker } from "../test/e2e/harness/worker.ts";
import { type LoadResult, type LoadSpec, loadInterleaved, warmUp } from "./load.ts";
import { CONNECTIONS, SECONDS, elapsed, log } from "./settings.ts";

const COMMENTS = 200;
const SITE = "cache-bench";
const ORIGIN = "http://localhost:4321";
const PAGE = "/a-thread-read-often/";
const THREAD = `/api/v1/threads?${new URLSearchParams({ site: SITE, page: PAGE })}`;

async function api(worker: RunningWorker, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(worker.url + path, { ...init, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** The site, then the thread through the API, as readers write it: a form token from a read, each post from another address. */
async function seed(worker: RunningWorker): Promise<void> {
  await api(worker, "/api/v1/admin/sites", {
    method: "POST",
    headers: { authorization: `Bearer ${worker.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ key: SITE, origins: [ORIGIN], moderation: "none", minSubmitSeconds: 0 }),
  });
  let token = "";
  for (let i = 0; i < COMMENTS; i += 1) {
    // A form token serves five comments (worker/lib/form-token.ts FORM_USES_MAX).
    if (i % 5 === 0)
      token = ((await (await api(worker, THREAD, { headers: { origin: ORIGIN } })).json()) as { form: { token: string } }).form.token;
    await api(worker, "/api/v1/comments", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json", "cf-connecting-ip": `10.9.${i >> 8}.${i & 255}` },
      body: JSON.stringify({
        site: SITE,
        page: PAGE,
        author: { name: `Reader ${i}` },
        body: `Comment ${i} of the cache benchmark, with **some** Markdown and a [link](https://example.com/${i}).`,
        formToken: token,
      }),
    });
  }
}

const spec = (worker: RunningWorker, name: string, path: string, headers: Record<string, string> = {}): LoadSpec => ({
  name,
  url: worker.url,
  path,
  headers: { origin: ORIGIN, ...headers },
  seconds: SECONDS,
  connections: CONNECTIONS,
});

function row(result: LoadResult, health: LoadResult): string {
  const bad = result.non2xx + result.errors;
  return [
    result.name.padEnd(34),
    result.reqPerSec.toFixed(0).padStart(8),
    `${result.p50} ms`.padStart(9),
    `${result.p99} ms`.padStart(9),
    (result.reqPerSec / health.reqPerSec).toFixed(2).padStart(9),
    bad ? `  (${bad} not 2xx)` : "",
  ].join("");
}

const started = performance.now();
log("starting wrangler dev");
const worker = await startWorker({ timeoutMs: 120_000 });
try {
  log(`seeding ${COMMENTS} comments`);
  await seed(worker);
  const probe = await api(worker, THREAD, { headers: { origin: ORIGIN } });
  const size = (await probe.text()).length;
  log(`thread read: ${(size / 1024).toFixed(1)} KB, cf-cache-status ${probe.headers.get("cf-cache-status")}`);

  const health = spec(worker, "health", "/api/v1/health");
  const cached = spec(worker, "thread, cached (warm)", THREAD);
  // Any Bascule-Tokens header bypasses the shared cache: every read goes to D1, as on a miss.
  const uncached = spec(worker, "thread, uncached (Bascule-Tokens)", THREAD, { "Bascule-Tokens": "bench-not-a-token" });
  await warmUp(worker.url, ["/api/v1/health", THREAD], { origin: ORIGIN });
  await warmUp(worker.url, [THREAD], { origin: ORIGIN, "Bascule-Tokens": "bench-not-a-token" });

  const onRun = (run: LoadSpec) => log(`${run.name} (${SECONDS} s)`);
  const warm = await loadInterleaved(health, cached, onRun);
  const cold = await loadInterleaved(health, uncached, onRun);

  console.log(
    `\nThread read of ${COMMENTS} comments (${(size / 1024).toFixed(1)} KB), ${CONNECTIONS} connections, A B B A runs of ${SECONDS} s`,
  );
  console.log(`${"".padEnd(34)}${"req/s".padStart(8)}${"p50".padStart(9)}${"p99".padStart(9)}${"÷ health".padStart(9)}`);
  console.log(row(warm.a, warm.a));
  console.log(row(warm.b, warm.a));
  console.log(row(cold.a, cold.a));
  console.log(row(cold.b, cold.a));
  log(`done in ${elapsed(started)}`);
} finally {
  await worker.stop();
}
