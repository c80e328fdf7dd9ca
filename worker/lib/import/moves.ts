import { cleanPageKey } from "../text.ts";

// What moving threads to new page keys does, decided before anything is written (issue 6:
// "when URLs change"). A move names one thread; a rewrite every thread whose key starts
// with a prefix. All moves of one request are planned together, so a rewrite whose new
// keys are other threads' old keys still ends with each thread where it belongs.
//
// - A new key no thread keeps: the thread takes it.
// - A new key held by a thread that stays: the moving thread merges into it (its comments
//   move over; both threads' comments then read in date order).
// - Several moving threads with one new key: the oldest takes it, the others merge into it.

export interface ThreadAt {
  id: number;
  page: string;
  url: string | null;
  created_at: string;
}

export interface ThreadMove {
  renames: { id: number; page: string; url: string | null }[];
  merges: { from: number; into: number }[];
  /** Every thread that ends up with the moved comments, to recount. */
  targets: number[];
  /** For the answer and the audit row. */
  moved: { from: string; to: string; merged: boolean }[];
}

/**
 * `moving` maps each moving thread to its new key; `holders` are the threads that already
 * have one of the new keys (some may be moving too).
 */
export function planMoves(moving: ReadonlyMap<ThreadAt, string>, holders: readonly ThreadAt[]): ThreadMove {
  // A thread whose key doesn't change stays, and keeps its key: others may merge into it.
  const changing = [...moving].filter(([thread, page]) => page !== thread.page);
  const movingIds = new Set(changing.map(([thread]) => thread.id));
  const staying = new Map(holders.filter((thread) => !movingIds.has(thread.id)).map((thread) => [thread.page, thread]));
  const byKey = new Map<string, ThreadAt[]>();
  for (const [thread, page] of changing) byKey.set(page, [...(byKey.get(page) ?? []), thread]);
  const plan: ThreadMove = { renames: [], merges: [], targets: [], moved: [] };
  for (const [page, threads] of byKey) {
    const ordered = [...threads].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    const holder = staying.get(page);
    const keeper = holder ?? (ordered[0] as ThreadAt);
    if (holder === undefined) {
      plan.renames.push({ id: keeper.id, page, url: newUrl(keeper, page) });
      plan.moved.push({ from: keeper.page, to: page, merged: false });
    }
    for (const thread of ordered) {
      if (thread === keeper) continue;
      plan.merges.push({ from: thread.id, into: keeper.id });
      plan.moved.push({ from: thread.page, to: page, merged: true });
    }
    plan.targets.push(keeper.id);
  }
  return plan;
}

/** The key a rewrite gives a page, normalised like every page key (check it with pageKeyProblem). */
export function rewrittenKey(page: string, prefixFrom: string, prefixTo: string): string {
  return cleanPageKey(prefixTo + page.slice(prefixFrom.length));
}

/** A thread keyed by its URL gets the new URL; one keyed by an id keeps the URL it had. */
function newUrl(thread: ThreadAt, page: string): string | null {
  return /^https?:\/\//i.test(page) ? page : thread.url;
}
