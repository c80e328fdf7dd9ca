// `npm run bench`: issue 3's scale benchmark, printed as tables. It never passes or fails
// on time; it measures, prints, and cleans up every process it started.
//
//   0. builds the widget and freezes a copy of the project for `wrangler dev` to serve;
//   1. seeds two fresh local D1s with `wrangler d1 execute --file` (100,000 and 100 comments);
//   2. reads D1's meta.rows_read for the worker's own read statements;
//   3. starts `wrangler dev` on each and loads the routes with autocannon (10 connections);
//   4. times the widget rendering 1,000 comments in Chromium;
//   5. prints the report (report.ts).
//
// BENCH_SECONDS (default 10) sets each load run's length; BENCH_KEEP=1 keeps the temp dirs.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadInterleaved, type LoadSpec, type Run, summarize, warmUp } from "./load.ts";
import { type DevServer, snapshotProject, startDevServer, stopAll, writeEnvFile, wrangler } from "./processes.ts";
import { type Beside, type Figures, type LoadFigures, report } from "./report.ts";
import { COUNT_PAGE_KEYS, fetchFormToken, getSpec, postSpec, ROUTES, responseShape } from "./routes.ts";
import { inspectDatabase } from "./rows-read.ts";
import { buildDatasets, type Dataset, PAGES, SITE } from "./seed.ts";
import { writeSeedSql } from "./seed-sql.ts";
import { CONNECTIONS, COUNT_PAGES, elapsed, log, SECONDS, THREAD_LIMIT, WIDGET_RUNS } from "./settings.ts";
import { buildWidget, type RenderReport, timeWidget } from "./widget-render.ts";

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
// 0. The widget bundle first (it lands in public/), then a frozen copy of the project to serve.

interface Workspace {
  root: string;
  project: string;
  envFile: string;
  widgetBuild: { summary: string; note: string | null };
  /** Why the widget could not be built, if it could not: step 4 then reports it instead. */
  widgetProblem: string | null;
}

async function prepare(): Promise<Workspace> {
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
  return { root, project, envFile, widgetBuild, widgetProblem };
}

// ---------------------------------------------------------------------------------------------
// 1. Data

interface Seeded {
  large: Dataset;
  small: Dataset;
  largeState: string;
  smallState: string;
}

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

async function seedDatabases({ project, root }: Workspace): Promise<Seeded> {
  const { large, small } = buildDatasets();
  const [largeState, smallState] = [await seed(project, root, "100k", large), await seed(project, root, "100", small)];
  return { large, small, largeState, smallState };
}

// ---------------------------------------------------------------------------------------------
// 2. rows_read, before any server opens the same files.

async function readRowsRead({ project, root, envFile }: Workspace, seeded: Seeded): Promise<Pick<Figures, "facts" | "costs">> {
  const largeInspection = await inspectDatabase(
    {
      project,
      persistTo: seeded.largeState,
      envFile,
      query: {
        site: SITE,
        threads: [
          { label: `threads: 5,000-comment thread, limit ${THREAD_LIMIT}`, page: PAGES.big, limit: THREAD_LIMIT },
          { label: `threads: 10-comment thread, limit ${THREAD_LIMIT}`, page: PAGES.ten, limit: THREAD_LIMIT },
          { label: `threads: 1,000-comment widget thread, limit ${THREAD_LIMIT}`, page: PAGES.widget, limit: THREAD_LIMIT },
        ],
        counts: { label: `counts: ${COUNT_PAGES} pages`, pages: COUNT_PAGE_KEYS },
      },
    },
    root,
    "100k",
  );
  const smallInspection = await inspectDatabase(
    {
      project,
      persistTo: seeded.smallState,
      envFile,
      query: {
        site: SITE,
        threads: [{ label: `threads: 10-comment thread, limit ${THREAD_LIMIT} (100-comment DB)`, page: PAGES.ten, limit: THREAD_LIMIT }],
      },
    },
    root,
    "100",
  );
  const costs = [...largeInspection.costs];
  costs.splice(2, 0, ...smallInspection.costs);
  return {
    facts: [
      ["100,000-comment DB", seeded.large, largeInspection.facts],
      ["100-comment DB", seeded.small, smallInspection.facts],
    ],
    costs,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Load

async function startServers({ project, envFile }: Workspace, seeded: Seeded): Promise<{ big: DevServer; little: DevServer }> {
  log("starting wrangler dev on both databases");
  const big = await startDevServer(project, seeded.largeState, envFile, { label: "100k" });
  const little = await startDevServer(project, seeded.smallState, envFile, { label: "100" });
  return { big, little };
}

const announce = (what: LoadSpec) => log(`load: ${what.name} on ${what.url} (${what.seconds} s)`);

/** Loads every route; stops `little` once the ratio is measured, so the rest runs on `big` alone. */
async function measureLoad(big: DevServer, little: DevServer): Promise<LoadFigures> {
  const origin = big.url; // the demo site accepts http://127.0.0.1:*
  // The form token a reader's widget gets with the thread; fetched now, so that it is older
  // than the site's minimum time to submit when the POST run starts (else: stored as spam).
  const formToken = await fetchFormToken(big, origin);
  const shapes = new Map<string, string>();
  for (const route of [ROUTES.big, ROUTES.ten, ROUTES.counts]) shapes.set(route.name, await responseShape(big, route, origin));
  shapes.set("ten-small", await responseShape(little, ROUTES.ten, origin));

  log("warming up");
  const headers = { origin };
  await warmUp(big.url, [ROUTES.health.path, ROUTES.big.path, ROUTES.ten.path, ROUTES.counts.path], headers);
  await warmUp(little.url, [ROUTES.health.path, ROUTES.ten.path], headers);

  // The ratio's two sides, interleaved (A B B A) for the same reason as below.
  const { a: tenLarge, b: tenSmall } = await loadInterleaved(
    getSpec(big, ROUTES.ten, origin, "threads 10-comment thread (100k DB)"),
    getSpec(little, ROUTES.ten, origin, "threads 10-comment thread (100 DB)"),
    announce,
  );
  let reloads = little.reloads();
  await little.stop();

  // Each route runs interleaved with the no-op route (R H H R): its "× ceiling" is over the
  // health measured in the same minutes, because the machine's load moves (others run tests
  // here too) and a ceiling measured once would not hold for the whole benchmark.
  const healthRuns: Run[] = [];
  const besideHealth = async (route: LoadSpec): Promise<Beside> => {
    const pair = await loadInterleaved(route, getSpec(big, ROUTES.health, origin, `health (beside ${route.name})`), announce);
    healthRuns.push(...pair.bRuns);
    return { result: pair.a, ceiling: pair.b };
  };
  const bigThread = await besideHealth(getSpec(big, ROUTES.big, origin));
  const tenThread = await besideHealth(getSpec(big, ROUTES.ten, origin, "threads 10-comment thread"));
  const counts = await besideHealth(getSpec(big, ROUTES.counts, origin));
  const posts = await besideHealth(postSpec(big, origin, formToken));
  const health = summarize("health (all its runs)", healthRuns);
  reloads += big.reloads();
  return { shapes, tenLarge, tenSmall, bigThread, tenThread, counts, posts, health, reloads };
}

// ---------------------------------------------------------------------------------------------
// 4. Widget, with the big server alone on the machine.

async function measureWidget({ widgetProblem }: Workspace, big: DevServer): Promise<RenderReport> {
  log("timing the widget in Chromium");
  if (widgetProblem !== null) return { runs: [], limitAsked: null, problems: [`node scripts/build-widget.ts failed: ${widgetProblem}`] };
  return timeWidget({ workerUrl: big.url, page: PAGES.widget, expected: 1000, runs: WIDGET_RUNS });
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  log(`BENCH_SECONDS=${SECONDS}, ${CONNECTIONS} connections`);
  const workspace = await prepare();
  const seeded = await seedDatabases(workspace);
  const { facts, costs } = await readRowsRead(workspace, seeded);
  const { big, little } = await startServers(workspace, seeded);
  const load = await measureLoad(big, little);
  const render = await measureWidget(workspace, big);
  await big.stop();
  const figures = { large: seeded.large, facts, costs, load, render, widgetBuild: workspace.widgetBuild, totalTime: elapsed(started) };
  process.stdout.write(report(figures));
}

try {
  await main();
} catch (error) {
  console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
