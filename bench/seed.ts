// The benchmark's data: which threads the two databases hold and how each is shaped.
// seed-comments.ts grows the comment trees with the worker's own modules (childPath for the
// display-order `path`, the Markdown renderer for `html`, nanoid for ids) and seed-sql.ts
// writes them as SQL files that `wrangler d1 execute --file` loads. Every row looks like one
// the worker would have written: root_id, depth and path are derived exactly as in
// POST /api/v1/comments, and threads.comment_count counts the approved comments. The shapes
// are fixed by a seeded random generator; only the ids (nanoid) differ from run to run.

import { apportion, bodyPool, buildComments, DAY, HOUR, randomSubtrees, type SeedComment } from "./seed-comments.ts";
import { random } from "./wxr-generator.ts";

/** The demo site (scripts/demo-seed.ts, written first by seed-sql.ts): it accepts http://127.0.0.1:*. */
export const SITE = "demo";

/** Page keys, already normalised (as the worker stores them). */
export const PAGES = {
  big: "https://blog.example/posts/big-thread",
  ten: "https://blog.example/posts/ten-comments",
  widget: "https://blog.example/posts/widget-thousand",
  post: "https://blog.example/posts/bench-post",
  other: (index: number) => `https://blog.example/posts/${String(index).padStart(4, "0")}`,
};

export const SHAPE = {
  totalComments: 100_000,
  totalThreads: 2_000,
  big: { comments: 5_000, roots: 1_000, maxDepth: 10 },
  ten: { comments: 10 },
  /** 50 top-level comments (the widget's page size) × 20 = 1,000 comments on the first page. */
  widget: { roots: 50, perRoot: 20, maxDepth: 8 },
  small: { comments: 100, threads: 10 },
};

export interface SeedThread {
  id: number;
  page: string;
  title: string;
  createdAt: string;
  comments: SeedComment[];
}

/** The 10-comment thread: four top-level comments, replies down to depth 3. Shared by both databases. */
function tenThread(rng: () => number, bodies: Array<{ body: string; html: string }>, start: number): SeedComment[] {
  return buildComments(rng, bodies, { subtreeSizes: [4, 1, 4, 1], maxDepth: 3, start, chain: true });
}

export interface Dataset {
  threads: SeedThread[];
  comments: number;
}

function thread(id: number, page: string, title: string, start: number, comments: SeedComment[]): SeedThread {
  return { id, page, title, createdAt: new Date(start - HOUR).toISOString(), comments };
}

/** The large database (100,000 comments over 2,000 threads) and the small one (100 comments), sharing the 10-comment thread. */
export function buildDatasets(now = Date.now()): { large: Dataset; small: Dataset } {
  const rng = random(20261126);
  const bodies = bodyPool(rng);
  const base = now - 365 * DAY;
  const startOf = (index: number) => base + index * Math.floor((300 * DAY) / SHAPE.totalThreads);

  const ten = tenThread(rng, bodies, startOf(1));
  const bigSizes = randomSubtrees(rng, SHAPE.big.comments, SHAPE.big.roots);
  // The first root holds the chain down to maxDepth, plus a few replies of its own.
  for (let j = bigSizes.length - 1; (bigSizes[0] ?? 0) < SHAPE.big.maxDepth + 3 && j > 0; j--) {
    if ((bigSizes[j] ?? 0) > 1) {
      bigSizes[j]! -= 1;
      bigSizes[0]! += 1;
    }
  }
  const big = buildComments(rng, bodies, {
    subtreeSizes: bigSizes,
    maxDepth: SHAPE.big.maxDepth,
    start: startOf(0),
    chain: true,
    pending: 0.02,
    spam: 0.01,
    deleted: 0.02,
  });
  const widget = buildComments(rng, bodies, {
    subtreeSizes: new Array<number>(SHAPE.widget.roots).fill(SHAPE.widget.perRoot),
    maxDepth: SHAPE.widget.maxDepth,
    start: startOf(2),
  });

  const threads: SeedThread[] = [
    thread(1, PAGES.big, "A very long discussion", startOf(0), big),
    thread(2, PAGES.ten, "A short discussion", startOf(1), ten),
    thread(3, PAGES.widget, "A thousand comments on one page", startOf(2), widget),
  ];
  const othersCount = SHAPE.totalThreads - threads.length;
  const othersComments = SHAPE.totalComments - threads.reduce((n, t) => n + t.comments.length, 0);
  const sizes = apportion(
    othersComments,
    Array.from({ length: othersCount }, () => 0.25 + rng() ** 3 * 6),
  );
  sizes.forEach((size, index) => {
    const id = threads.length + 1;
    const start = startOf(id);
    const comments = buildComments(rng, bodies, {
      subtreeSizes: randomSubtrees(rng, size, Math.max(1, Math.round(size * 0.4))),
      maxDepth: 6,
      start,
      pending: 0.03,
      spam: 0.01,
      deleted: 0.01,
    });
    threads.push(thread(id, PAGES.other(index + 1), `Article ${index + 1}`, start, comments));
  });

  const small: SeedThread[] = [thread(1, PAGES.ten, "A short discussion", startOf(1), ten)];
  const perOther = (SHAPE.small.comments - ten.length) / (SHAPE.small.threads - 1);
  for (let index = 1; index < SHAPE.small.threads; index++) {
    const start = startOf(index + 3);
    const comments = buildComments(rng, bodies, { subtreeSizes: randomSubtrees(rng, perOther, 4), maxDepth: 4, start });
    small.push(thread(index + 1, PAGES.other(index), `Article ${index}`, start, comments));
  }

  const count = (list: SeedThread[]) => list.reduce((n, t) => n + t.comments.length, 0);
  return { large: { threads, comments: count(threads) }, small: { threads: small, comments: count(small) } };
}

/** What the seeded database should hold, to check the load against. */
export function expectedCounts(dataset: Dataset): { threads: number; comments: number; approved: number } {
  const approved = dataset.threads.reduce((n, t) => n + t.comments.filter((c) => c.status === "approved").length, 0);
  return { threads: dataset.threads.length, comments: dataset.comments, approved };
}

/** Facts about one seeded thread, for the report. */
export function describeThread(dataset: Dataset, page: string): { comments: number; roots: number; maxDepth: number; approved: number } {
  const t = dataset.threads.find((candidate) => candidate.page === page);
  if (!t) throw new Error(`no seeded thread ${page}`);
  return {
    comments: t.comments.length,
    roots: t.comments.filter((c) => c.depth === 0).length,
    maxDepth: Math.max(...t.comments.map((c) => c.depth)),
    approved: t.comments.filter((c) => c.status === "approved").length,
  };
}
