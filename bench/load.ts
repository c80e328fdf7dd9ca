// Load runs: autocannon against a running `wrangler dev`, reduced to the figures the report
// prints. Requests are closed-loop: `connections` clients, each sending its next request
// when the previous answer arrives. Several runs of one spec can be merged (their latency
// histograms added), so that two things compared can be measured interleaved (A B B A).

import autocannon, { type Options, type RawResult, type RequestSpec } from "autocannon";

export interface LoadSpec {
  /** Short label for the table. */
  name: string;
  /** Origin of the server, http://127.0.0.1:<port>. */
  url: string;
  /** Path and query of a GET; ignored when `requests` is given. */
  path?: string;
  headers?: Record<string, string>;
  /** For requests that must change each time (the POST). */
  requests?: RequestSpec[];
  seconds: number;
  connections: number;
}

export interface LoadResult {
  name: string;
  requests: number;
  seconds: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
}

export interface Run {
  raw: RawResult;
  options: Options;
}

function optionsOf(spec: LoadSpec): Options {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(spec.url)) throw new Error(`refusing to load anything but 127.0.0.1: ${spec.url}`);
  return {
    url: spec.url + (spec.path ?? "/"),
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 30,
    headers: spec.headers ?? {},
    ...(spec.requests ? { requests: spec.requests } : {}),
    title: spec.name,
    skipAggregateResult: true,
  };
}

/** One run, kept raw so that it can be merged with others by summarize(). */
export async function runOnce(spec: LoadSpec): Promise<Run> {
  const options = optionsOf(spec);
  const instance = autocannon(options);
  // autocannon stops itself after `duration`; this only guards against a run that never ends.
  const guard = setTimeout(() => instance.stop(), (spec.seconds + 60) * 1000);
  try {
    return { raw: (await instance) as unknown as RawResult, options };
  } finally {
    clearTimeout(guard);
  }
}

/** The figures of one or more runs of the same request: latencies merged, req/s over their summed durations. */
export function summarize(name: string, runs: Run[]): LoadResult {
  const first = runs[0];
  if (first === undefined) throw new Error("no runs to summarize");
  // Copies: aggregateResult adds the others' status counts into the first result's own object,
  // and a run may be summarized more than once (with its pair, then with all the health runs).
  const result = autocannon.aggregateResult(
    runs.map((run) => structuredClone(run.raw)),
    first.options,
  );
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = Number(count);
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  const seconds = runs.reduce((sum, run) => sum + run.raw.duration, 0);
  return {
    name,
    requests,
    seconds,
    reqPerSec: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses,
  };
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  return summarize(spec.name, [await runOnce(spec)]);
}

export interface Pair {
  a: LoadResult;
  b: LoadResult;
  /** The raw runs of b, to merge with others. */
  bRuns: Run[];
}

/** A and B measured as A B B A, each for `seconds`, so that a drift of the machine's load hits both alike. */
export async function loadInterleaved(a: LoadSpec, b: LoadSpec, onRun: (spec: LoadSpec) => void = () => {}): Promise<Pair> {
  const runs = new Map<LoadSpec, Run[]>([
    [a, []],
    [b, []],
  ]);
  for (const spec of [a, b, b, a]) {
    onRun(spec);
    runs.get(spec)!.push(await runOnce(spec));
  }
  return { a: summarize(a.name, runs.get(a)!), b: summarize(b.name, runs.get(b)!), bRuns: runs.get(b)! };
}

/** A short unbenchmarked burst, so that the first measured route doesn't pay for compilation and caches. */
export async function warmUp(url: string, paths: string[], headers: Record<string, string> = {}): Promise<void> {
  for (const path of paths) {
    const instance = autocannon({ url: url + path, connections: 4, amount: 300, timeout: 30, headers });
    const guard = setTimeout(() => instance.stop(), 60_000);
    try {
      await instance;
    } finally {
      clearTimeout(guard);
    }
  }
}
