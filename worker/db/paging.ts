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

// Bounded pages (issue 10, item 2; docs/api.md "Bounded pages"). `limit` counts top-level
// comments, but a page answers at most PAGE_COMMENTS_MAX comments and about PAGE_BYTES_MAX
// bytes of JSON, whatever their subtrees hold. A top-level comment whose replies don't all fit
// says how many more there are and where they start (`moreReplies`); its replies are paged
// through on their own (`parentId` + a reply cursor, which names the last reply shown).

export const PAGE_COMMENTS_MAX = 300;
export const PAGE_BYTES_MAX = 1_000_000;
/** "N more replies" counts at most this many index entries of a subtree. */
export const MORE_REPLIES_COUNT_MAX = 10_000;

/** What a thread page's cut reads of a row: any comment row. */
interface ThreadPagedRow extends PagedRow {
  depth: number;
  pinned: number;
  root_id: string;
  path: string;
}

/** A top-level comment not all of whose replies are shown, and the path of the last one shown ("" for none). */
export interface RepliesCut {
  rootId: string;
  after: string;
}

export interface BoundedPage<Row> extends Page<Row> {
  /** The top-level comments shown that may have more replies than shown: their counts are read next. */
  cuts: RepliesCut[];
}

/** Admits rows while the page has room: always the first, then while comments and bytes stay within the bounds. */
function pageBudget<Row>(size: (row: Row) => number) {
  let comments = 0;
  let bytes = 0;
  return (row: Row, always = false): boolean => {
    const bytesAfter = bytes + size(row);
    if (!always && comments > 0 && (comments >= PAGE_COMMENTS_MAX || bytesAfter > PAGE_BYTES_MAX)) return false;
    comments += 1;
    bytes = bytesAfter;
    return true;
  };
}

/**
 * The page to show from what selectThreadPage fetched (display order), within the bounds.
 * Top-level comments are admitted first (pinned ones always: they are few, and the owner's
 * choice), in order while they fit; a page cut short here ends at the last one that fitted.
 * Then replies, in display order, until one doesn't fit: from there on, every top-level
 * comment shown may have replies left (a cut).
 */
export function boundThreadPage<Row extends ThreadPagedRow>(rows: Row[], limit: number, size: (row: Row) => number): BoundedPage<Row> {
  const page = cutThreadPage(rows, limit);
  const fits = pageBudget(size);
  const roots = new Set<string>();
  let lastRoot: Row | null = null;
  let rootsCut = false;
  for (const row of page.shown) {
    if (row.depth !== 0) continue;
    if (!fits(row, row.pinned === 1)) {
      rootsCut = true;
      break;
    }
    roots.add(row.id);
    if (row.pinned !== 1) lastRoot = row;
  }
  const shown: Row[] = [];
  const after = new Map<string, string>();
  let firstCut: string | undefined;
  for (const row of page.shown) {
    if (!roots.has(row.root_id)) continue;
    if (row.depth === 0) after.set(row.id, "");
    else if (firstCut === undefined && fits(row)) after.set(row.root_id, row.path);
    else {
      firstCut ??= row.root_id;
      continue;
    }
    shown.push(row);
  }
  // From the top-level comment of the first reply that didn't fit on, each one shown may have more.
  const order = [...roots];
  const cuts =
    firstCut === undefined ? [] : order.slice(order.indexOf(firstCut)).map((rootId) => ({ rootId, after: after.get(rootId) ?? "" }));
  return { shown, nextCursor: rootsCut ? lastRoot && encodeCursor(lastRoot) : page.nextCursor, cuts };
}

/**
 * The replies of one top-level comment to show from what selectReplies fetched (one more
 * than fits), and where the next ones start.
 */
export function boundReplies<Row extends ThreadPagedRow>(rows: Row[], size: (row: Row) => number): Page<Row> {
  const fits = pageBudget(size);
  const end = rows.findIndex((row) => !fits(row));
  if (end === -1) return { shown: rows, nextCursor: null };
  const shown = rows.slice(0, end);
  return { shown, nextCursor: encodeReplyCursor(shown.at(-1)?.path ?? "") };
}

/** Where a subtree's next replies start: after this path. A different shape from the thread's cursor, so neither passes for the other. */
export function encodeReplyCursor(path: string): string {
  return btoa(JSON.stringify(["r", path]))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
}

/** The path encodeReplyCursor gave out, or null for anything else (the route answers 400). */
export function decodeReplyCursor(cursor: string): string | null {
  try {
    const [kind, path] = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/"))) as unknown[];
    if (kind === "r" && typeof path === "string") return path;
  } catch {
    // not one of ours: null below
  }
  return null;
}
