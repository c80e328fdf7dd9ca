import { env } from "cloudflare:workers";

// Query-plan checks: a recording stand-in for D1 captures the exact SQL and bindings the db
// modules build, and the real D1 then explains them (import-plans.test.ts, query-plans.test.ts).

export interface Captured {
  sql: string;
  params: unknown[];
}

/** A D1 that runs nothing: each bound statement is recorded, and every read finds no rows. */
export function recordingDb(into: Captured[]): D1Database {
  const statement = (sql: string) => ({
    bind: (...params: unknown[]) => {
      into.push({ sql, params });
      return { ...statement(sql), all: async () => ({ results: [] }), first: async () => null, run: async () => ({}) };
    },
  });
  return { prepare: statement, batch: async () => [{ results: [] }, { results: [] }] } as unknown as D1Database;
}

/** SQLite's EXPLAIN QUERY PLAN for the statement, one line a step. */
export async function explain({ sql, params }: Captured): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail);
}
