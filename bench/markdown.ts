// How long worker/lib/markdown.ts takes on the shapes of Markdown that make parsers slow,
// next to plain text of the same size (issue 10, item 4). Each shape is cut to BODY_MAX
// (what a reader may send) and to half of it, so the two columns show how the cost grows:
// linear when the full size costs about twice the half. Prints a table; never passes or
// fails on time.
//
//   node bench/markdown.ts              # 30 runs a shape and size
//   BENCH_RUNS=100 node bench/markdown.ts

import { BODY_MAX } from "../worker/lib/fields.ts";
import { renderMarkdown } from "../worker/lib/markdown.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

/** Each shape, long enough to be cut to BODY_MAX. */
const SHAPES: Record<string, string> = {
  "plain text": "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(200),
  "lines of words": "one two three\n".repeat(800),
  "setext headings (a / =)": "a\n=\n".repeat(2_500),
  "setext headings (a / -)": "a\n-\n".repeat(2_500),
  "definitions then setext": "[a]: b\n".repeat(1_500) + "=\n",
  "nested emphasis": `${"*a **a ".repeat(190)}`,
  "emphasis delimiter runs": "*a_".repeat(4_000),
  "unclosed backtick runs": "`a ".repeat(4_000),
  "backtick runs of every length": Array.from({ length: 2_000 }, (_, i) => `${"`".repeat((i % 40) + 1)}a`).join(" "),
  "open brackets": "[".repeat(10_000),
  "unclosed links": "[a](".repeat(2_500),
  "references to nothing": "[a] ".repeat(2_500),
  "entities that are not": "\\!a&b \\!c&d ".repeat(1_000),
  "open images": "![".repeat(5_000),
  "link reference definitions": Array.from({ length: 400 }, (_, i) => `[r${i}]: https://x.example/${i}`).join("\n"),
  "reference uses": `${Array.from({ length: 100 }, (_, i) => `[r${i}]: https://x.example/${i}`).join("\n")}\n\n${"[r1] ".repeat(2_000)}`,
  "deep blockquotes": `${">".repeat(30)} a\n`.repeat(300),
  "lazy blockquote lines": "> a\nb\n".repeat(1_700),
  "lazy list lines": `- a\n${"b\n".repeat(5_000)}`,
  "lazy lines closing quotes": "> ```\na\n".repeat(1_250),
  "list items": "- a\n".repeat(2_500),
  "nested lists": Array.from({ length: 1_000 }, (_, i) => `${" ".repeat((i % 30) * 2)}- a`).join("\n"),
  "nested list items that end": "- a\n  - b\n".repeat(1_000),
  "hard line breaks": "a\\\n".repeat(3_400),
  "bare URLs": "https://a.example/x ".repeat(600),
  "www. runs": "www.a".repeat(2_000),
  "< runs": "<a".repeat(5_000),
  "entity-like runs": "&amp".repeat(2_500),
  "html block openers": "<div>\n".repeat(1_700),
  "code fences": "```\n".repeat(2_500),
};

function timings(source: string): number[] {
  renderMarkdown(source); // warm-up
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    renderMarkdown(source);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const at = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
const ms = (value: number) => value.toFixed(1).padStart(7);

console.log(`worker/lib/markdown.ts, ${RUNS} runs each (ms). "half" is the first ${BODY_MAX / 2} characters, "full" ${BODY_MAX}.`);
console.log(`${"shape".padEnd(32)} ${"half med".padStart(9)} ${"full med".padStart(9)} ${"full p99".padStart(9)}   growth`);
for (const [name, shape] of Object.entries(SHAPES)) {
  const half = timings(shape.slice(0, BODY_MAX / 2));
  const full = timings(shape.slice(0, BODY_MAX));
  const growth = at(full, 0.5) / Math.max(at(half, 0.5), 0.001);
  console.log(`${name.padEnd(32)}   ${ms(at(half, 0.5))}   ${ms(at(full, 0.5))}   ${ms(at(full, 0.99))}   ×${growth.toFixed(1)}`);
}
