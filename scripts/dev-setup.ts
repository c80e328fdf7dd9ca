// What `npm run dev` does before `wrangler dev`: make local secrets on the first run,
// apply the D1 migrations to the local database, and create the demo site and its thread
// once (no migration creates the demo site: it must never reach production).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HASH_SALT_MIN } from "../worker/lib/config.ts";
import { demoSeedSql } from "./demo-seed.ts";

const DEV_VARS = ".dev.vars";
const DEV_MAIL_FROM = "bascule@localhost.test";

function readDevVars(): Map<string, string> {
  if (!existsSync(DEV_VARS)) return new Map();
  const pairs = readFileSync(DEV_VARS, "utf8")
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1).trim()] as const);
  return new Map(pairs);
}

function ensureDevVars(): Map<string, string> {
  const vars = readDevVars();
  // A salt shorter than HASH_SALT_MIN (a copied .dev.vars.example) makes the worker refuse writes.
  const usable = (name: string) => (vars.get(name) ?? "").length >= (name === "HASH_SALT" ? HASH_SALT_MIN : 1);
  const missing = ["ADMIN_TOKEN", "HASH_SALT"].filter((name) => !usable(name));
  for (const name of missing) vars.set(name, randomBytes(24).toString("base64url"));
  // A sender for the simulated EMAIL binding: under `wrangler dev` mail shows in the local
  // explorer (/cdn-cgi/local/explorer/api/local/email/sending), so the demo's mail can be read.
  if (!usable("MAIL_FROM")) {
    vars.set("MAIL_FROM", DEV_MAIL_FROM);
    missing.push("MAIL_FROM");
  }
  if (missing.length > 0) {
    writeFileSync(DEV_VARS, [...vars].map(([name, value]) => `${name}=${value}`).join("\n") + "\n", { mode: 0o600 });
    console.log(`[bascule] wrote ${missing.join(", ")} to ${DEV_VARS} (never commit it).`);
    if (missing.includes("ADMIN_TOKEN")) console.log(`[bascule] your local admin token: ${vars.get("ADMIN_TOKEN")}`);
  }
  return vars;
}

function wrangler(...args: string[]): void {
  execFileSync("npx", ["wrangler", ...args], { stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
}

const vars = ensureDevVars();
wrangler("d1", "migrations", "apply", "DB", "--local");
const seedFile = join(mkdtempSync(join(tmpdir(), "bascule-seed-")), "seed.sql");
writeFileSync(seedFile, await demoSeedSql(vars.get("HASH_SALT") ?? ""));
wrangler("d1", "execute", "DB", "--local", `--file=${seedFile}`);
