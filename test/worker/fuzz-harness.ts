// How fuzz.test.ts sends a generated request and judges the answer by API.md's promises,
// with a tally of what was sent and answered for the summary.
import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { errorShapeProblems } from "./corpus.ts";

export interface Shot {
  method: string;
  /** Path and query, appended to http://localhost. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

const sent: Record<string, number> = {};
/** Answers by route and status: shows the generated requests got past validation, not only bounced off it. */
const statuses: Record<string, Record<number, number>> = {};

/** Sends one request; resolves to null when the answer keeps API.md's promises, else why not. */
async function fire(route: string, shot: Shot): Promise<string | null> {
  sent[route] = (sent[route] ?? 0) + 1;
  const hasBody = shot.body !== undefined && !["GET", "HEAD"].includes(shot.method.toUpperCase());
  const request = new Request(`http://localhost${shot.target}`, {
    method: shot.method,
    headers: shot.headers,
    body: hasBody ? shot.body : undefined,
  });
  const res = await exports.default.fetch(request);
  const seen = (statuses[route] ??= {});
  seen[res.status] = (seen[res.status] ?? 0) + 1;
  const text = await res.text();
  const problems: string[] = [];
  if (res.status >= 500) problems.push("5xx");
  const url = new URL(request.url);
  if (url.pathname.startsWith("/api/") && res.headers.get("x-content-type-options") !== "nosniff") problems.push("no nosniff");
  const needsErrorBody = res.status >= 300 && res.status !== 304 && shot.method !== "OPTIONS" && shot.method !== "HEAD";
  if (needsErrorBody) {
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      problems.push("the body is not JSON");
    }
    if (json !== null) problems.push(...errorShapeProblems(json));
    if (!/^application\/json/.test(res.headers.get("content-type") ?? "")) problems.push(`content-type ${res.headers.get("content-type")}`);
    if (res.status === 405 && !res.headers.get("allow")) problems.push("405 without Allow");
    if (res.status === 429 && !res.headers.get("retry-after")) problems.push("429 without Retry-After");
  }
  if (problems.length === 0) return null;
  const shown = (value: string | undefined) =>
    value === undefined ? "none" : JSON.stringify(value.length > 300 ? `${value.slice(0, 300)}… (${value.length} chars)` : value);
  const headers = Object.fromEntries(
    Object.entries(shot.headers).map(([name, value]) => [
      name,
      value.length > 100 ? `${value.slice(0, 100)}… (${value.length} chars)` : value,
    ]),
  );
  return [
    `${problems.join("; ")}`,
    `  request: ${shot.method} ${shown(shot.target)} headers ${JSON.stringify(headers)} body ${shown(shot.body)}`,
    `  answer: ${res.status} ${shown(text)}`,
  ].join("\n");
}

/** Runs the generated requests of one route as a fast-check property. */
export async function fuzz(route: string, shots: fc.Arbitrary<Shot>, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(shots, async (shot) => {
      const problem = await fire(route, shot);
      if (problem !== null) throw new Error(problem);
    }),
    { numRuns },
  );
}

export const sentTotal = () => Object.values(sent).reduce((sum, n) => sum + n, 0);

/** What was sent to each route and how it was answered, for the log after the run. */
export function summary(startedAt: number): string {
  const total = sentTotal();
  const byRoute = Object.entries(sent)
    .map(([route, n]) => {
      const answers = Object.entries(statuses[route] ?? {})
        .map(([status, count]) => `${status} ×${count}`)
        .join(", ");
      return `  ${route}: ${n} (${answers})`;
    })
    .join("\n");
  return `Fuzzing: ${total} requests in ${((Date.now() - startedAt) / 1000).toFixed(1)} s, no 5xx and no malformed error allowed\n${byRoute}`;
}
