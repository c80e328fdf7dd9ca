// The benchmark's comment trees, generated in memory with the worker's own modules:
// childPath for the display-order `path`, the Markdown renderer for `html`, nanoid for ids.
// root_id, depth and path are derived exactly as in POST /api/v1/comments. seed.ts decides
// the threads' shapes; this module only grows them.

import { randomBytes } from "node:crypto";
import { nanoid } from "nanoid";
import type { CommentStatus } from "../worker/api-types.ts";
import { renderMarkdown } from "../worker/lib/markdown.ts";
import { childPath } from "../worker/lib/thread-order.ts";

export interface SeedComment {
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
export function bodyPool(rng: () => number, size = 96): Array<{ body: string; html: string }> {
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

export interface ThreadSpec {
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

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

function hex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

/** One thread's comments, in creation order (a parent always before its replies). */
export function buildComments(rng: () => number, bodies: Array<{ body: string; html: string }>, spec: ThreadSpec): SeedComment[] {
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
export function apportion(total: number, weights: number[]): number[] {
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
export function randomSubtrees(rng: () => number, comments: number, roots: number): number[] {
  const sizes = new Array<number>(roots).fill(1);
  for (let k = roots; k < comments; k++) sizes[Math.floor(rng() * roots)]! += 1;
  return sizes;
}
