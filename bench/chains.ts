// Bytes stored per comment in a reply chain 10, 100 and 1,000 deep (issue 10, item 1), in a
// real local D1 (wrangler's getPlatformProxy: the same miniflare and workerd as `wrangler
// dev`), with the real migrations. The chains of each depth (3,000 comments in all) go into a
// fresh database of their own; the figure is D1's own `size_after` growth divided by the
// comments inserted, so it counts the row, the path and every index entry. The same
// chain with the paths of before migrations/0007 (each repeating its parent's) is shown
// beside it. Run: `node bench/chains.ts`. Prints figures; passes or fails nothing.

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getPlatformProxy } from "wrangler";
import { childPath, pathSegment } from "../worker/lib/thread-order.ts";

const DEPTHS = [10, 100, 1000];
const migrations = new URL("../migrations/", import.meta.url);

/** Path of one more level, as the routes wrote it before migrations/0007. */
const unboundedPath = (parent: string | null, createdAt: string, id: string) =>
  parent === null ? pathSegment(createdAt, id) : `${parent}/${pathSegment(createdAt, id)}`;

/** A new local D1 in a directory of its own, migrated; `close` removes it. */
async function freshDb(): Promise<{ db: D1Database; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "bascule-chains-"));
  // No download of the Request.cf object (miniflare would fetch it from Cloudflare).
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: new URL("../wrangler.toml", import.meta.url).pathname,
    persist: { path: dir },
    remoteBindings: false,
  });
  const db = proxy.env.DB;
  for (const file of (await readdir(migrations)).filter((name) => name.endsWith(".sql")).sort()) {
    const sql = (await readFile(new URL(file, migrations), "utf8")).replace(/--[^\n]*/g, "");
    for (const statement of sql.split(/;\s*\n/)) if (statement.trim()) await db.prepare(statement).run();
  }
  await db.batch([
    db.prepare("INSERT INTO sites (key, created_at) VALUES ('bench', '2026-01-01T00:00:00.000Z')"),
    db.prepare("INSERT INTO threads (id, site_key, page, created_at) VALUES (1, 'bench', 'p', '2026-01-01T00:00:00.000Z')"),
  ]);
  const close = async () => {
    await proxy.dispose();
    await rm(dir, { recursive: true, force: true });
  };
  return { db, close };
}

/** Comments inserted for each depth: enough database pages that page rounding doesn't hide the figure. */
const COMMENTS = Number(process.env.COMMENTS ?? 3000);

/** Inserts chains `depth` comments long (a top-level comment and its replies), COMMENTS in all; answers D1's size growth in bytes. */
async function storeChains(db: D1Database, depth: number, path: typeof childPath): Promise<{ bytes: number; comments: number }> {
  const before = (await db.prepare("SELECT 1").run()).meta.size_after;
  // Bound values only: the statements are made batch by batch (thousands at once overwhelm the local proxy).
  const rows: unknown[][] = [];
  for (let chain = 0; chain < Math.ceil(COMMENTS / depth); chain++) {
    let parent: { id: string; path: string } | null = null;
    const rootId = `r${String(chain).padStart(20, "0")}`;
    for (let level = 0; level < depth; level++) {
      const id = level === 0 ? rootId : `c${String(chain).padStart(5, "0")}${String(level).padStart(15, "0")}`;
      const createdAt = new Date(Date.UTC(2026, 0, 1) + (chain * depth + level) * 1000).toISOString();
      const own = path(parent?.path ?? null, createdAt, id);
      rows.push([id, parent?.id ?? null, rootId, level, own, createdAt]);
      parent = { id, path: own };
    }
  }
  const insert = `INSERT INTO comments (id, thread_id, parent_id, root_id, depth, path, body, html, status, created_at)
    VALUES (?1, 1, ?2, ?3, ?4, ?5, 'reply', '<p>reply</p>', 'approved', ?6)`;
  let after = before;
  for (let at = 0; at < rows.length; at += 100) {
    const batch = rows.slice(at, at + 100).map((values) => db.prepare(insert).bind(...values));
    after = (await db.batch(batch)).at(-1)!.meta.size_after;
  }
  return { bytes: after - before, comments: rows.length };
}

/** Bytes per comment of a chain `depth` deep, with the given path scheme, in a fresh database. */
async function perComment(depth: number, scheme: typeof childPath): Promise<number> {
  const { db, close } = await freshDb();
  try {
    const { bytes, comments } = await storeChains(db, depth, scheme);
    return Math.round(bytes / comments);
  } finally {
    await close();
  }
}

console.log("chain depth  bytes/comment now  bytes/comment before 0007");
for (const depth of DEPTHS) {
  const now = await perComment(depth, childPath);
  const before = await perComment(depth, unboundedPath);
  console.log(`${String(depth).padStart(11)}  ${String(now).padStart(17)}  ${String(before).padStart(26)}`);
}
