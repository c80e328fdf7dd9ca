// npm run backup -- --url https://comments.example.org [--dir backups] [--no-sql]
//
// Everything needed to start again elsewhere, into backups/<date>/: each site's Bascule JSON
// export (GET /api/v1/admin/export, the admin token from BASCULE_ADMIN_TOKEN), and, with
// `wrangler d1 export --remote`, the whole remote database as SQL. docs/backup.md says how
// to restore either into a fresh deployment.
import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ClientError, downloadExport, siteKeys } from "./admin-client.ts";
import { databaseName, wranglerOnPath } from "./deploy.ts";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const USAGE =
  "Usage: npm run backup -- --url URL [--dir backups] [--no-sql]\nThe admin token comes from the BASCULE_ADMIN_TOKEN environment variable.";

function fail(message: string): never {
  process.stderr.write(`[bascule backup] ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    dir: { type: "string", default: "backups" },
    "no-sql": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (values.url === undefined) fail(`missing --url (the worker's address).\n${USAGE}`);
const token = process.env.BASCULE_ADMIN_TOKEN;
if (!token) fail("set BASCULE_ADMIN_TOKEN to the worker's admin token.");

const dir = resolve(values.dir, new Date().toISOString().slice(0, 10));
await mkdir(dir, { recursive: true });
try {
  const sites = await siteKeys(values.url, token);
  for (const site of sites) {
    const file = join(dir, `${site}.json`);
    const bytes = await downloadExport(values.url, token, site, "bascule", file);
    process.stderr.write(`[bascule backup] ${site}: ${file} (${(bytes / 1e6).toFixed(2)} MB)\n`);
  }
  if (sites.length === 0) process.stderr.write("[bascule backup] the worker has no sites yet.\n");
} catch (error) {
  fail(error instanceof ClientError ? error.message : String(error));
}

if (!values["no-sql"]) {
  const database = databaseName(await readFile(join(root, "wrangler.toml"), "utf8"));
  const file = join(dir, `${database}.sql`);
  const exported = await wranglerOnPath(process.env, true)(["d1", "export", database, "--remote", "--output", file]);
  if (exported.code !== 0)
    fail(`\`wrangler d1 export ${database} --remote\` failed (is \`npx wrangler login\` done?); the JSON exports above are complete.`);
  process.stderr.write(`[bascule backup] database: ${file}\n`);
}
