// `npm run deploy` (scripts/deploy.ts) against a stand-in `wrangler` on PATH
// (wrangler-stand-in.ts), which keeps a pretend Cloudflare account between runs: the first
// deploy, a re-deploy, and a failure at each step, each followed by a run that recovers.
// Then the real wrangler's `deploy --dry-run`, which builds the worker exactly as a deploy would.
import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { deploy, DeployError, type DeploySteps, wranglerOnPath } from "../../scripts/deploy.ts";
import type { Account } from "./wrangler-stand-in.ts";

const root = resolve(fileURLToPath(import.meta.url), "../../..");
const toml = await readFile(join(root, "wrangler.toml"), "utf8");

let dir: string;
let env: NodeJS.ProcessEnv;

async function account(): Promise<Account> {
  return JSON.parse(await readFile(join(dir, "account.json"), "utf8")) as Account;
}

async function setAccount(changes: Partial<Account>): Promise<void> {
  const fresh: Account = { loggedIn: true, worker: false, secrets: {}, databases: [], migrated: {}, queues: [] };
  await writeFile(join(dir, "account.json"), JSON.stringify({ ...fresh, ...changes }));
}

/** The wrangler commands called so far, as "d1 migrations apply bascule --remote" etc. */
async function calls(): Promise<string[]> {
  const lines = (await readFile(join(dir, "calls.jsonl"), "utf8").catch(() => "")).split("\n").filter(Boolean);
  return lines.map((line) => (JSON.parse(line) as { args: string[] }).args.join(" ").replace(/--secrets-file \S+/, "--secrets-file FILE"));
}

/** For each call that was given secrets: their names and lengths. */
async function secretLengths(): Promise<Array<Record<string, number>>> {
  const lines = (await readFile(join(dir, "calls.jsonl"), "utf8")).split("\n").filter(Boolean);
  return lines.map((line) => (JSON.parse(line) as { secrets?: Record<string, number> }).secrets).filter((secrets) => secrets !== undefined);
}

function steps(options: { failBuild?: boolean } = {}): DeploySteps & { built: number } {
  const result = {
    built: 0,
    wrangler: wranglerOnPath(env, false),
    async build() {
      result.built += 1;
      if (options.failBuild) throw new Error("esbuild: widget/app.tsx: Unexpected token");
    },
    log() {},
  };
  return result;
}

async function failure(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(DeployError);
  return (error as Error).message;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "bascule-deploy-test-"));
  const standIn = join(dir, "bin", "wrangler");
  await mkdir(join(dir, "bin"));
  await writeFile(standIn, `#!/bin/sh\nexec "${process.execPath}" "${join(root, "test/scripts/wrangler-stand-in.ts")}" "$@"\n`);
  await chmod(standIn, 0o755);
  env = {
    ...process.env,
    PATH: [join(dir, "bin"), dirname(process.execPath), process.env.PATH].join(delimiter),
    STAND_IN_STATE: join(dir, "account.json"),
    STAND_IN_CALLS: join(dir, "calls.jsonl"),
  };
  await setAccount({});
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run deploy, with a stand-in wrangler", () => {
  test("the first deploy makes both secrets and the queues, creates the database by deploying, then migrates it", async () => {
    const outcome = await deploy(steps(), toml);
    expect(await calls()).toEqual([
      "whoami --json",
      "secret list --format json",
      "queues info bascule-events",
      "queues create bascule-events",
      "queues info bascule-events-dlq",
      "queues create bascule-events-dlq",
      "d1 list --json",
      "deploy --secrets-file FILE",
      "d1 migrations apply bascule --remote",
    ]);
    const after = await account();
    expect(after.databases).toEqual(["bascule"]);
    expect(after.migrated).toEqual({ bascule: 1 });
    expect(after.queues).toEqual(["bascule-events", "bascule-events-dlq"]);
    // Long and random: 32 bytes as base64url, and the two differ.
    expect(await secretLengths()).toEqual([{ ADMIN_TOKEN: 43, HASH_SALT: 43 }]);
    expect(after.secrets.ADMIN_TOKEN).not.toBe(after.secrets.HASH_SALT);
    // The owner is told the token they now hold, and where the worker is.
    expect(outcome).toEqual({ url: "https://bascule.owner.workers.dev", adminToken: after.secrets.ADMIN_TOKEN });
  });

  test("a re-run migrates the existing database before deploying, and never replaces a secret", async () => {
    await deploy(steps(), toml);
    const before = await account();
    const second = await deploy(steps(), toml);
    expect((await calls()).slice(9)).toEqual([
      "whoami --json",
      "secret list --format json",
      "queues info bascule-events",
      "queues info bascule-events-dlq",
      "d1 list --json",
      "d1 migrations apply bascule --remote",
      "deploy",
    ]);
    expect((await account()).secrets).toEqual(before.secrets);
    expect(second.adminToken).toBeUndefined();
  });

  test("a worker that has one secret already gets only the other", async () => {
    await setAccount({ worker: true, secrets: { ADMIN_TOKEN: "chosen-by-the-owner" }, databases: ["bascule"], queues: ["bascule-events"] });
    const outcome = await deploy(steps(), toml);
    expect(await secretLengths()).toEqual([{ HASH_SALT: 43 }]);
    expect((await account()).secrets.ADMIN_TOKEN).toBe("chosen-by-the-owner");
    expect(outcome.adminToken).toBeUndefined();
    // Only the missing queue is created.
    expect((await calls()).filter((call) => call.startsWith("queues create"))).toEqual(["queues create bascule-events-dlq"]);
  });

  test("not logged in: it says to log in, and touches nothing", async () => {
    await setAccount({ loggedIn: false });
    const built = steps();
    expect(await failure(deploy(built, toml))).toMatch(/npx wrangler login/);
    expect(await calls()).toEqual(["whoami --json"]);
    expect(built.built).toBe(0);
  });

  test("a failed build deploys nothing", async () => {
    expect(await failure(deploy(steps({ failBuild: true }), toml))).toMatch(/build failed; nothing was deployed[\s\S]*Unexpected token/);
    expect(await calls()).toEqual(["whoami --json"]);
  });

  test.each([
    ["secret list", /list the worker's secrets/, 2],
    ["queues info", /look up the queue "bascule-events"/, 3],
    ["queues create", /create the queue "bascule-events"/, 4],
    ["d1 list", /list your D1 databases/, 7],
    ["deploy", /wrangler deploy` failed/, 8],
  ])("%s fails: the run stops there and says so, and the next run completes", async (command, message, callsMade) => {
    env.STAND_IN_FAIL = command;
    expect(await failure(deploy(steps(), toml))).toMatch(message);
    expect(await calls()).toHaveLength(callsMade);
    expect((await account()).migrated).toEqual({});
    delete env.STAND_IN_FAIL;
    await deploy(steps(), toml);
    expect((await account()).migrated).toEqual({ bascule: 1 });
  });

  test("migrations that fail on an existing database stop the run before the new code is deployed", async () => {
    await deploy(steps(), toml);
    env.STAND_IN_FAIL = "d1 migrations apply";
    expect(await failure(deploy(steps(), toml))).toMatch(/migrations could not be applied[\s\S]*run `npm run deploy` again/);
    expect((await calls()).at(-1)).toBe("d1 migrations apply bascule --remote");
  });

  test("migrations that fail after the first deploy are applied by the next run, before it deploys", async () => {
    env.STAND_IN_FAIL = "d1 migrations apply";
    const message = await failure(deploy(steps(), toml));
    expect(message).toMatch(/migrations could not be applied/);
    // The token went live with the deploy: the owner must see it even though the run failed.
    expect(message).toContain((await account()).secrets.ADMIN_TOKEN);
    expect((await account()).databases).toEqual(["bascule"]);
    delete env.STAND_IN_FAIL;
    const outcome = await deploy(steps(), toml);
    expect((await calls()).slice(-2)).toEqual(["d1 migrations apply bascule --remote", "deploy"]);
    // The first run made the token and deployed it: the second has none to show.
    expect(outcome.adminToken).toBeUndefined();
  });

  test("from the command line, a failure exits 1 with the message", async () => {
    await setAccount({ loggedIn: false });
    const child = spawn(process.execPath, [join(root, "scripts/deploy.ts")], { cwd: root, env });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(code).toBe(1);
    expect(output).toMatch(/\[bascule\] You are not logged in to Cloudflare\. Run `npx wrangler login`/);
  });
});

describe("the real wrangler", () => {
  test("`wrangler deploy --dry-run` builds the worker from wrangler.toml as a deploy would", async () => {
    const outdir = join(dir, "dist");
    const child = spawn(join(root, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outdir], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(code, output).toBe(0);
    const size = /Total Upload: [\d.]+ KiB \/ gzip: [\d.]+ KiB/.exec(output)?.[0];
    expect(size, output).toBeDefined();
    // The worker's size, as a deploy would upload it (issue 12 aims at 100 KiB gzip; zod is most of it).
    console.log(`worker bundle (wrangler deploy --dry-run): ${size}`);
    expect(output).toMatch(/env\.DB \(bascule\)/);
    expect(await readFile(join(outdir, "index.js"), "utf8")).toContain("/api/v1/health");
  }, 60_000);
});
