// Reads that keep their row types. A `select*` function in db/ returns a Query<Row>: a
// prepared, bound statement, not yet run, that knows what its rows are, so routes can put
// several reads in one D1 batch (one round trip) and get typed rows back without casts.
// `find*` and `list*` functions run a query of their own with `firstRow` or `allRows`.

declare const rowType: unique symbol;

/** Where reads run: the database, or a D1 session (read replication, PLATFORM.md §9) that read routes open. */
export type D1Reader = D1Database | D1DatabaseSession;

/** A bound D1 statement whose rows are `Row`. Only a type: at run time it is the statement itself. */
export type Query<Row> = D1PreparedStatement & { readonly [rowType]: Row };

/** Names the row type of a statement; the SQL beside it is what makes it true. */
export function typed<Row>(statement: D1PreparedStatement): Query<Row> {
  return statement as Query<Row>;
}

type RowsOf<Queries extends readonly Query<unknown>[]> = {
  -readonly [Index in keyof Queries]: Queries[Index] extends Query<infer Row> ? Row[] : never;
};

/** Runs the queries in one D1 batch (one round trip, one snapshot) and gives each one's rows, in order. */
export async function readBatch<const Queries extends readonly Query<unknown>[]>(db: D1Reader, queries: Queries): Promise<RowsOf<Queries>> {
  const results = await db.batch<unknown>([...queries]);
  return results.map((result) => result.results ?? []) as RowsOf<Queries>;
}

export function firstRow<Row>(query: Query<Row>): Promise<Row | null> {
  return query.first<Row>();
}

export async function allRows<Row>(query: Query<Row>): Promise<Row[]> {
  const { results } = await query.all<Row>();
  return results;
}
