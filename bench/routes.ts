// The routes run.ts loads, and the requests it sends them: a GET for each read route, and for
// POST /api/v1/comments a request that is another reader each time.

import type { LoadSpec } from "./load.ts";
import type { DevServer } from "./processes.ts";
import { PAGES, SITE } from "./seed.ts";
import { CONNECTIONS, COUNT_PAGES, SECONDS, THREAD_LIMIT } from "./settings.ts";

export interface Route {
  name: string;
  path: string;
}

const threadPath = (page: string) => `/api/v1/threads?${new URLSearchParams({ site: SITE, page, limit: String(THREAD_LIMIT) })}`;

/** The pages of the counts route, also measured for rows_read. */
export const COUNT_PAGE_KEYS = Array.from({ length: COUNT_PAGES }, (_, i) => PAGES.other(i + 1));

export const ROUTES = {
  health: { name: "health", path: "/api/v1/health" },
  big: { name: "threads 5,000-comment thread", path: threadPath(PAGES.big) },
  ten: { name: "threads 10-comment thread", path: threadPath(PAGES.ten) },
  counts: {
    name: `counts ${COUNT_PAGES} pages`,
    path: `/api/v1/counts?${new URLSearchParams([["site", SITE], ...COUNT_PAGE_KEYS.map((p) => ["page", p])])}`,
  },
} satisfies Record<string, Route>;

export async function responseShape(server: DevServer, route: Route, origin: string): Promise<string> {
  const response = await fetch(server.url + route.path, { headers: { origin }, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) return `${response.status}: ${text.slice(0, 120)}`;
  const json = JSON.parse(text) as { comments?: unknown[]; counts?: Record<string, number> };
  const what = json.comments ? `${json.comments.length} comments` : json.counts ? `${Object.keys(json.counts).length} counts` : "ok";
  return `${what}, ${(text.length / 1024).toFixed(1)} KB`;
}

export async function fetchFormToken(server: DevServer, origin: string): Promise<string | undefined> {
  const response = await fetch(server.url + threadPath(PAGES.post), { headers: { origin }, signal: AbortSignal.timeout(30_000) });
  const json = (await response.json()) as { form?: { token?: string } };
  return json.form?.token;
}

/** A GET load run of `route` on `server`. */
export const getSpec = (server: DevServer, route: Route, origin: string, name = route.name): LoadSpec => ({
  name,
  url: server.url,
  path: route.path,
  headers: { origin },
  seconds: SECONDS,
  connections: CONNECTIONS,
});

/** The POST run; `formToken` is the one a reader's widget gets with the thread. */
export function postSpec(server: DevServer, origin: string, formToken: string | undefined): LoadSpec {
  let sequence = 0;
  return {
    name: "POST comments",
    url: server.url,
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
}
