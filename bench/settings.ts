// The run's knobs and its log, shared by run.ts, its routes and its report.
// BENCH_SECONDS (default 10) sets each load run's length.

export const SECONDS = positiveNumber(process.env.BENCH_SECONDS, 10);
export const CONNECTIONS = 10;
export const THREAD_LIMIT = 50;
export const COUNT_PAGES = 50;
export const WIDGET_RUNS = 5;

function positiveNumber(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
export const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
