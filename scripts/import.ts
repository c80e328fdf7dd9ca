// npm run import -- --url http://localhost:8787 --site blog --format wxr path/to/export.xml
//
// Sends an export file (WordPress WXR, Disqus XML, Isso JSON or a Bascule export) to a
// running worker's POST /api/v1/admin/import, with the admin token from the
// BASCULE_ADMIN_TOKEN environment variable, and prints the import's answer.
//
// The whole file is first read here with the worker's own parser, so a malformed file is
// refused with its real line numbers before anything is sent. A big file is then cut into
// requests of whole threads (--chunk-mb, 4 MB by default): each request stays well inside
// the Workers limits, a progress bar shows how far it got, and a run that stopped half-way
// can simply be started again (imports skip what is already there).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseImport } from "../worker/lib/import/index.ts";
import { IMPORT_FORMATS, type ImportFormat, type ImportProblem } from "../worker/lib/import/model.ts";
import { splitExport } from "../worker/lib/import/split.ts";

interface Answer {
  threads: number;
  comments: number;
  skipped: number;
  existing: number;
  problems: ImportProblem[];
}

const USAGE = `Usage: npm run import -- --url URL --site SITE --format ${IMPORT_FORMATS.join("|")} [--chunk-mb 4] [--settings keep|replace] FILE
The admin token comes from the BASCULE_ADMIN_TOKEN environment variable.`;

function fail(message: string): never {
  process.stderr.write(`[bascule import] ${message}\n`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string", default: "http://localhost:8787" },
    site: { type: "string" },
    format: { type: "string" },
    "chunk-mb": { type: "string", default: "4" },
    settings: { type: "string", default: "keep" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const [path] = positionals;
const format = values.format as ImportFormat | undefined;
if (path === undefined || values.site === undefined || format === undefined) fail(`missing arguments.\n${USAGE}`);
if (!IMPORT_FORMATS.includes(format)) fail(`--format must be one of ${IMPORT_FORMATS.join(", ")}.`);
const token = process.env.BASCULE_ADMIN_TOKEN;
if (!token) fail("set BASCULE_ADMIN_TOKEN to the worker's admin token.");
const chunkChars = Math.max(0.1, Number(values["chunk-mb"]) || 4) * 1024 * 1024;

let text: string;
try {
  text = readFileSync(path, "utf8");
} catch (error) {
  fail(`can't read ${path}: ${(error as Error).message}`);
}

try {
  const file = parseImport(format, text);
  const comments = file.threads.reduce((total, thread) => total + thread.comments.length, 0);
  process.stderr.write(`[bascule import] ${path}: ${file.threads.length} threads, ${comments} comments to send.\n`);
} catch (error) {
  fail(`${path} can't be imported: ${(error as Error).message}`);
}

const chunks = splitExport(format, text, chunkChars);
const total: Answer = { threads: 0, comments: 0, skipped: 0, existing: 0, problems: [] };
const totalBytes = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
let sentBytes = 0;
const started = Date.now();

function progress(done: number): void {
  if (chunks.length === 1 && done === 0) return;
  const width = 30;
  const filled = Math.round((sentBytes / totalBytes) * width);
  const bar = "█".repeat(filled) + "░".repeat(width - filled);
  const line = `[${bar}] ${Math.round((sentBytes / totalBytes) * 100)}%  ${done}/${chunks.length} requests  ${(sentBytes / 1e6).toFixed(1)}/${(totalBytes / 1e6).toFixed(1)} MB  ${total.comments} new comments  ${((Date.now() - started) / 1000).toFixed(1)} s`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}

const endpoint = new URL("/api/v1/admin/import", values.url);
endpoint.searchParams.set("site", values.site);
endpoint.searchParams.set("format", format);
endpoint.searchParams.set("settings", values.settings);
progress(0);
for (const [index, chunk] of chunks.entries()) {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": format === "wxr" || format === "disqus" ? "application/xml" : "application/json",
      },
      body: chunk,
    });
  } catch (error) {
    fail(`\ncan't reach ${endpoint.origin}: ${(error as Error).message}`);
  }
  const body = await response.text();
  if (response.status !== 200) {
    const done =
      index === 0
        ? ""
        : ` Requests 1 to ${index} of ${chunks.length} were imported; run the same command again to finish (what is there is skipped).`;
    fail(`\nthe worker answered ${response.status}: ${body}${done}`);
  }
  const answer = JSON.parse(body) as Answer;
  total.threads += answer.threads;
  total.comments += answer.comments;
  total.skipped += answer.skipped;
  total.existing += answer.existing;
  total.problems.push(...answer.problems);
  sentBytes += Buffer.byteLength(chunk);
  progress(index + 1);
}
if (chunks.length > 1) process.stderr.write("\n");
process.stdout.write(`${JSON.stringify(total, null, 2)}\n`);
