// The benchmark's data: threads and comments generated in memory with the worker's own
// modules (childPath for the display-order `path`, the Markdown renderer for `html`,
// nanoid for ids), then written as SQL files that `wrangler d1 execute --file` loads.
// Every row looks like one the worker would have written: root_id, depth and path are
// derived exactly as in POST /api/v1/comments, and threads.comment_count counts the
// approved comments. The shapes are fixed by a seeded random generator; only the ids
// (nanoid) differ from run to run.

import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { nanoid } from "nanoid";
import type { CommentStatus } from "../worker/api-types.ts";
import { renderMarkdown } from "../worker/lib/markdown.ts";
import { childPath } from "../worker/lib/thread-order.ts";
import { random } from "./wxr-generator.ts";

/** The migration's demo site: it accepts http://127.0.0.1:*, so the benchmark needs no site of its own. */
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

interface SeedComment {
  id: string;
  parentId: string | null;
  rootId: string;
  depth: number;
  path: string;
  createdAt: string;
  status: CommentStatus;
  authorName: string | null;
  authorWebsite: string | null;
  body: string;
  html: string;
  likes: number;
  ipHash: string | null;
  editTokenHash: string | null;
}

export interface SeedThread {
  id: number;
  page: string;
  title: string;
  createdAt: string;
  comments: SeedComment[];
}

const NAMES = [
  "Marc",
  "Sophie",
  "Jean-Pierre",
  "Inès",
  "Camille",
  "Noah",
  "Léa",
  "Hugo",
  "Amina",
  "Yuki",
  "Olga",
  "Tomás",
  "Priya",
  "Ben",
  "Zoé",
  "Karim",
  null,
];
const SENTENCES = [
  "I switched my blog to a self-hosted comment system last year and never looked back.",
  "The point about **privacy** is the one most readers never think about.",
  "Has anyone measured how many third-party requests the old embed made? I counted *dozens*.",
  "Replying here because the thread above got long: `localStorage` is per origin, so it works.",
  "See https://example.org/notes for a longer write-up of the same idea.",
  "I disagree a little: moderation is the hard part, not the hosting.",
  "Thanks for writing this up, it saved me an afternoon.",
  "The ~~old~~ new version loads much faster on my phone.",
  "Nested replies are what keep a discussion readable.",
  "Could you share the numbers behind the second chart?",
  "> quoting the article: one request for all the counts\n\nThat is exactly what I wanted.",
  "A question about exports: can I take my comments elsewhere later?",
];

/** A pool of bodies, each rendered once by the worker's renderer (100,000 renders would only slow the seeding). */
function bodyPool(rng: () => number, size = 96): Array<{ body: string; html: string }> {
  const pool: Array<{ body: string; html: string }> = [];
  for (let i = 0; i < size; i++) {
    const count = 1 + Math.floor(rng() * 4);
    const parts: string[] = [];
    for (let j = 0; j < count; j++) parts.push(SENTENCES[Math.floor(rng() * SENTENCES.length)] ?? "");
    const body = parts.join(rng() < 0.5 ? " " : "\n\n");
    pool.push({ body, html: renderMarkdown(body) });
  }
  return pool;
}

interface ThreadSpec {
  /** Subtree size of each top-level comment (the root included), in the roots' time order. */
  subtreeSizes: number[];
  maxDepth: number;
  start: number;
  /** The first root's replies form one chain down to maxDepth (so that depth is really reached). */
  chain?: boolean;
  /** Share of leaf comments held (pending) and marked spam, and of inner comments deleted (placeholders). */
  pending?: number;
  spam?: number;
  deleted?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function hex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

/** One thread's comments, in creation order (a parent always before its replies). */
function buildComments(rng: () => number, bodies: Array<{ body: string; html: string }>, spec: ThreadSpec): SeedComment[] {
  const all: Array<SeedComment & { at: number; children: number }> = [];
  const rootSpacing = Math.max(1, Math.floor((3 * DAY) / Math.max(1, spec.subtreeSizes.length)));
  spec.subtreeSizes.forEach((size, rootIndex) => {
    let at = spec.start + rootIndex * rootSpacing + Math.floor(rng() * rootSpacing);
    const subtree: Array<SeedComment & { at: number; children: number }> = [];
    for (let k = 0; k < size; k++) {
      let parent: (typeof subtree)[number] | null = null;
      if (k > 0) {
        const open = subtree.filter((c) => c.depth < spec.maxDepth);
        parent =
          spec.chain && rootIndex === 0 && k <= spec.maxDepth ? (subtree[k - 1] ?? null) : (open[Math.floor(rng() * open.length)] ?? null);
      }
      // Replies come minutes to hours later; strictly later, so the parent is inserted first.
      at += 1 + Math.floor(rng() * (k === 0 ? 1 : 4 * HOUR));
      const id = nanoid();
      const createdAt = new Date(at).toISOString();
      const picked = bodies[Math.floor(rng() * bodies.length)] ?? { body: "Hello.", html: "<p>Hello.</p>" };
      const name = NAMES[Math.floor(rng() * NAMES.length)] ?? null;
      const comment = {
        id,
        parentId: parent?.id ?? null,
        rootId: parent?.rootId ?? id,
        depth: parent ? parent.depth + 1 : 0,
        path: childPath(parent?.path ?? null, createdAt, id),
        createdAt,
        status: "approved" as CommentStatus,
        authorName: name,
        authorWebsite: name !== null && rng() < 0.15 ? `https://${name.toLowerCase().replace(/[^a-z]/g, "")}.example` : null,
        body: picked.body,
        html: picked.html,
        likes: rng() < 0.6 ? 0 : Math.floor(rng() ** 3 * 40),
        ipHash: hex(32),
        editTokenHash: hex(32),
        at,
        children: 0,
      };
      if (parent) parent.children += 1;
      subtree.push(comment);
    }
    all.push(...subtree);
  });
  // Statuses the reader side must filter out: held and spam leaves, placeholders with replies.
  for (const comment of all) {
    const roll = rng();
    if (comment.children === 0) {
      if (roll < (spec.pending ?? 0)) comment.status = "pending";
      else if (roll < (spec.pending ?? 0) + (spec.spam ?? 0)) comment.status = "spam";
    } else if (roll < (spec.deleted ?? 0)) {
      Object.assign(comment, { status: "deleted", authorName: null, authorWebsite: null, body: "", html: "" });
    }
  }
  all.sort((a, b) => a.at - b.at);
  return all.map(({ at: _at, children: _children, ...comment }) => comment);
}

/** Splits `total` into `parts` positive integers with the given weights (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - weights.length; // everyone gets one first
  const raw = weights.map((w) => (w / sum) * spare);
  const sizes = raw.map((r) => 1 + Math.floor(r));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0 && k < order.length; k++, left--) sizes[order[k]![1]]! += 1;
  return sizes;
}

/** `roots` top-level comments whose subtrees hold `comments` in all, replies spread at random. */
function randomSubtrees(rng: () => number, comments: number, roots: number): number[] {
  const sizes = new Array<number>(roots).fill(1);
  for (let k = roots; k < comments; k++) sizes[Math.floor(rng() * roots)]! += 1;
  return sizes;
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

// ---------------------------------------------------------------------------------------------
// SQL

function literal(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer literal: ${value}`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

const COMMENT_COLUMNS =
  "id, thread_id, parent_id, root_id, depth, path, author_name, author_email, author_website, email_hash, body, html, status, created_at, edited_at, ip_hash, edit_token_hash, likes, pinned";

/** Rows per INSERT statement: keeps each statement well under D1's 100 KB statement limit. */
const ROWS_PER_STATEMENT = 50;

/**
 * Writes the dataset as SQL files in `dir`: threads first, then comments in files of at
 * most `commentsPerFile` rows, in creation order so that a parent is always inserted
 * before its replies (foreign keys are on in D1).
 */
export async function writeSeedSql(dataset: Dataset, dir: string, commentsPerFile = 25_000): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const statements: string[] = [];
  let rowsInFile = 0;

  const flushFile = async () => {
    if (statements.length === 0) return;
    const file = path.join(dir, `seed-${String(files.length).padStart(3, "0")}.sql`);
    await writeFile(file, statements.join("\n") + "\n");
    files.push(file);
    statements.length = 0;
    rowsInFile = 0;
  };

  for (let i = 0; i < dataset.threads.length; i += ROWS_PER_STATEMENT) {
    const rows = dataset.threads.slice(i, i + ROWS_PER_STATEMENT).map((t) => {
      const approved = t.comments.filter((c) => c.status === "approved").length;
      return `(${[t.id, SITE, t.page, t.page, t.title, t.createdAt, 0, approved].map(literal).join(", ")})`;
    });
    statements.push(`INSERT INTO threads (id, site_key, page, url, title, created_at, closed, comment_count) VALUES\n${rows.join(",\n")};`);
  }

  const all = dataset.threads.flatMap((t) => t.comments.map((c) => ({ thread: t.id, c })));
  for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
    const rows = all.slice(i, i + ROWS_PER_STATEMENT).map(({ thread, c }) => {
      const values = [
        c.id,
        thread,
        c.parentId,
        c.rootId,
        c.depth,
        c.path,
        c.authorName,
        null,
        c.authorWebsite,
        null,
        c.body,
        c.html,
        c.status,
        c.createdAt,
        null,
        c.ipHash,
        c.editTokenHash,
        c.likes,
        0,
      ];
      return `(${values.map(literal).join(", ")})`;
    });
    statements.push(`INSERT INTO comments (${COMMENT_COLUMNS}) VALUES\n${rows.join(",\n")};`);
    rowsInFile += rows.length;
    if (rowsInFile >= commentsPerFile) await flushFile();
  }
  await flushFile();
  return files;
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
