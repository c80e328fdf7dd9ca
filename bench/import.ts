// node bench/import.ts: how long importing a big WordPress export takes through `wrangler dev`
// (issue 6: "a generated WXR of 20,000 comments over 500 posts imports … within the Workers
// limits"). It prints times; it never passes or fails on them.
//
//   1. generates the WXR (bench/wxr-generator.ts; BENCH_COMMENTS and BENCH_POSTS change its size);
//   2. starts `wrangler dev` on a copy of the project with fresh local D1 state;
//   3. imports it as one request, then with the command line (scripts/import.ts), which cuts it
//      into requests of whole threads, then again with the command line (all skipped);
//   4. exports the site back (Bascule JSON and WXR, and with scripts/export.ts) and checks the
//      counts against the generator's.
//
// BENCH_KEEP=1 keeps the temp dirs.

import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { snapshotProject, startDevServer, stopAll, wrangler, writeEnvFile } from "./processes.ts";
import { generateWxr } from "./wxr-generator.ts";

const COMMENTS = Number(process.env.BENCH_COMMENTS) || 20_000;
const POSTS = Number(process.env.BENCH_POSTS) || 500;
const TOKEN = "bench-admin-token"; // writeEnvFile's
const repoRoot = fileURLToPath(new URL("../", import.meta.url));

const log = (message: string) => process.stderr.write(`[bench import] ${message}\n`);
const seconds = (since: number) => (performance.now() - since) / 1000;

interface Answer {
  threads: number;
  comments: number;
  skipped: number;
  existing: number;
  problems: unknown[];
}

const temps: string[] = [];
async function cleanup(): Promise<void> {
  await stopAll();
  if (process.env.BENCH_KEEP === "1") log(`kept ${temps.join(", ")}`);
  else await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

/** A command-line script, as an owner would run it; resolves with what it printed. */
function runScript(args: string[]): Promise<{ out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, BASCULE_ADMIN_TOKEN: TOKEN },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => (err += String(chunk)));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve({ out, err }) : reject(new Error(`${args.join(" ")} exited ${String(code)}:\n${err}`)),
    );
  });
}

async function runImportCli(url: string, site: string, file: string): Promise<{ answer: Answer; seconds: number; requests: number }> {
  const started = performance.now();
  const { out, err } = await runScript(["scripts/import.ts", "--url", url, "--site", site, "--format", "wxr", file]);
  const requests = Number(/(\d+)\/\d+ requests/.exec(err.trim().split("\n").at(-1) ?? "")?.[1] ?? 1);
  return { answer: JSON.parse(out) as Answer, seconds: seconds(started), requests };
}

try {
  const root = await mkdtemp(path.join(tmpdir(), "bascule-import-bench-"));
  temps.push(root);

  let started = performance.now();
  const { xml, counts } = generateWxr({ posts: POSTS, comments: COMMENTS });
  const file = path.join(root, "generated.xml");
  await writeFile(file, xml);
  log(
    `generated ${file}: ${(Buffer.byteLength(xml) / 1e6).toFixed(1)} MB, ${counts.comments} comments (+${counts.pings} pings) over ${counts.posts} posts, ${seconds(started).toFixed(1)} s`,
  );

  // A copy of the project, so edits elsewhere in the tree don't reload the worker mid-run. Its
  // entry mounts the transfer routes if worker/index.ts doesn't yet.
  const project = await snapshotProject(path.join(root, "project"));
  await writeFile(
    path.join(project, "worker", "bench-entry.ts"),
    `import app from "./index.ts";\nimport { transfer } from "./routes/admin/transfer.ts";\n` +
      `if (!app.routes.some((route) => route.path === "/api/v1/admin/import")) app.route("/api/v1", transfer);\nexport default app;\n`,
  );
  const toml = await readFile(path.join(project, "wrangler.toml"), "utf8");
  await writeFile(path.join(project, "wrangler.toml"), toml.replace(/^main = .*$/m, 'main = "worker/bench-entry.ts"'));
  const state = path.join(root, "state");
  await wrangler(project, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], 120_000);
  const now = new Date().toISOString();
  const sites = ["bench-single", "bench-cli"];
  await wrangler(project, [
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    state,
    "--command",
    `INSERT INTO sites (key, origins, settings, created_at) VALUES ${sites.map((site) => `('${site}', '["https://blog.example"]', '{}', '${now}')`).join(", ")}`,
  ]);
  const server = await startDevServer(project, state, await writeEnvFile(root), { label: "import bench", timeoutMs: 120_000 });
  log(`wrangler dev on ${server.url}`);

  const rows: [string, string, string][] = [];
  const check = (answer: Answer, what: string) => {
    const ok = answer.comments === counts.comments && answer.threads === counts.postsWithComments && answer.skipped === counts.pings;
    if (!ok)
      log(
        `WARNING ${what}: expected ${counts.comments} comments in ${counts.postsWithComments} threads, ${counts.pings} skipped; got ${JSON.stringify({ ...answer, problems: answer.problems.length })}`,
      );
    return ok ? "counts match the generator" : "COUNTS DIFFER";
  };

  started = performance.now();
  const single = await fetch(`${server.url}/api/v1/admin/import?site=bench-single&format=wxr`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/xml" },
    body: xml,
  });
  const singleSeconds = seconds(started);
  if (single.status !== 200)
    throw new Error(`one-request import answered ${single.status}: ${await single.text()}\n${server.output().slice(-2000)}`);
  rows.push(["one request (whole file)", `${singleSeconds.toFixed(1)} s`, check((await single.json()) as Answer, "one request")]);

  const cli = await runImportCli(server.url, "bench-cli", file);
  rows.push([`command line (${cli.requests} requests)`, `${cli.seconds.toFixed(1)} s`, check(cli.answer, "command line")]);

  const again = await runImportCli(server.url, "bench-cli", file);
  rows.push([
    `command line again (${again.requests} requests)`,
    `${again.seconds.toFixed(1)} s`,
    again.answer.comments === 0 && again.answer.existing === counts.comments
      ? "nothing new, all existing"
      : `UNEXPECTED ${JSON.stringify({ ...again.answer, problems: again.answer.problems.length })}`,
  ]);

  for (const format of ["bascule", "wxr"] as const) {
    started = performance.now();
    const res = await fetch(`${server.url}/api/v1/admin/export?site=bench-single&format=${format}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const body = await res.text();
    const time = seconds(started);
    const exported =
      format === "bascule"
        ? (JSON.parse(body) as { threads: { comments: unknown[] }[] }).threads.flatMap((thread) => thread.comments).length
        : (body.match(/<wp:comment>/g) ?? []).length;
    rows.push([
      `export ${format}`,
      `${time.toFixed(1)} s`,
      `${res.status}, ${(body.length / 1e6).toFixed(1)} MB, ${exported} comments${exported === counts.comments ? "" : " (DIFFERS)"}`,
    ]);
  }
  started = performance.now();
  const out = path.join(root, "export.json");
  await runScript(["scripts/export.ts", "--url", server.url, "--site", "bench-cli", "--format", "bascule", "--out", out]);
  const time = seconds(started);
  const fromCli = (JSON.parse(await readFile(out, "utf8")) as { threads: { comments: unknown[] }[] }).threads.flatMap(
    (thread) => thread.comments,
  ).length;
  rows.push([
    "export bascule, command line",
    `${time.toFixed(1)} s`,
    `${fromCli} comments${fromCli === counts.comments ? "" : " (DIFFERS)"}`,
  ]);
  if (server.reloads() > 0) log(`WARNING: wrangler reloaded the worker ${server.reloads()} times during the run`);

  const width = Math.max(...rows.map(([what]) => what.length));
  process.stdout.write(
    `\nImport through wrangler dev: ${counts.comments} comments (+${counts.pings} pings) over ${counts.posts} posts, ${(Buffer.byteLength(xml) / 1e6).toFixed(1)} MB of WXR\n\n` +
      rows.map(([what, time, note]) => `${what.padEnd(width)}  ${time.padStart(7)}  ${note}`).join("\n") +
      "\n",
  );
} finally {
  await cleanup();
}
