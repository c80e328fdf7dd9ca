// D1's own count of the rows each read route reads (`meta.rows_read`), next to the rows
// it returns. The worker doesn't expose meta, so the benchmark runs the worker's exact
// statements itself: the db modules (worker/db/*.ts, loaded by worker-db.ts) build them
// against a real local D1 on the seeded state, reached through wrangler's getPlatformProxy
// (the same miniflare and workerd as `wrangler dev`). `wrangler d1 execute --local --json`
// would be simpler, but it keeps only meta.duration. Statements go to D1 as the routes
// send them: same SQL, same bindings, the thread's three in one batch.
//
// It runs in a child process (inspectDatabase): miniflare, loaded in-process by
// getPlatformProxy, handles SIGINT with its own process.exit(). Run it only while no
// `wrangler dev` has the same --persist-to directory open.

import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getPlatformProxy } from "wrangler";
import { nodeScript } from "./processes.ts";
import { workerDb } from "./worker-db.ts";

export interface StatementCost {
  statement: string;
  rowsRead: number;
  rowsReturned: number;
}

export interface RouteCost {
  route: string;
  statements: StatementCost[];
  rowsRead: number;
  rowsReturned: number;
}

/** Runs the statements as one batch, as the route does, and keeps each one's meta. */
async function batchCost(db: D1Database, route: string, statements: D1PreparedStatement[], names: string[]): Promise<RouteCost> {
  const results = await db.batch(statements);
  return total(
    route,
    results.map((result, index) => ({
      statement: names[index] ?? `statement ${index}`,
      rowsRead: result.meta.rows_read,
      rowsReturned: result.results.length,
    })),
  );
}

function total(route: string, statements: StatementCost[]): RouteCost {
  return {
    route,
    statements,
    rowsRead: statements.reduce((n, s) => n + s.rowsRead, 0),
    rowsReturned: statements.reduce((n, s) => n + s.rowsReturned, 0),
  };
}

export interface RowsReadQuery {
  site: string;
  threads: Array<{ label: string; page: string; limit: number }>;
  counts?: { label: string; pages: string[] };
}

/** The local D1 of a `--persist-to` directory, as a real binding (close it before `wrangler dev` opens the same one). */
export async function openDatabase(
  project: string,
  persistTo: string,
  envFile: string,
): Promise<{ db: D1Database; close(): Promise<void> }> {
  // No download of the Request.cf object (miniflare would fetch it from Cloudflare).
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: path.join(project, "wrangler.toml"),
    persist: { path: path.join(persistTo, "v3") },
    envFiles: [envFile],
    remoteBindings: false,
  });
  return { db: proxy.env.DB, close: () => proxy.dispose() };
}

export async function measureRowsRead(project: string, db: D1Database, query: RowsReadQuery): Promise<RouteCost[]> {
  const { selectSite, selectThread, selectThreadPage, selectCounts } = await workerDb(project);
  const costs: RouteCost[] = [];
  for (const thread of query.threads) {
    // As GET /api/v1/threads sends them: one batch of three (worker/routes/threads.ts).
    const statements = [
      selectSite(db, query.site),
      selectThread(db, query.site, thread.page),
      selectThreadPage(db, { site: query.site, page: thread.page, sort: "oldest", limit: thread.limit, cursor: null, ownTokenHashes: [] }),
    ];
    costs.push(
      await batchCost(db, thread.label, statements, ["site (selectSite)", "thread (selectThread)", "comments page (selectThreadPage)"]),
    );
  }
  if (query.counts) {
    // As GET /api/v1/counts sends them (worker/routes/counts.ts): one batch of two.
    const statements = [selectSite(db, query.site), selectCounts(db, query.site, [...new Set(query.counts.pages)])];
    costs.push(await batchCost(db, query.counts.label, statements, ["site (selectSite)", "counts (selectCounts)"]));
  }
  return costs;
}

export interface SeededFacts {
  threads: number;
  comments: number;
  approved: number;
  countSum: number;
  /** Threads whose comment_count differs from their approved comments. */
  wrongCounts: number;
  /** Replies whose root_id, depth or path doesn't follow from their parent's. */
  badPlacement: number;
}

/** What the seeding produced, checked the way the worker would see it. */
export async function checkSeeded(db: D1Database): Promise<SeededFacts> {
  const row = await db
    .prepare(
      `SELECT (SELECT count(*) FROM threads) AS threads, (SELECT count(*) FROM comments) AS comments,
              (SELECT count(*) FROM comments WHERE status = 'approved') AS approved,
              (SELECT sum(comment_count) FROM threads) AS countSum,
              -- "+c.status": without it SQLite counts each thread through comments_status, which
              -- reads every approved comment of the database once per thread.
              (SELECT count(*) FROM threads t WHERE t.comment_count !=
                 (SELECT count(*) FROM comments c WHERE c.thread_id = t.id AND +c.status = 'approved')) AS wrongCounts,
              (SELECT count(*) FROM comments c JOIN comments p ON p.id = c.parent_id
                 WHERE c.root_id != p.root_id OR c.depth != p.depth + 1 OR c.thread_id != p.thread_id
                    OR substr(c.path, 1, length(p.path) + 1) != p.path || '/')
             + (SELECT count(*) FROM comments WHERE parent_id IS NULL AND (root_id != id OR depth != 0 OR instr(path, '/') > 0))
             AS badPlacement`,
    )
    .first<SeededFacts>();
  if (row === null) throw new Error("the seeded database answered nothing");
  return row;
}

// ---------------------------------------------------------------------------------------------
// In a child process

interface Job {
  project: string;
  persistTo: string;
  envFile: string;
  query: RowsReadQuery;
  out: string;
}

export interface Inspection {
  facts: SeededFacts;
  costs: RouteCost[];
}

/** checkSeeded and measureRowsRead on one database, in a child process that is stopped like every other. */
export async function inspectDatabase(job: Omit<Job, "out">, workDir: string, label: string): Promise<Inspection> {
  const out = path.join(workDir, `rows-read-${label}.json`);
  await nodeScript(fileURLToPath(import.meta.url), [JSON.stringify({ ...job, out })], job.project, 180_000);
  return JSON.parse(await readFile(out, "utf8")) as Inspection;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const job = JSON.parse(process.argv[2] ?? "{}") as Job;
  const { db, close } = await openDatabase(job.project, job.persistTo, job.envFile);
  try {
    const result: Inspection = { facts: await checkSeeded(db), costs: await measureRowsRead(job.project, db, job.query) };
    // A file, not stdout: wrangler's logger prints to stdout too.
    await writeFile(job.out, JSON.stringify(result));
  } finally {
    await close();
  }
}
