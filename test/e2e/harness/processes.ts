// Ports and child processes: a free port on 127.0.0.1, the environment wrangler runs in, a
// one-shot command with its output kept for error messages, and killing a whole process group.

import { spawn, type ChildProcess } from "node:child_process";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { repoRoot } from "./paths.ts";

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
export class OutputTail {
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

export function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
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
export async function killGroup(child: ChildProcess): Promise<void> {
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
