// npm run export -- --url http://localhost:8787 --site blog --format bascule [--out FILE]
//
// Downloads everything of a site from a running worker's GET /api/v1/admin/export, as
// Bascule's own JSON (docs/export-format.md) or as a WordPress WXR file, with the admin
// token from the BASCULE_ADMIN_TOKEN environment variable. Writes FILE (by default
// bascule-SITE-DATE.json or .xml; "-" for standard output) and shows the bytes received.
import { parseArgs } from "node:util";
import { ClientError, downloadExport } from "./admin-client.ts";

const USAGE =
  "Usage: npm run export -- --url URL --site SITE [--format bascule|wxr] [--out FILE|-]\nThe admin token comes from the BASCULE_ADMIN_TOKEN environment variable.";

function fail(message: string): never {
  process.stderr.write(`[bascule export] ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:8787" },
    site: { type: "string" },
    format: { type: "string", default: "bascule" },
    out: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (values.site === undefined) fail(`missing --site.\n${USAGE}`);
if (values.format !== "bascule" && values.format !== "wxr") fail("--format must be bascule or wxr.");
const token = process.env.BASCULE_ADMIN_TOKEN;
if (!token) fail("set BASCULE_ADMIN_TOKEN to the worker's admin token.");

const out = values.out ?? `bascule-${values.site}-${new Date().toISOString().slice(0, 10)}.${values.format === "wxr" ? "xml" : "json"}`;
const started = Date.now();
const showProgress = (received: number) => {
  if (out !== "-" && process.stderr.isTTY) process.stderr.write(`\r[bascule export] ${(received / 1e6).toFixed(1)} MB received`);
};
let received: number;
try {
  received = await downloadExport(values.url, token, values.site, values.format, out, showProgress);
} catch (error) {
  fail(error instanceof ClientError ? error.message : String(error));
}
if (out !== "-") {
  process.stderr.write(
    `${process.stderr.isTTY ? "\r" : ""}[bascule export] wrote ${out}: ${(received / 1e6).toFixed(2)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
