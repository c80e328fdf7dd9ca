// `npm run bench`: issue 3's scale benchmark, printed as tables. It never passes or fails
// on time; it measures, prints, and cleans up every process it started.
//
//   1. seeds two fresh local D1s with `wrangler d1 execute --file` (100,000 and 100 comments);
//   2. reads D1's meta.rows_read for the worker's own read statements;
//   3. starts `wrangler dev` on each and loads the routes with autocannon (10 connections);
//   4. times the widget rendering 1,000 comments in Chromium.
//
// BENCH_SECONDS (default 10) sets each load run's length; BENCH_KEEP=1 keeps the temp dirs.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadInterleaved, summarize, warmUp, type LoadResult, type LoadSpec, type Run } from "./load.ts";
import { snapshotProject, startDevServer, stopAll, wrangler, writeEnvFile, type DevServer } from "./processes.ts";
import { inspectDatabase, type RouteCost, type SeededFacts } from "./rows-read.ts";
import { buildDatasets, describeThread, expectedCounts, PAGES, SITE, writeSeedSql, type Dataset } from "./seed.ts";
import { buildWidget, timeWidget, type RenderReport } from "./widget-render.ts";

const SECONDS = positiveNumber(process.env.BENCH_SECONDS, 10);
const CONNECTIONS = 10;
const THREAD_LIMIT = 50;
const COUNT_PAGES = 50;
const WIDGET_RUNS = 5;

function positiveNumber(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// Cleanup on every way out

const temps: string[] = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopAll();
    if (process.env.BENCH_KEEP === "1") log(`kept ${temps.join(", ")}`);
    else await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping everything`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Seeding

async function seed(project: string, root: string, label: string, dataset: Dataset): Promise<string> {
  const started = performance.now();
  const dir = path.join(root, label);
  const state = path.join(dir, "state");
  await wrangler(project, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], 120_000);
  const files = await writeSeedSql(dataset, path.join(dir, "sql"));
  for (const file of files) await wrangler(project, ["d1", "execute", "DB", "--local", "--persist-to", state, `--file=${file}`], 300_000);
  log(`seeded ${label}: ${dataset.comments} comments in ${dataset.threads.length} threads, ${files.length} SQL files, ${elapsed(started)}`);
  return state;
}

// ---------------------------------------------------------------------------------------------
// Printing

function table(headers: string[], rows: Array<Array<string | number>>, align: Array<"l" | "r"> = []): string {
  const cells = rows.map((row) => row.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    row.map((cell, i) => ((align[i] ?? (i === 0 ? "l" : "r")) === "l" ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// ---------------------------------------------------------------------------------------------

interface Route {
  name: string;
  path: string;
}

const threadPath = (page: string) => `/api/v1/threads?${new URLSearchParams({ site: SITE, page, limit: String(THREAD_LIMIT) })}`;

async function responseShape(server: DevServer, route: Route, origin: string): Promise<string> {
  const response = await fetch(server.url + route.path, { headers: { origin }, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) return `${response.status}: ${text.slice(0, 120)}`;
  const json = JSON.parse(text) as { comments?: unknown[]; counts?: Record<string, number> };
  const what = json.comments ? `${json.comments.length} comments` : json.counts ? `${Object.keys(json.counts).length} counts` : "ok";
  return `${what}, ${(text.length / 1024).toFixed(1)} KB`;
}

async function fetchFormToken(server: DevServer, origin: string): Promise<string | undefined> {
  const response = await fetch(server.url + threadPath(PAGES.post), { headers: { origin }, signal: AbortSignal.timeout(30_000) });
  const json = (await response.json()) as { form?: { token?: string } };
  return json.form?.token;
}

async function main(): Promise<void> {
  const started = performance.now();
  log(`BENCH_SECONDS=${SECONDS}, ${CONNECTIONS} connections`);

  // 0. The widget bundle first (it lands in public/), then a frozen copy of the project to serve.
  let widgetProblem: string | null = null;
  let widgetBuild = { summary: "", note: null as string | null };
  try {
    widgetBuild = buildWidget();
  } catch (error) {
    widgetProblem = (error as Error).message.split("\n").slice(0, 6).join(" ");
  }
  const root = await mkdtemp(path.join(tmpdir(), "bascule-bench-"));
  temps.push(root);
  const project = await snapshotProject(path.join(root, "project"));
  const envFile = await writeEnvFile(root);

  // 1. Data
  const { large, small } = buildDatasets();
  const [largeState, smallState] = [await seed(project, root, "100k", large), await seed(project, root, "100", small)];

  // 2. rows_read, before any server opens the same files.
  const countPages = Array.from({ length: COUNT_PAGES }, (_, i) => PAGES.other(i + 1));
  const largeInspection = await inspectDatabase(
    {
      project,
      persistTo: largeState,
      envFile,
      query: {
        site: SITE,
        threads: [
          { label: `threads: 5,000-comment thread, limit ${THREAD_LIMIT}`, page: PAGES.big, limit: THREAD_LIMIT },
          { label: `threads: 10-comment thread, limit ${THREAD_LIMIT}`, page: PAGES.ten, limit: THREAD_LIMIT },
          { label: `threads: 1,000-comment widget thread, limit ${THREAD_LIMIT}`, page: PAGES.widget, limit: THREAD_LIMIT },
        ],
        counts: { label: `counts: ${COUNT_PAGES} pages`, pages: countPages },
      },
    },
    root,
    "100k",
  );
  const smallInspection = await inspectDatabase(
    {
      project,
      persistTo: smallState,
      envFile,
      query: {
        site: SITE,
        threads: [{ label: `threads: 10-comment thread, limit ${THREAD_LIMIT} (100-comment DB)`, page: PAGES.ten, limit: THREAD_LIMIT }],
      },
    },
    root,
    "100",
  );
  const facts: Array<[string, Dataset, SeededFacts]> = [
    ["100,000-comment DB", large, largeInspection.facts],
    ["100-comment DB", small, smallInspection.facts],
  ];
  const costs: RouteCost[] = [...largeInspection.costs];
  costs.splice(2, 0, ...smallInspection.costs);

  // 3. Load
  log("starting wrangler dev on both databases");
  const big = await startDevServer(project, largeState, envFile, { label: "100k" });
  const little = await startDevServer(project, smallState, envFile, { label: "100" });
  const origin = big.url; // the demo site accepts http://127.0.0.1:*
  const headers = { origin };
  const routes = {
    health: { name: "health", path: "/api/v1/health" },
    big: { name: "threads 5,000-comment thread", path: threadPath(PAGES.big) },
    ten: { name: "threads 10-comment thread", path: threadPath(PAGES.ten) },
    counts: {
      name: `counts ${COUNT_PAGES} pages`,
      path: `/api/v1/counts?${new URLSearchParams([["site", SITE], ...countPages.map((p) => ["page", p])])}`,
    },
  };
  // The form token a reader's widget gets with the thread; fetched now, so that it is older
  // than the site's minimum time to submit when the POST run starts (else: stored as spam).
  const formToken = await fetchFormToken(big, origin);
  const shapes = new Map<string, string>();
  for (const route of [routes.big, routes.ten, routes.counts]) shapes.set(route.name, await responseShape(big, route, origin));
  shapes.set("ten-small", await responseShape(little, routes.ten, origin));

  log("warming up");
  await warmUp(big.url, [routes.health.path, routes.big.path, routes.ten.path, routes.counts.path], headers);
  await warmUp(little.url, [routes.health.path, routes.ten.path], headers);

  const spec = (server: DevServer, route: Route, name = route.name): LoadSpec => ({
    name,
    url: server.url,
    path: route.path,
    headers,
    seconds: SECONDS,
    connections: CONNECTIONS,
  });
  const announce = (what: LoadSpec) => log(`load: ${what.name} on ${what.url} (${what.seconds} s)`);
  let sequence = 0;
  const postSpec: LoadSpec = {
    name: "POST comments",
    url: big.url,
    seconds: SECONDS,
    connections: CONNECTIONS,
    requests: [
      {
        method: "POST",
        path: "/api/v1/comments",
        headers: { origin, "content-type": "application/json" },
        // Each request is another reader: its own address (wrangler dev passes CF-Connecting-IP
        // through), so the per-writer limits (5 a minute, 30 an hour) don't turn this into a
        // 429 benchmark; and its own body, so the duplicate rule doesn't answer 409.
        setupRequest: (request) => {
          sequence += 1;
          return {
            ...request,
            headers: { ...request.headers, "cf-connecting-ip": `10.${(sequence >> 16) & 255}.${(sequence >> 8) & 255}.${sequence & 255}` },
            body: JSON.stringify({
              site: SITE,
              page: PAGES.post,
              author: { name: "Bench" },
              body: `Benchmark comment number ${sequence}, written at ${new Date().toISOString()}. It has **some** Markdown.`,
              ...(formToken ? { formToken } : {}),
            }),
          };
        },
      },
    ],
  };

  // The ratio's two sides, interleaved (A B B A) for the same reason as below.
  const { a: tenLarge, b: tenSmall } = await loadInterleaved(
    spec(big, routes.ten, "threads 10-comment thread (100k DB)"),
    spec(little, routes.ten, "threads 10-comment thread (100 DB)"),
    announce,
  );
  let reloads = little.reloads();
  await little.stop();

  // Each route runs interleaved with the no-op route (R H H R): its "× ceiling" is over the
  // health measured in the same minutes, because the machine's load moves (others run tests
  // here too) and a ceiling measured once would not hold for the whole benchmark.
  const healthRuns: Run[] = [];
  const besideHealth = async (route: LoadSpec): Promise<{ result: LoadResult; ceiling: LoadResult }> => {
    const pair = await loadInterleaved(route, spec(big, routes.health, `health (beside ${route.name})`), announce);
    healthRuns.push(...pair.bRuns);
    return { result: pair.a, ceiling: pair.b };
  };
  const bigThread = await besideHealth(spec(big, routes.big));
  const tenThread = await besideHealth(spec(big, routes.ten, "threads 10-comment thread"));
  const counts = await besideHealth(spec(big, routes.counts));
  const posts = await besideHealth(postSpec);
  const measured = [bigThread, tenThread, counts, posts];
  const health = summarize("health (all its runs)", healthRuns);
  reloads += big.reloads();

  // 4. Widget, with the big server alone on the machine.
  let render: RenderReport;
  log("timing the widget in Chromium");
  if (widgetProblem === null) {
    render = await timeWidget({ workerUrl: big.url, page: PAGES.widget, expected: 1000, runs: WIDGET_RUNS });
  } else {
    render = { runs: [], limitAsked: null, problems: [`node scripts/build-widget.ts failed: ${widgetProblem}`] };
  }
  await big.stop();

  // ---------------------------------------------------------------------------------------------
  // Report
  const out: string[] = [];
  out.push(
    "",
    `Bascule benchmark · ${new Date().toISOString()} · node ${process.version} · ${SECONDS} s per run, ${CONNECTIONS} connections`,
    "",
  );

  out.push("Seeded databases (wrangler d1 execute --file)");
  out.push(
    table(
      ["database", "threads", "comments", "approved", "Σ comment_count", "bad counts", "bad path/root/depth"],
      facts.map(([name, dataset, f]) => {
        const expected = expectedCounts(dataset);
        const ok = f.threads === expected.threads && f.comments === expected.comments && f.approved === expected.approved;
        return [name + (ok ? "" : " (MISMATCH)"), f.threads, f.comments, f.approved, f.countSum, f.wrongCounts, f.badPlacement];
      }),
    ),
  );
  for (const [label, page] of [
    ["5,000-comment thread", PAGES.big],
    ["10-comment thread", PAGES.ten],
    ["widget thread", PAGES.widget],
  ] as const) {
    const t = describeThread(large, page);
    out.push(`  ${label}: ${t.comments} comments (${t.approved} approved), ${t.roots} top-level, depth up to ${t.maxDepth}`);
  }
  out.push("");

  out.push("HTTP under load, wrangler dev on the 100,000-comment DB. Each route ran interleaved with GET /api/v1/health");
  out.push(`(route, health, health, route; ${SECONDS} s each): "ceiling" is that health's req/s, "× ceiling" the route's share of it.`);
  const row = (r: LoadResult, ceiling: LoadResult | null, shape = "") => [
    r.name,
    fixed(r.reqPerSec),
    fixed(r.p50, 0),
    fixed(r.p99, 0),
    r.non2xx,
    r.errors,
    ceiling ? fixed(ceiling.reqPerSec) : "",
    ceiling ? fixed(r.reqPerSec / ceiling.reqPerSec, 2) : "",
    shape,
  ];
  const statuses = (r: LoadResult) =>
    Object.entries(r.statuses)
      .map(([code, n]) => `${code}×${n}`)
      .join(" ");
  out.push(
    table(
      ["route", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors", "ceiling", "× ceiling", "response"],
      [
        row(
          health,
          null,
          `min ${fixed(Math.min(...measured.map((m) => m.ceiling.reqPerSec)))}, max ${fixed(Math.max(...measured.map((m) => m.ceiling.reqPerSec)))} req/s over the pairs`,
        ),
        row(bigThread.result, bigThread.ceiling, shapes.get(routes.big.name)),
        row(tenThread.result, tenThread.ceiling, shapes.get(routes.ten.name)),
        row(counts.result, counts.ceiling, shapes.get(routes.counts.name)),
        row(posts.result, posts.ceiling, statuses(posts.result)),
      ],
      ["l", "r", "r", "r", "r", "r", "r", "r", "l"],
    ),
  );
  out.push(`  wrangler dev reloads during the runs: ${reloads}${reloads > 0 ? " (figures disturbed!)" : ""}`);
  out.push("");

  out.push("Ratio: 10-comment thread read with 100,000 comments in the DB over the same read with 100 (goal ≤ 1.2);");
  out.push(
    `  both measured interleaved (100k, 100, 100, 100k), ${fixed(tenLarge.seconds, 0)} s each in all; the 100-comment DB's response: ${shapes.get("ten-small") ?? "?"}`,
  );
  out.push(`  median latency: ${fixed(tenLarge.p50, 0)} ms / ${fixed(tenSmall.p50, 0)} ms = ${fixed(tenLarge.p50 / tenSmall.p50, 2)}`);
  out.push(`  p99 latency:    ${fixed(tenLarge.p99, 0)} ms / ${fixed(tenSmall.p99, 0)} ms = ${fixed(tenLarge.p99 / tenSmall.p99, 2)}`);
  out.push(
    `  req/s:          ${fixed(tenSmall.reqPerSec)} / ${fixed(tenLarge.reqPerSec)} = ${fixed(tenSmall.reqPerSec / tenLarge.reqPerSec, 2)} (100-comment DB's req/s over the 100k DB's: >1 means the big DB is slower)`,
  );
  out.push("");

  out.push("D1 rows read per request (meta.rows_read of the worker's own statements, via getPlatformProxy on the seeded state)");
  out.push(
    table(
      ["route / statement", "rows read", "rows returned", "read/returned"],
      costs.flatMap((cost) => [
        [cost.route, cost.rowsRead, cost.rowsReturned, fixed(cost.rowsRead / Math.max(1, cost.rowsReturned), 2)],
        ...cost.statements.map((s) => [`    ${s.statement}`, s.rowsRead, s.rowsReturned, ""]),
      ]),
    ),
  );
  out.push("  (a thread page returns limit+1 top-level comments with their subtrees; the route cuts the extra one)");
  out.push("");

  out.push(`Widget in Chromium: script tag → ${1000} comments in the shadow root (median of ${WIDGET_RUNS} runs after one warm-up)`);
  if (render.runs.length > 0) {
    out.push(
      `  in DOM:  median ${fixed(median(render.runs.map((r) => r.inDom)), 0)} ms   runs: ${render.runs.map((r) => fixed(r.inDom, 0)).join(", ")}`,
    );
    out.push(
      `  painted: median ${fixed(median(render.runs.map((r) => r.painted)), 0)} ms   runs: ${render.runs.map((r) => fixed(r.painted, 0)).join(", ")}`,
    );
  } else out.push("  no measurement");
  out.push(`  the widget asked for limit=${render.limitAsked ?? "?"}; ${widgetBuild.summary || "no bundle"}`);
  if (widgetBuild.note) out.push(`  note: ${widgetBuild.note}`);
  for (const problem of render.problems) out.push(`  problem: ${problem}`);
  out.push("", `Total time ${elapsed(started)}.`, "");
  process.stdout.write(out.join("\n"));
}

try {
  await main();
} catch (error) {
  console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
