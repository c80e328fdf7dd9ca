// What the browser did: console errors, uncaught errors and every request of a browser context,
// so a test can say that the page ran clean and talked to nobody but 127.0.0.1.

import type { BrowserContext } from "playwright-core";

export interface BrowserActivity {
  consoleErrors: string[];
  pageErrors: string[];
  /** Every URL requested by any page of the context (including WebSockets). */
  requests: string[];
  failedRequests: string[];
  /** Requests to any host other than 127.0.0.1 / localhost. */
  foreignRequests(): string[];
  /** One readable paragraph, for assertion messages. */
  summary(): string;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);

export function isLocalUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return true;
  return LOCAL_HOSTS.has(hostname);
}

/** Records console errors, uncaught page errors and every request of every page in the context. */
export function watchBrowser(context: BrowserContext): BrowserActivity {
  const activity: BrowserActivity = {
    consoleErrors: [],
    pageErrors: [],
    requests: [],
    failedRequests: [],
    foreignRequests: () => activity.requests.filter((url) => !isLocalUrl(url)),
    summary: () =>
      [
        `console errors: ${JSON.stringify(activity.consoleErrors, null, 2)}`,
        `page errors: ${JSON.stringify(activity.pageErrors, null, 2)}`,
        `failed requests: ${JSON.stringify(activity.failedRequests, null, 2)}`,
        `foreign requests: ${JSON.stringify(activity.foreignRequests(), null, 2)}`,
      ].join("\n"),
  };
  context.on("console", (message) => {
    if (message.type() === "error") {
      const { url, lineNumber } = message.location();
      activity.consoleErrors.push(`${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
    }
  });
  context.on("weberror", (webError) => {
    const error = webError.error();
    activity.pageErrors.push(error.stack ?? error.message);
  });
  context.on("request", (request) => activity.requests.push(request.url()));
  context.on("requestfailed", (request) =>
    activity.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "?"}`),
  );
  context.on("page", (page) => page.on("websocket", (socket) => activity.requests.push(socket.url())));
  return activity;
}
