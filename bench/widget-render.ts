// How long the widget takes, in a real Chromium, from its <script> tag to a thread of
// 1,000 comments on screen. The host page sets a mark right before the tag; an
// instrumented attachShadow lets a MutationObserver watch the widget's shadow root, which
// notes when it first holds the expected number of <article>s ("in DOM") and when the
// frame after that has been produced ("painted": requestAnimationFrame then a task).

import { spawnSync } from "node:child_process";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { isLocalUrl } from "../test/e2e/harness/browser-activity.ts";
import { CHROMIUM_ARGS, findChromium } from "../test/e2e/harness/chromium.ts";
import { serveHostPage, type HostPage } from "../test/e2e/harness/host-page.ts";
import { repoRoot } from "../test/e2e/harness/paths.ts";
import { onStopAll } from "./processes.ts";

export interface RenderRun {
  /** ms from the mark before the script tag to the 1,000th <article> in the shadow root. */
  inDom: number;
  /** ms to the end of the first frame after that. */
  painted: number;
}

export interface RenderReport {
  runs: RenderRun[];
  /** The limit the widget asked the API for (from its GET /api/v1/threads). */
  limitAsked: string | null;
  problems: string[];
}

const escapeAttr = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function hostPage(workerUrl: string, page: string, expected: number): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Bench article</title><link rel="icon" href="data:,"></head>
  <body>
    <article><h1>Bench article</h1><p>A page that embeds a thread of ${expected} comments.</p></article>
    <div id="bascule-comments"></div>
    <script>
      (() => {
        const want = ${expected};
        const bench = (window.__bench = { start: 0, inDom: null, painted: null, articles: 0 });
        const seen = (root) => {
          const count = root.querySelectorAll("article").length;
          bench.articles = count;
          if (count < want || bench.inDom !== null) return;
          bench.inDom = performance.now() - bench.start;
          requestAnimationFrame(() => setTimeout(() => (bench.painted = performance.now() - bench.start), 0));
        };
        // The widget's shadow root, as soon as it exists (an observer on the document can't see inside it).
        const attach = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (init) {
          const root = attach.call(this, init);
          if (this.id === "bascule-comments") {
            new MutationObserver(() => seen(root)).observe(root, { childList: true, subtree: true });
          }
          return root;
        };
        bench.start = performance.now();
      })();
    </script>
    <script src="${escapeAttr(workerUrl)}/embed.js" data-site="demo" data-page="${escapeAttr(page)}" data-lang="en"></script>
  </body>
</html>
`;
}

/**
 * `node scripts/build-widget.ts`: the bundle the server hands out must be the current widget.
 * Returns what it printed (the size). A bundle over its size budget is still written and
 * still timed: the budget is the tests' business; that exit comes back as a note.
 */
export function buildWidget(): { summary: string; note: string | null } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "build-widget.ts")], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 120_000,
  });
  const printed = `${result.stdout ?? ""}\n${result.stderr ?? ""}`.trim();
  const summary = printed.split("\n").find((line) => line.includes("embed.js")) ?? "";
  if (result.status === 0) return { summary, note: null };
  if (/over its size budget/.test(printed)) return { summary, note: "embed.js is over its size budget (timed anyway)" };
  throw new Error(`node scripts/build-widget.ts failed (exit ${String(result.status ?? result.signal)}):\n${printed}`);
}

/**
 * Loads the host page `runs` times (plus one warm-up run that is not counted), each in a
 * fresh browser context (empty HTTP cache), and returns the timings. Never throws for a
 * widget that doesn't render: what went wrong is in `problems`.
 */
export async function timeWidget(options: {
  workerUrl: string;
  page: string;
  expected: number;
  runs: number;
  timeoutMs?: number;
}): Promise<RenderReport> {
  const { workerUrl, page, expected, runs } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const report: RenderReport = { runs: [], limitAsked: null, problems: [] };
  let host: HostPage | undefined;
  let browser: Browser | undefined;
  let forget = () => {};
  try {
    host = await serveHostPage(hostPage(workerUrl, page, expected), {});
    // The harness's browser, but without Playwright's own signal handlers (they exit the
    // process on Ctrl-C before the benchmark has stopped its servers): closed by stopAll.
    browser = await chromium.launch({
      executablePath: await findChromium(),
      headless: true,
      args: CHROMIUM_ARGS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const opened = browser;
    forget = onStopAll(() => opened.close());
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext();
      const foreign: string[] = [];
      const errors: string[] = [];
      try {
        const tab = await context.newPage();
        tab.on("request", (request) => {
          const url = request.url();
          if (!isLocalUrl(url)) foreign.push(url);
          if (url.includes("/api/v1/threads")) report.limitAsked = new URL(url).searchParams.get("limit");
        });
        tab.on("pageerror", (error) => errors.push(error.message));
        tab.on("console", (message) => {
          if (message.type() === "error") errors.push(message.text());
        });
        await tab.goto(host.url, { waitUntil: "domcontentloaded", timeout: timeoutMs });
        try {
          await tab.waitForFunction(
            () => (window as unknown as { __bench: { painted: number | null } }).__bench.painted !== null,
            undefined,
            {
              timeout: timeoutMs,
              polling: 100,
            },
          );
        } catch {
          const articles = await tab
            .evaluate(() => (window as unknown as { __bench: { articles: number } }).__bench.articles)
            .catch(() => -1);
          report.problems.push(
            `run ${run}: no ${expected} comments after ${timeoutMs / 1000} s (the shadow root held ${articles} <article>s)` +
              (errors.length > 0 ? `; page errors: ${errors.slice(0, 3).join(" | ")}` : ""),
          );
          break;
        }
        const timing = await tab.evaluate(() => (window as unknown as { __bench: RenderRun }).__bench);
        if (run > 0) report.runs.push({ inDom: timing.inDom, painted: timing.painted });
        if (errors.length > 0) report.problems.push(`run ${run}: page errors: ${errors.slice(0, 3).join(" | ")}`);
        if (foreign.length > 0) report.problems.push(`run ${run}: requests to other hosts: ${foreign.slice(0, 3).join(", ")}`);
      } finally {
        await context.close();
      }
    }
  } catch (error) {
    report.problems.push(`the browser part failed: ${(error as Error).message.split("\n")[0]}`);
  } finally {
    forget();
    await browser?.close().catch(() => undefined);
    await host?.close();
  }
  return report;
}
