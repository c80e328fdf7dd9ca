// Every process the benchmark starts goes through here, so that every one of them is
// stopped again: on success, on error, on Ctrl-C. Wrangler runs workerd under it, so each
// long-lived child gets its own process group and is killed as a group.

import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "../test/e2e/harness/paths.ts";
import { freePort, wranglerEnv } from "../test/e2e/harness/processes.ts";

const wranglerBin = path.join(repoRoot, "node_modules", ".bin", process.platform === "win32" ? "wrangler.cmd" : "wrangler");

const running = new Set<ChildProcess>();

function killGroupNow(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// Last resort if the benchmark dies between a start and its stop.
process.once("exit", () => {
  for (const child of running) killGroupNow(child, "SIGKILL");
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    killGroupNow(child, "SIGTERM");
    const timedOut = await Promise.race([exited.then(() => false), sleep(5_000).then(() => true)]);
    if (timedOut) {
      killGroupNow(child, "SIGKILL");
      await Promise.race([exited, sleep(2_000)]);
    }
  }
  // workerd can outlive wrangler for a moment: make sure the whole group is gone.
  killGroupNow(child, "SIGKILL");
  running.delete(child);
}

const closers = new Set<() => Promise<void>>();
/** Set by stopAll: from then on nothing new is started (a signal may stop us mid-sequence). */
let stopping = false;

function refuseWhenStopping(what: string): void {
  if (stopping) throw new Error(`not starting ${what}: the benchmark is stopping`);
}

/** Something else to close with everything (a browser); returns a function that unregisters it. */
export function onStopAll(close: () => Promise<void>): () => void {
  refuseWhenStopping("a browser");
  closers.add(close);
  return () => closers.delete(close);
}

/** Stops everything still running (for the signal handlers and the final cleanup). */
export async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all([...[...closers].map((close) => close().catch(() => undefined)), ...[...running].map(stopGroup)]);
  closers.clear();
}

/** Keeps the last lines a child printed, for error messages. */
class Tail {
  private lines: string[] = [];
  push(chunk: Buffer | string): void {
    this.lines.push(
      ...String(chunk)
        .split(/\r?\n/)
        .filter((line) => line.length > 0),
    );
    if (this.lines.length > 200) this.lines.splice(0, this.lines.length - 200);
  }
  toString(): string {
    return this.lines.join("\n");
  }
}

/**
 * A copy of what `wrangler dev` serves (config, worker, migrations, public/) in `dir`, with
 * node_modules linked. `wrangler dev` watches its sources and reloads when any changes, and
 * it can't be told not to: run on the working tree, an edit or a widget build during the
 * benchmark would reload the server mid-run (503s, refused connections) and change the code
 * being measured. The copy freezes the project as it was when the benchmark started.
 */
export async function snapshotProject(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const entry of ["wrangler.toml", "package.json", "tsconfig.json", "tsconfig.base.json", "worker", "migrations", "public"]) {
    await cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  await symlink(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Runs `wrangler ...args` in `project` to completion (bounded by `timeoutMs`) and returns its stdout; throws on failure. */
export function wrangler(project: string, args: string[], timeoutMs = 300_000): Promise<string> {
  return runToEnd(wranglerBin, args, project, timeoutMs);
}

/**
 * Runs a TypeScript file of bench/ with node, in its own process group, to completion.
 * Used for what loads miniflare in-process (getPlatformProxy): miniflare answers SIGINT with
 * process.exit() from its own handler, which must not cut this process's cleanup short.
 */
export function nodeScript(script: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<string> {
  return runToEnd(process.execPath, [script, ...args], cwd, timeoutMs);
}

function runToEnd(command: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  const name = path.basename(command);
  refuseWhenStopping(name);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
    running.add(child);
    const stdout: Buffer[] = [];
    const stderr = new Tail();
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      killGroupNow(child, "SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const out = Buffer.concat(stdout).toString("utf8");
      if (code === 0) resolve(out);
      else {
        const why = signal ? `killed by ${signal}${signal === "SIGKILL" ? ` (over ${timeoutMs / 1000} s?)` : ""}` : `exit ${String(code)}`;
        reject(new Error(`${name} ${args.join(" ").slice(0, 300)} failed (${why}):\n${out.slice(-3000)}\n${stderr.toString()}`));
      }
    });
  });
}

/**
 * The worker's secrets for the benchmark, as a file for `--env-file` (and getPlatformProxy's
 * envFiles). With it, wrangler doesn't read the developer's .dev.vars, whose Turnstile or
 * Akismet keys would make POST /api/v1/comments call out to the internet.
 */
export async function writeEnvFile(dir: string): Promise<string> {
  const file = path.join(dir, "bench.env");
  const vars = {
    ADMIN_TOKEN: "bench-admin-token",
    HASH_SALT: "bench-salt-of-at-least-32-characters",
    TURNSTILE_SECRET: "",
    AKISMET_KEY: "",
  };
  await writeFile(
    file,
    Object.entries(vars)
      .map(([key, value]) => `${key}=${value}`)
      .join("\n") + "\n",
  );
  return file;
}

export interface DevServer {
  /** http://127.0.0.1:<port> */
  url: string;
  output(): string;
  /** How often wrangler reloaded the worker since it started (it should be 0). */
  reloads(): number;
  stop(): Promise<void>;
}

/**
 * `wrangler dev` of `project` (see snapshotProject) on an already seeded `--persist-to`
 * directory (the e2e harness's startWorker always makes a fresh one, so it can't serve a
 * seeded database). Resolves once GET /api/v1/health answers 200; gives up after `timeoutMs`.
 */
export async function startDevServer(
  project: string,
  persistTo: string,
  envFile: string,
  options: { timeoutMs?: number; label?: string } = {},
): Promise<DevServer> {
  refuseWhenStopping("wrangler dev");
  const timeoutMs = options.timeoutMs ?? 90_000;
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const args = [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
    "--env-file",
    envFile,
  ];
  const output = new Tail();
  const child = spawn(wranglerBin, args, { cwd: project, env: wranglerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
  running.add(child);
  // Drained all the time: a full pipe would stall wrangler, which logs every request.
  let reloads = 0;
  const take = (chunk: Buffer) => {
    output.push(chunk);
    reloads += String(chunk).match(/Reloading local server/g)?.length ?? 0;
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  let spawnError: Error | undefined;
  child.on("error", (error) => (spawnError = error));
  const server: DevServer = { url, output: () => output.toString(), reloads: () => reloads, stop: () => stopGroup(child) };

  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(
        `wrangler dev${options.label ? ` (${options.label})` : ""} exited before answering (${spawnError?.message ?? `exit ${String(child.exitCode ?? child.signalCode)}`}):\n${output.toString()}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return server;
      last = `answered ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(
        `wrangler dev did not answer ${url}/api/v1/health within ${timeoutMs / 1000} s (last: ${last}):\n${output.toString()}`,
      );
    }
    await sleep(250);
  }
}
