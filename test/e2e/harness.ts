// The end-to-end harness: a real `wrangler dev` with its own fresh D1, a cross-origin host
// page served by a tiny node:http server (like a real blog embedding the widget), and a real
// Chromium driven by playwright-core. Nothing here talks to anything but 127.0.0.1.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** `../shared` beside the repository: read-only fixtures every developer and CI run has. */
export const sharedDir = path.resolve(repoRoot, "../shared");

const wranglerBin = path.join(repoRoot, "node_modules", ".bin", process.platform === "win32" ? "wrangler.cmd" : "wrangler");

/** `BASCULE_SKIP_E2E=1` is the only way to skip the end-to-end suite; without it a missing browser fails the run. */
export const skipE2E = process.env.BASCULE_SKIP_E2E === "1";
if (skipE2E) {
  console.warn(
    "\n⚠️  BASCULE_SKIP_E2E=1: the end-to-end suite (real Chromium against wrangler dev) is SKIPPED.\n" +
      "   Nothing proves the widget and the API work together in this run. Unset it to run them.\n",
  );
}

// ---------------------------------------------------------------------------------------------
// Chromium

const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
];

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Playwright's own downloaded Chromium, if `playwright-core install chromium` has been run. */
function playwrightChromium(): string | undefined {
  try {
    const file = chromium.executablePath();
    return file && isFile(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

function chromiumOnDisk(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    // An explicit path that is wrong is a mistake to report, not to paper over.
    if (!isFile(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  return CHROMIUM_CANDIDATES.find(isFile) ?? playwrightChromium();
}

let installTried = false;

/**
 * The Chromium to drive: CHROME_PATH, then the usual install paths, then Playwright's own
 * download. If there is none, try `playwright-core install chromium` once (works on a laptop with
 * internet, not in an offline sandbox), then fail loudly: a missing browser must never pass silently.
 */
export async function findChromium(): Promise<string> {
  const found = chromiumOnDisk();
  if (found) return found;

  if (!installTried) {
    installTried = true;
    const cli = path.join(repoRoot, "node_modules", ".bin", "playwright-core");
    const [command, args] = existsSync(cli) ? [cli, ["install", "chromium"]] : ["npx", ["playwright-core", "install", "chromium"]];
    console.warn(`No Chromium found; trying \`${command} ${args.join(" ")}\` once…`);
    const result = await run(command, args, 300_000);
    const installed = playwrightChromium();
    if (installed) return installed;
    console.warn(`playwright-core install chromium did not give a browser (exit ${String(result.code)}):\n${result.output}`);
  }

  throw new Error(
    [
      "The end-to-end tests need Chromium or Google Chrome, and none was found.",
      `Looked at CHROME_PATH (unset), ${CHROMIUM_CANDIDATES.join(", ")}, and Playwright's download; \`npx playwright-core install chromium\` failed.`,
      "Fix it with one of:",
      "  • install it: `sudo apt-get install chromium` (Debian/Ubuntu), `brew install --cask chromium` (macOS), or Google Chrome;",
      "  • point to one: `CHROME_PATH=/path/to/chrome npm test`;",
      "  • download Playwright's: `npx playwright-core install chromium`;",
      "  • or, knowingly, skip the end-to-end suite: `BASCULE_SKIP_E2E=1 npm test`.",
    ].join("\n"),
  );
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(executablePath?: string): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath ?? (await findChromium()), headless: true, args: CHROMIUM_ARGS });
}

// ---------------------------------------------------------------------------------------------
// Ports, processes

/** A port that was free a moment ago (the OS picks it; the tiny race is acceptable in tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last lines a child printed, to put in error messages. */
class OutputTail {
  private lines: string[] = [];
  private readonly max: number;
  constructor(max = 200) {
    this.max = max;
  }
  push(chunk: Buffer | string): void {
    // wrangler colours some lines even with NO_COLOR; the escapes only clutter failure messages.
    const text = String(chunk).replace(/\u001b\[[0-9;]*m/g, "");
    this.lines.push(...text.split(/\r?\n/).filter((line) => line.trim().length > 0));
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
  toString(): string {
    return this.lines.join("\n");
  }
}

/** The environment for wrangler: no metrics, non-interactive, and no vitest markers that could change its behaviour. */
export function wranglerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("VITEST") && key !== "NODE_OPTIONS") env[key] = value;
  }
  // No update check, no download of Request.cf: nothing leaves 127.0.0.1.
  return {
    ...env,
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    CI: "true",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"] });
    const output = new OutputTail(400);
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.toString() });
    });
  });
}

/** Kill a detached child and everything it started (wrangler runs workerd under it). */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
  if (timedOut) {
    signal("SIGKILL");
    await Promise.race([exited, sleep(2_000)]);
  }
  // workerd may outlive wrangler for a moment; make sure the whole group is gone.
  signal("SIGKILL");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// The widget bundle

/** The newest modification time of any file under `dir` (0 when there is none), to tell a stale build. */
export function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * `npm test` builds public/embed.js before vitest runs; `npx vitest run --project e2e` alone does not.
 * Build it here when it is missing or older than the widget's sources, so a lone e2e run never tests a stale bundle.
 */
export function ensureWidgetBuilt(): void {
  const bundle = path.join(repoRoot, "public", "embed.js");
  const sources = newestMtime(path.join(repoRoot, "widget"));
  if (isFile(bundle) && statSync(bundle).mtimeMs >= sources) return;
  const script = path.join(repoRoot, "scripts", "build-widget.ts");
  if (!isFile(script)) throw new Error(`public/embed.js is missing or stale and ${script} does not exist to build it.`);
  const result = spawnSync(process.execPath, [script], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0 || !isFile(bundle)) {
    throw new Error(
      `Building the widget failed (node scripts/build-widget.ts, exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The worker under `wrangler dev`

export interface RunningWorker {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  adminToken: string;
  /** What wrangler printed so far (the last few hundred lines), for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// If the test process dies without its afterAll, don't leave wrangler and workerd behind.
process.once("exit", () => {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

/**
 * A fresh worker: its own temp state dir with the migrations applied, then `wrangler dev` on a
 * free port with its secrets in an `--env-file` of its own. With that file wrangler ignores the
 * developer's .dev.vars, whose Turnstile or Akismet keys would call out to the internet.
 * Resolves when `GET /api/v1/health` answers 200.
 */
export async function startWorker(options: { timeoutMs?: number } = {}): Promise<RunningWorker> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const stateDir = await mkdtemp(path.join(tmpdir(), "bascule-e2e-"));
  const removeState = (): Promise<void> => rm(stateDir, { recursive: true, force: true });

  try {
    const migrate = await run(wranglerBin, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], 90_000);
    if (migrate.code !== 0) {
      throw new Error(`\`wrangler d1 migrations apply DB --local\` failed (exit ${String(migrate.code)}):\n${migrate.output}`);
    }
  } catch (error) {
    await removeState();
    throw error;
  }

  const [port, inspectorPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const adminToken = `e2e-admin-${randomUUID()}`;
  const envFile = path.join(stateDir, "e2e.env");
  const secrets = { ADMIN_TOKEN: adminToken, HASH_SALT: `e2e-salt-${randomUUID()}`, TURNSTILE_SECRET: "", AKISMET_KEY: "" };
  await writeFile(
    envFile,
    Object.entries(secrets)
      .map(([name, value]) => `${name}=${value}`)
      .join("\n") + "\n",
  );
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    stateDir,
    "--show-interactive-dev-session=false",
    "--env-file",
    envFile,
  ];
  const output = new OutputTail();
  const child = spawn(wranglerBin, args, {
    cwd: repoRoot,
    env: wranglerEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() can kill workerd too
  });
  running.add(child);
  child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
  let spawnError: Error | undefined;
  child.on("error", (error) => (spawnError = error));

  const stop = async (): Promise<void> => {
    await killGroup(child);
    running.delete(child);
    await removeState();
  };

  const deadline = Date.now() + timeoutMs;
  let lastProblem = "no answer yet";
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `wrangler dev exited before answering (${spawnError?.message ?? `exit ${String(child.exitCode ?? child.signalCode)}`}).\n` +
          `wrangler ${args.join(" ")}\n--- wrangler output ---\n${output.toString()}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) break;
      lastProblem = `GET /api/v1/health answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      lastProblem = `GET /api/v1/health failed: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `wrangler dev did not answer GET ${url}/api/v1/health with 200 within ${timeoutMs / 1000} s (last: ${lastProblem}).\n` +
          `wrangler ${args.join(" ")}\n--- wrangler output ---\n${output.toString()}`,
      );
    }
    await sleep(250);
  }

  return { url, adminToken, output: () => output.toString(), stop };
}

// ---------------------------------------------------------------------------------------------
// The host page: a cross-origin blog page that embeds the widget

/** The theme stylesheets from ../shared/fixtures/host-page, by the URL path the host page links them at. */
export const THEME_FILES: Readonly<Record<string, string>> = {
  "/theme/twentytwelve-style.css": path.join(sharedDir, "fixtures/host-page/twentytwelve-style.css"),
  "/theme/twentytwentyone-style.css": path.join(sharedDir, "fixtures/host-page/twentytwentyone-style.css"),
};

export interface HostPageOptions {
  workerUrl: string;
  /** The thread key (`data-page`), also the byline's `data-bascule-count`. */
  page: string;
  /** Link the Twenty Twelve then Twenty Twenty-One stylesheets (the hostile host). */
  themed: boolean;
  lang?: string;
  site?: string;
  /** Extra markup for <head>, e.g. a <style> block. */
  head?: string;
  /** More attributes for the embed <script> tag, e.g. `{ "data-limit": "3" }`. */
  scriptAttributes?: Record<string, string>;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * A WordPress-like article page. It has its own button, inputs, textarea and links (a search form,
 * a byline link) so a test can check that the theme really styles the host's controls.
 */
export function hostPageHtml(options: HostPageOptions): string {
  const { workerUrl, page, themed, lang = "fr", site = "demo", head = "", scriptAttributes = {} } = options;
  const extraAttributes = Object.entries(scriptAttributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join("");
  const stylesheets = themed
    ? Object.keys(THEME_FILES)
        .map((href) => `<link rel="stylesheet" href="${href}">`)
        .join("\n    ")
    : "";
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Un article de test</title>
    <link rel="icon" href="data:,">
    ${stylesheets}
    ${head}
  </head>
  <body class="single single-post">
    <div id="page" class="site">
      <header id="masthead" class="site-header">
        <p class="site-title"><a href="/">Un blog de test</a></p>
        <form role="search" class="search-form" action="/" onsubmit="return false">
          <label for="host-search">Rechercher</label>
          <input type="search" id="host-search" class="search-field" name="s">
          <input type="text" id="host-text" name="t">
          <textarea id="host-textarea" rows="2"></textarea>
          <button type="submit" id="host-button" class="search-submit">Chercher</button>
        </form>
      </header>
      <main id="main" class="site-main">
        <article class="post type-post hentry entry">
          <header class="entry-header">
            <h1 class="entry-title">Un article de test</h1>
            <div class="entry-meta">Par <a id="host-link" href="/auteur/">Camille</a> ·
              <span data-bascule-count="${escapeHtml(page)}"></span></div>
          </header>
          <div class="entry-content">
            <p>Un paragraphe d'article, pour que la page ressemble à un vrai billet de blog.</p>
          </div>
        </article>
        <div id="comments" class="comments-area">
          <div id="bascule-comments"></div>
        </div>
      </main>
    </div>
    <script src="${escapeHtml(workerUrl)}/embed.js" data-site="${escapeHtml(site)}" data-page="${escapeHtml(page)}" data-lang="${escapeHtml(lang)}"${extraAttributes} async></script>
  </body>
</html>
`;
}

export interface HostPage {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The article: origin + "/article/". */
  url: string;
  close(): Promise<void>;
}

/** Serves `html` at /article/ and `files` (URL path → file on disk) on a free port of 127.0.0.1. */
export async function serveHostPage(html: string, files: Readonly<Record<string, string>> = THEME_FILES): Promise<HostPage> {
  for (const file of Object.values(files)) {
    if (!isFile(file)) throw new Error(`Host page fixture missing: ${file} (is ../shared beside the repository?)`);
  }
  const types: Record<string, string> = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".html": "text/html; charset=utf-8",
  };
  const server: Server = createHttpServer((request, response) => {
    void (async () => {
      const pathname = new URL(request.url ?? "/", "http://host").pathname;
      if (pathname === "/article/") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        response.end(html);
      } else if (pathname === "/article") {
        response.writeHead(301, { location: "/article/" });
        response.end();
      } else if (pathname === "/favicon.ico") {
        response.writeHead(204);
        response.end();
      } else if (Object.hasOwn(files, pathname)) {
        const file = files[pathname]!;
        const body = await readFile(file);
        response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
        response.end(body);
      } else {
        response.writeHead(404, { "content-type": "text/plain" });
        response.end("not found");
      }
    })().catch((error: unknown) => {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/article/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// What the browser did

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

// ---------------------------------------------------------------------------------------------
// Talking to the API directly (test setup only)

/**
 * Change a site's settings through the owner API, e.g. `{ moderation: "none" }`. With `optional`,
 * a worker that has no such route yet (404/405) is only warned about.
 */
export async function updateSite(
  worker: RunningWorker,
  site: string,
  settings: Record<string, unknown>,
  options: { optional?: boolean } = {},
): Promise<void> {
  const response = await fetch(`${worker.url}/api/v1/admin/sites/${encodeURIComponent(site)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${worker.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
  if (options.optional && (response.status === 404 || response.status === 405)) {
    console.warn(`PUT /api/v1/admin/sites/${site} answered ${response.status}; keeping the site's seeded settings.`);
    return;
  }
  if (!response.ok) {
    throw new Error(
      `PUT /api/v1/admin/sites/${site} answered ${response.status}: ${await response.text()}\n--- wrangler output ---\n${worker.output()}`,
    );
  }
}

/**
 * Post a comment as a reader on `origin` would (the API checks the Origin against the site's list).
 * `ip` is sent as CF-Connecting-IP (wrangler dev passes it through): the API allows 5 comments a
 * minute per writer, and every request from here would otherwise be the same writer, 127.0.0.1.
 */
export async function postComment(
  worker: RunningWorker,
  origin: string,
  comment: { site?: string; page: string; body: string; parentId?: string; author?: { name?: string; email?: string; website?: string } },
  options: { ip?: string } = {},
): Promise<{ id: string }> {
  const site = comment.site ?? "demo";
  // The form token the widget would have got with the thread (the bot trap needs one).
  const thread = await fetch(`${worker.url}/api/v1/threads?site=${site}&page=${encodeURIComponent(comment.page)}&limit=1`);
  const { form } = (await thread.json()) as { form: { token: string } };
  const response = await fetch(`${worker.url}/api/v1/comments`, {
    method: "POST",
    headers: { origin, "content-type": "application/json", ...(options.ip ? { "cf-connecting-ip": options.ip } : {}) },
    body: JSON.stringify({ site, formToken: form.token, ...comment }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/v1/comments answered ${response.status} (201 expected): ${await response.text()}`);
  }
  const json = (await response.json()) as { comment: { id: string } };
  return { id: json.comment.id };
}

/** A page key nobody else uses, so each test makes its own data. */
export function uniquePage(label: string): string {
  return `e2e-${label}-${randomUUID().slice(0, 8)}`;
}
