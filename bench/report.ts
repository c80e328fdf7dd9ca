// The printed report: one table or paragraph per thing measured, in the order they ran.

import type { LoadResult } from "./load.ts";
import { ROUTES } from "./routes.ts";
import type { RouteCost, SeededFacts } from "./rows-read.ts";
import { type Dataset, describeThread, expectedCounts, PAGES } from "./seed.ts";
import { CONNECTIONS, SECONDS, WIDGET_RUNS } from "./settings.ts";
import type { RenderReport } from "./widget-render.ts";

/** A route's figures and those of the health run beside it (its ceiling). */
export interface Beside {
  result: LoadResult;
  ceiling: LoadResult;
}

export interface LoadFigures {
  /** What each route answered once, by route name ("ten-small": the 10-comment thread on the 100-comment DB). */
  shapes: Map<string, string>;
  tenLarge: LoadResult;
  tenSmall: LoadResult;
  bigThread: Beside;
  tenThread: Beside;
  counts: Beside;
  posts: Beside;
  /** Every health run merged. */
  health: LoadResult;
  reloads: number;
}

export interface Figures {
  large: Dataset;
  facts: Array<[string, Dataset, SeededFacts]>;
  costs: RouteCost[];
  load: LoadFigures;
  render: RenderReport;
  widgetBuild: { summary: string; note: string | null };
  totalTime: string;
}

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

export function report(figures: Figures): string {
  const out: string[] = [];
  out.push(
    "",
    `Bascule benchmark · ${new Date().toISOString()} · node ${process.version} · ${SECONDS} s per run, ${CONNECTIONS} connections`,
    "",
  );
  seeded(out, figures);
  httpUnderLoad(out, figures.load);
  ratio(out, figures.load);
  rowsRead(out, figures.costs);
  widget(out, figures);
  out.push("", `Total time ${figures.totalTime}.`, "");
  return out.join("\n");
}

function seeded(out: string[], { facts, large }: Figures): void {
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
}

function httpUnderLoad(out: string[], load: LoadFigures): void {
  const { shapes, health, bigThread, tenThread, counts, posts, reloads } = load;
  const measured = [bigThread, tenThread, counts, posts];
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
        row(bigThread.result, bigThread.ceiling, shapes.get(ROUTES.big.name)),
        row(tenThread.result, tenThread.ceiling, shapes.get(ROUTES.ten.name)),
        row(counts.result, counts.ceiling, shapes.get(ROUTES.counts.name)),
        row(posts.result, posts.ceiling, statuses(posts.result)),
      ],
      ["l", "r", "r", "r", "r", "r", "r", "r", "l"],
    ),
  );
  out.push(`  wrangler dev reloads during the runs: ${reloads}${reloads > 0 ? " (figures disturbed!)" : ""}`);
  out.push("");
}

function ratio(out: string[], { tenLarge, tenSmall, shapes }: LoadFigures): void {
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
}

function rowsRead(out: string[], costs: RouteCost[]): void {
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
}

function widget(out: string[], { render, widgetBuild }: Figures): void {
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
}
