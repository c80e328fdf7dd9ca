import { fromMarkdown } from "mdast-util-from-markdown";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../worker/lib/markdown.ts";
import { linearSetext } from "../../worker/lib/markdown-setext.ts";

// Markdown cost is linear in its size (issue 10, item 4). Work is counted, never timed: the
// parser moves its events with Array.prototype.push, so the pushes a render makes are the
// work it does. micromark's own setext resolver copied every event of the document once per
// heading: `"a\n=\n"` × 2,500 took 0.5–0.7 s. bench/markdown.ts prints the times.

function pushesToRender(source: string): number {
  const push = Array.prototype.push;
  let count = 0;
  Array.prototype.push = function (this: unknown[], ...items: unknown[]) {
    count += Math.max(items.length, 1);
    return push.apply(this, items);
  };
  try {
    renderMarkdown(source);
  } finally {
    Array.prototype.push = push;
  }
  return count;
}

/** How the work grows when the input doubles: about 2 when it is linear, 4 when quadratic. */
function growth(shape: (times: number) => string, times: number): number {
  return pushesToRender(shape(times * 2)) / pushesToRender(shape(times));
}

describe("Markdown rendering cost", () => {
  it.each([
    ["setext headings with =", (n: number) => "a\n=\n".repeat(n)],
    ["setext headings with -", (n: number) => "a\n-\n".repeat(n)],
    ["setext headings of two lines", (n: number) => "a\nb\n===\n\n".repeat(n)],
    ["definitions then setext", (n: number) => "[a]: b\nc\n===\n\n".repeat(n)],
  ])("%s: the work doubles when the input doubles", (_name, shape) => {
    expect(growth(shape, 1_000)).toBeLessThan(2.3);
  });

  it("the linear setext resolver builds the same tree as micromark's", () => {
    const sources = [
      "a\n=\n",
      "a\nb\n---\n",
      "[x]: http://a\nfoo\n===\n[x]",
      "[x]: http://a\n[y]: http://b\nfoo\nbar\n---\n[x][y]",
      "[x]: http://a\n===\n",
      "> a\n> ---\n",
      "- a\n  b\n  ===\n",
      "a  \n==  \nb",
      "a\n= =\n",
      "    a\n===\n",
      "*a*\n**b**\n---\nc\n\nd\n===",
      "a\n=\n".repeat(50),
    ];
    for (const source of sources) {
      expect(fromMarkdown(source, { extensions: [linearSetext()] }), source).toEqual(fromMarkdown(source));
    }
  });
});
