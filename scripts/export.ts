// npm run export -- --url http://localhost:8787 --site blog --format bascule [--out FILE]
//
// Downloads everything of a site from a running worker's GET /api/v1/admin/export, as
// Bascule's own JSON (docs/export-format.md) or as a WordPress WXR file, with the admin
// token from the BASCULE_ADMIN_TOKEN environment variable. Writes FILE (by default
// bascule-SITE-DATE.json or .xml; "-" for standard output) and shows the bytes received.
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";

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

const endpoint = new URL("/api/v1/admin/export", values.url);
endpoint.searchParams.set("site", values.site);
endpoint.searchParams.set("format", values.format);
let response: Response;
try {
  response = await fetch(endpoint, { headers: { authorization: `Bearer ${token}` } });
} catch (error) {
  fail(`can't reach ${endpoint.origin}: ${(error as Error).message}`);
}
if (response.status !== 200 || response.body === null) fail(`the worker answered ${response.status}: ${await response.text()}`);

const out = values.out ?? `bascule-${values.site}-${new Date().toISOString().slice(0, 10)}.${values.format === "wxr" ? "xml" : "json"}`;
const sink = out === "-" ? process.stdout : createWriteStream(out);
let received = 0;
const started = Date.now();
for await (const chunk of response.body) {
  received += chunk.byteLength;
  if (!sink.write(chunk)) await new Promise((resolve) => sink.once("drain", resolve));
  if (out !== "-" && process.stderr.isTTY) process.stderr.write(`\r[bascule export] ${(received / 1e6).toFixed(1)} MB received`);
}
if (out !== "-") {
  await new Promise<void>((resolve, reject) =>
    (sink as ReturnType<typeof createWriteStream>).end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  process.stderr.write(
    `${process.stderr.isTTY ? "\r" : ""}[bascule export] wrote ${out}: ${(received / 1e6).toFixed(2)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
