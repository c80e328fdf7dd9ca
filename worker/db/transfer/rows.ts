// How the transfer SQL (import.ts, export.ts, move.ts) hands D1 many rows at once.
//
// Lookups start from a JSON list (CROSS JOIN fixes SQLite's join order: a virtual table
// would otherwise be read once per row of the site), and a recount reaches comments by
// thread (db/recount.ts). test/worker/import-plans.test.ts checks every plan.
//
// Rows travel as one JSON array bound to a single parameter and are unpacked by
// json_each, so a statement inserts hundreds of rows with one bound parameter (D1 allows
// 100 per statement) and a big import needs few statements. Each JSON chunk stays under
// CHUNK_BYTES, well below D1's 2 MB limit on one string.

const CHUNK_BYTES = 256 * 1024;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** Rows as JSON arrays of at most CHUNK_BYTES (a single row may be larger, alone). */
export function jsonChunks(rows: unknown[][]): string[] {
  const out: string[] = [];
  let parts: string[] = [];
  let size = 0;
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (parts.length > 0 && size + json.length > CHUNK_BYTES) {
      out.push(`[${parts.join(",")}]`);
      parts = [];
      size = 0;
    }
    parts.push(json);
    size += json.length + 1;
  }
  if (parts.length > 0) out.push(`[${parts.join(",")}]`);
  return out;
}
