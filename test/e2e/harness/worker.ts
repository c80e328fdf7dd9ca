// The worker under `wrangler dev`: its own temporary state directory with a fresh D1 (the
// migrations applied), its own secrets, a free port on 127.0.0.1, and a stop() that leaves
// nothing behind.

import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoSiteSql } from "../../../scripts/demo-seed.ts";
import { repoRoot } from "./paths.ts";
import { freePort, killGroup, OutputTail, run, sleep, wranglerEnv } from "./processes.ts";

const wranglerBin = path.join(repoRoot, "node_modules", ".bin", process.platform === "win32" ? "wrangler.cmd" : "wrangler");

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
    // The demo site, as `npm run dev` makes it: no migration creates it any more.
    const demo = await run(wranglerBin, ["d1", "execute", "DB", "--local", "--persist-to", stateDir, "--command", demoSiteSql()], 90_000);
    if (demo.code !== 0) throw new Error(`creating the demo site failed (exit ${String(demo.code)}):\n${demo.output}`);
  } catch (error) {
    await removeState();
    throw error;
  }

  const [port, inspectorPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const adminToken = `e2e-admin-${randomUUID()}`;
  const envFile = path.join(stateDir, "e2e.env");
  // MAIL_FROM: mail leaves through the simulated EMAIL binding and shows in the local explorer (issue 11).
  const secrets = {
    ADMIN_TOKEN: adminToken,
    HASH_SALT: `e2e-salt-${randomUUID()}`,
    TURNSTILE_SECRET: "",
    AKISMET_KEY: "",
    MAIL_FROM: "bascule@localhost.test",
  };
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
    "--var",
    "BASCULE_DEMO:on",
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
