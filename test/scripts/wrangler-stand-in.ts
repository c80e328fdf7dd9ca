// A stand-in for `wrangler`, for testing scripts/deploy.ts without a Cloudflare account.
// It answers the commands the deploy uses as wrangler 4.16x does (exit codes, JSON shapes,
// the error for a Worker that doesn't exist yet), keeps the account it pretends to talk to
// in the JSON file $STAND_IN_STATE, and appends each call to $STAND_IN_CALLS, one JSON line
// each: its arguments, and the names and lengths of any secrets it was given (never values
// in the log; the test reads the values from the secrets file it saw, see `secrets`).
// $STAND_IN_FAIL names a command ("deploy", "d1 migrations apply", …) that fails with a network error.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";

export interface Account {
  loggedIn: boolean;
  worker: boolean;
  secrets: Record<string, string>;
  databases: string[];
  /** Migrations run against each database, by name. */
  migrated: Record<string, number>;
  queues: string[];
}

const statePath = process.env.STAND_IN_STATE ?? "";
const account = JSON.parse(readFileSync(statePath, "utf8")) as Account;
const args = process.argv.slice(2);
const command = ["whoami", "secret list", "d1 list", "d1 migrations apply", "d1 export", "queues info", "queues create", "deploy"].find(
  (name) => args.join(" ").startsWith(name),
);
const option = (name: string) => args[args.indexOf(name) + 1];

function answer(code: number, stdout: string, stderr = ""): never {
  writeFileSync(statePath, JSON.stringify(account));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exit(code);
}

const record: Record<string, unknown> = { args };
if (command === "deploy" && args.includes("--secrets-file")) {
  const given = JSON.parse(readFileSync(option("--secrets-file") ?? "", "utf8")) as Record<string, string>;
  record.secrets = Object.fromEntries(Object.entries(given).map(([name, value]) => [name, value.length]));
  Object.assign(account.secrets, given);
}
appendFileSync(process.env.STAND_IN_CALLS ?? "", `${JSON.stringify(record)}\n`);

const banner = "\n ⛅️ wrangler 4.164.0\n───────────────────\n";
if (process.env.STAND_IN_FAIL === command) {
  answer(1, banner, "✘ [ERROR] A request to the Cloudflare API failed: fetch failed\n");
}
if (command !== "whoami" && !account.loggedIn) {
  answer(1, banner, "✘ [ERROR] You are not authenticated. Please run `wrangler login`.\n");
}

// `d1 migrations apply NAME`, `d1 export NAME`, `queues info NAME`: the name is the first word after the command.
const nameArg = args[command?.split(" ").length ?? 0] ?? "";
const configuredDatabase = /database_name\s*=\s*"([^"]+)"/.exec(readFileSync("wrangler.toml", "utf8"))?.[1] ?? "";
switch (command) {
  case "whoami":
    answer(
      account.loggedIn ? 0 : 1,
      JSON.stringify(account.loggedIn ? { loggedIn: true, authType: "OAuth Token", email: "owner@example.org" } : { loggedIn: false }),
    );
    break;
  case "secret list":
    if (!account.worker) answer(1, banner, "✘ [ERROR] This Worker does not exist on your account. [code: 10007]\n");
    answer(0, JSON.stringify(Object.keys(account.secrets).map((name) => ({ name, type: "secret_text" }))));
    break;
  case "d1 list":
    answer(
      0,
      JSON.stringify(
        account.databases.map((name, index) => ({ uuid: `00000000-0000-4000-8000-00000000000${index}`, name, version: "production" })),
      ),
    );
    break;
  case "d1 migrations apply":
    if (!account.databases.includes(nameArg)) {
      answer(1, banner, `✘ [ERROR] Couldn't find a D1 DB with the name or binding '${nameArg}' in your wrangler.toml file.\n`);
    }
    account.migrated[nameArg] = (account.migrated[nameArg] ?? 0) + 1;
    answer(0, `${banner}Migrations to be applied:\n✅ Applied\n`);
    break;
  case "d1 export":
    if (!account.databases.includes(nameArg)) answer(1, banner, `✘ [ERROR] Couldn't find a D1 DB with the name or binding '${nameArg}'.\n`);
    writeFileSync(option("--output") ?? "", `-- stand-in dump of ${nameArg}\n`);
    answer(0, `${banner}🌀 Downloading SQL to ${option("--output")}\n`);
    break;
  case "queues info":
    if (!account.queues.includes(nameArg)) answer(1, banner, `✘ [ERROR] Queue "${nameArg}" does not exist.\n`);
    answer(0, `${banner}Queue Name: ${nameArg}\nQueue ID: 0f0e\n`);
    break;
  case "queues create":
    account.queues.push(nameArg);
    answer(0, `${banner}🌀 Creating queue '${nameArg}'\n✅ Created queue '${nameArg}'.\n`);
    break;
  case "deploy":
    // A consumer of a queue that doesn't exist is refused, as wrangler does.
    for (const queue of [...readFileSync("wrangler.toml", "utf8").matchAll(/^queue\s*=\s*"([^"]+)"/gm)].map((match) => match[1] ?? "")) {
      if (!account.queues.includes(queue))
        answer(1, banner, `✘ [ERROR] Queue "${queue}" does not exist. To create it, run: wrangler queues create ${queue}\n`);
    }
    // Provisions the binding's database under `database_name`, as wrangler does on a deploy.
    account.worker = true;
    if (!account.databases.includes(configuredDatabase)) account.databases.push(configuredDatabase);
    answer(
      0,
      `${banner}Uploaded bascule (3.21 sec)\nDeployed bascule triggers (0.74 sec)\n  https://bascule.owner.workers.dev\nCurrent Version ID: 5f0c2c1e\n`,
    );
    break;
  default:
    answer(1, banner, `✘ [ERROR] Unknown arguments: ${args.join(" ")}\n`);
}
