// Paging, in one place. A page query fetches one row more than the page shows
// (`fetchCount`): that extra row is how the cut below knows another page follows, with no
// count(*) over the rest. The cursor names the last row shown, so the next query starts
// right after it ((created_at, id), and likes for the `top` sort).

export interface PageCursor {
  createdAt: string;
  id: string;
  likes: number;
}

/** What the cursor is made of: any comment row. */
interface PagedRow {
  id: string;
  created_at: string;
  likes: number;
}

export interface Page<Row> {
  shown: Row[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

/** The rows (or top-level comments) a page query asks for, given how many the page shows. */
export function fetchCount(limit: number): number {
  return limit + 1;
}

/**
 * The page to show from what a query fetched with `fetchCount(limit)`: the first `limit`
 * rows that `counts`, with every row between them (a thread's replies and pinned comments
 * count for nothing and stay with the comment they follow). Cut before the extra one.
 */
export function cutPage<Row extends PagedRow>(rows: Row[], limit: number, counts: (row: Row) => boolean = () => true): Page<Row> {
  let counted = 0;
  let last: Row | null = null;
  for (const [index, row] of rows.entries()) {
    if (!counts(row)) continue;
    if (counted === limit) return { shown: rows.slice(0, index), nextCursor: last === null ? null : encodeCursor(last) };
    counted += 1;
    last = row;
  }
  return { shown: rows, nextCursor: null };
}

/** A thread page counts its unpinned top-level comments; the pinned ones and replies come along. */
export function cutThreadPage<Row extends PagedRow & { depth: number; pinned: number }>(rows: Row[], limit: number): Page<Row> {
  return cutPage(rows, limit, (row) => row.depth === 0 && row.pinned !== 1);
}

export function encodeCursor(row: PagedRow): string {
  const json = JSON.stringify([row.created_at, row.id, row.likes]);
  return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replaceAll("=", "");
}

/** The cursor encodeCursor gave out, or null for anything else (the route answers 400). */
export function decodeCursor(cursor: string): PageCursor | null {
  try {
    const [createdAt, id, likes] = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/"))) as unknown[];
    if (typeof createdAt === "string" && typeof id === "string" && typeof likes === "number") {
      return { createdAt, id, likes };
    }
  } catch {
    // not one of ours: null below
  }
  return null;
}
