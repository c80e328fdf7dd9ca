// `npm run deploy`: everything a deployment needs, the first time and every time after.
// After `npx wrangler login`, one command: build, secrets made if missing, the queues that
// carry notifications created if missing (a deploy refuses a consumer of a queue that doesn't exist), the D1 database
// created by the first `wrangler deploy` (a binding without `database_id`: wrangler provisions
// it under `database_name` and keeps it linked), the remote migrations, the deploy. Safe to run
// again: a re-run applies new migrations and deploys the new code. Every step that fails stops
// the run and says what to do.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(import.meta.url), "../..");

/** The secrets a deployment can't run without; made here (long and random) if missing, never replaced. */
export const REQUIRED_SECRETS = ["ADMIN_TOKEN", "HASH_SALT"] as const;

export interface Outcome {
  code: number;
  output: string;
}

export interface DeploySteps {
  /** Runs `wrangler <args>` and gives back its exit code and its output (stdout then stderr). */
  wrangler(args: string[]): Promise<Outcome>;
  /** Builds the widget and the admin page into public/. */
  build(): Promise<void>;
  log(line: string): void;
}

/** A step that failed: what went wrong, and what the owner should do about it. */
export class DeployError extends Error {}

/** `database_name` of the `DB` binding in wrangler.toml: the name the first deploy creates. */
export function databaseName(toml: string): string {
  const block = /\[\[d1_databases\]\][^[]*/.exec(toml)?.[0] ?? "";
  const name = /^\s*database_name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
  if (!name) throw new DeployError('wrangler.toml has no [[d1_databases]] database_name: put `database_name = "bascule"` back.');
  return name;
}

/** Every queue wrangler.toml names (producers, consumers, dead-letter queues), each once. */
export function queueNames(toml: string): string[] {
  const names = [...toml.matchAll(/^\s*(?:queue|dead_letter_queue)\s*=\s*"([^"]+)"/gm)].map((match) => match[1] ?? "");
  return [...new Set(names)];
}

function step(outcome: Outcome, failed: string): Outcome {
  if (outcome.code !== 0) throw new DeployError(`${failed}\n\n${outcome.output.trim().split("\n").slice(-15).join("\n")}`);
  return outcome;
}

/** JSON that wrangler printed, after any banner it may print first. */
function jsonOf<T>(output: string): T | undefined {
  const start = output.search(/^[[{]/m);
  try {
    return start === -1 ? undefined : (JSON.parse(output.slice(start)) as T);
  } catch {
    return undefined;
  }
}

/** The secrets the worker has; none when it doesn't exist yet (the first deploy). */
async function existingSecrets(steps: DeploySteps): Promise<Set<string>> {
  const listed = await steps.wrangler(["secret", "list", "--format", "json"]);
  if (listed.code !== 0) {
    // Cloudflare's "workers.api.error.script_not_found".
    if (/10007|not found|does not exist/i.test(listed.output)) return new Set();
    step(listed, "Could not list the worker's secrets (`wrangler secret list`). Check your connection and `npx wrangler whoami`.");
  }
  const secrets = jsonOf<Array<{ name: string }>>(listed.output);
  if (!secrets) throw new DeployError(`\`wrangler secret list\` answered something unexpected:\n${listed.output.trim()}`);
  return new Set(secrets.map((secret) => secret.name));
}

async function databaseExists(steps: DeploySteps, name: string): Promise<boolean> {
  const listed = step(await steps.wrangler(["d1", "list", "--json"]), "Could not list your D1 databases (`wrangler d1 list`).");
  const databases = jsonOf<Array<{ name: string }>>(listed.output);
  if (!databases) throw new DeployError(`\`wrangler d1 list --json\` answered something unexpected:\n${listed.output.trim()}`);
  return databases.some((database) => database.name === name);
}

/** Creates the queues that don't exist yet; an existing one is left as it is. */
async function ensureQueues(steps: DeploySteps, names: string[]): Promise<void> {
  for (const name of names) {
    const info = await steps.wrangler(["queues", "info", name]);
    if (info.code === 0) continue;
    if (!/does not exist/i.test(info.output)) step(info, `Could not look up the queue "${name}" (\`wrangler queues info\`).`);
    steps.log(`Creating the queue "${name}"…`);
    step(
      await steps.wrangler(["queues", "create", name]),
      `Could not create the queue "${name}". Queues need a Workers Paid plan or the free plan's queue allowance; fix what wrangler says above and run \`npm run deploy\` again.`,
    );
  }
}

async function migrate(steps: DeploySteps, name: string): Promise<void> {
  step(
    await steps.wrangler(["d1", "migrations", "apply", name, "--remote"]),
    `The migrations could not be applied to the remote database "${name}". Nothing else was changed by this step; fix what wrangler says above and run \`npm run deploy\` again.`,
  );
}

/** Runs every step; gives back what the owner needs to know. Throws a DeployError at the first failure. */
export async function deploy(steps: DeploySteps, toml: string): Promise<{ url?: string; adminToken?: string }> {
  const login = await steps.wrangler(["whoami", "--json"]);
  if (!jsonOf<{ loggedIn?: boolean }>(login.output)?.loggedIn) {
    throw new DeployError("You are not logged in to Cloudflare. Run `npx wrangler login`, then `npm run deploy` again.");
  }
  const database = databaseName(toml);

  steps.log("Building the widget and the admin page…");
  try {
    await steps.build();
  } catch (error) {
    throw new DeployError(`The build failed; nothing was deployed.\n\n${error instanceof Error ? error.message : String(error)}`);
  }

  const secrets = await existingSecrets(steps);
  await ensureQueues(steps, queueNames(toml));
  const made = Object.fromEntries(
    REQUIRED_SECRETS.filter((name) => !secrets.has(name)).map((name) => [name, randomBytes(32).toString("base64url")]),
  );

  // An existing database is migrated before the new code runs on it; a new one only exists
  // once the deploy has created it, and is migrated right after.
  const existed = await databaseExists(steps, database);
  if (existed) {
    steps.log(`Applying new migrations to "${database}"…`);
    await migrate(steps, database);
  }

  const dir = await mkdtemp(join(tmpdir(), "bascule-deploy-"));
  const secretsFile = join(dir, "secrets.json");
  let deployed: Outcome;
  try {
    const args = ["deploy"];
    if (Object.keys(made).length > 0) {
      await writeFile(secretsFile, JSON.stringify(made), { mode: 0o600 });
      args.push("--secrets-file", secretsFile);
      steps.log(`Deploying, with new secrets ${Object.keys(made).join(" and ")}…`);
    } else steps.log("Deploying…");
    deployed = step(await steps.wrangler(args), "`wrangler deploy` failed. Fix what it says above and run `npm run deploy` again.");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  if (!existed) {
    steps.log(`Applying the migrations to the new database "${database}"…`);
    try {
      await migrate(steps, database);
    } catch (error) {
      // The new token is live now: this is the one chance to show it.
      if (!(error instanceof DeployError) || !made.ADMIN_TOKEN) throw error;
      throw new DeployError(`${error.message}\n\nThe worker is deployed, with a new admin token (shown this once): ${made.ADMIN_TOKEN}`);
    }
  }
  return { url: /https:\/\/\S+\.workers\.dev/.exec(deployed.output)?.[0], adminToken: made.ADMIN_TOKEN };
}

/**
 * Runs `wrangler` from `env.PATH`: under `npm run deploy`, the project's own (npm puts
 * node_modules/.bin first). `echo` copies its output to the terminal as it comes.
 */
export function wranglerOnPath(env: NodeJS.ProcessEnv, echo: boolean): DeploySteps["wrangler"] {
  return (args) =>
    new Promise((done) => {
      const child = spawn("wrangler", args, {
        cwd: root,
        env: { ...env, WRANGLER_SEND_METRICS: "false" },
        stdio: ["inherit", "pipe", "pipe"],
      });
      let output = "";
      const take = (chunk: Buffer) => {
        output += chunk;
        if (echo) process.stderr.write(chunk);
      };
      child.stdout.on("data", take);
      child.stderr.on("data", take);
      child.on("error", (error) => done({ code: 127, output: `${output}${error.message}` }));
      child.on("close", (code) => done({ code: code ?? 1, output }));
    });
}

async function buildAll(): Promise<void> {
  for (const script of ["scripts/build-widget.ts", "scripts/build-admin.ts"]) {
    const outcome = await new Promise<number | null>((done) => {
      spawn(process.execPath, [script], { cwd: root, stdio: "inherit" }).on("close", done);
    });
    if (outcome !== 0) throw new Error(`node ${script} exited with ${String(outcome)}`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const toml = await readFile(join(root, "wrangler.toml"), "utf8");
    const { url, adminToken } = await deploy(
      { wrangler: wranglerOnPath(process.env, true), build: buildAll, log: (line) => console.log(`[bascule] ${line}`) },
      toml,
    );
    console.log("\n[bascule] Deployed.");
    console.log(
      url ? `  Worker:  ${url}\n  Admin:   ${url}/admin` : "  Your worker's address is on the Cloudflare dashboard (Workers & Pages).",
    );
    if (adminToken) {
      console.log(`  Admin token (shown this once; keep it in your password manager):\n    ${adminToken}`);
    } else {
      console.log("  Admin token: the one printed by your first deploy. Lost it? `npx wrangler secret put ADMIN_TOKEN` sets a new one.");
    }
  } catch (error) {
    console.error(`\n[bascule] ${error instanceof DeployError ? error.message : String(error)}`);
    process.exit(1);
  }
}
