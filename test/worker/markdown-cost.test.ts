import fc from "fast-check";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { EditMap } from "micromark-util-edit-map";
import type { Construct, Event, Extension, ParseContext, State, TokenizeContext } from "micromark-util-types";
import { describe, expect, it } from "vitest";
import { PARSE_OPTIONS, renderMarkdown } from "../../worker/lib/markdown.ts";
import { linearSetext } from "../../worker/lib/markdown-setext.ts";

// Markdown cost is linear in its size (issue 10, item 4). Work is counted, never timed: the
// parser moves its events with Array.prototype push, splice and slice, so the events those move
// are the work it does. What micromark did in more than linear time: its setext resolver copied
// every event of the document once per heading (`"a\n=\n"` × 2,500 took 0.5–0.7 s); merging runs
// of text spliced once per run (`[a](` × 2,500: 25 million events moved); its edit map copied the
// whole document once per nested list item that ended (`- a\n  - b\n` × 1,000: half a second).
// bench/markdown.ts prints the times.

function workToRender(source: string): number {
  const { push, splice, slice } = Array.prototype;
  let count = 0;
  Array.prototype.push = function (this: unknown[], ...items: unknown[]) {
    count += Math.max(items.length, 1);
    return push.apply(this, items);
  };
  // What a splice moves: everything after its start, and what it puts in.
  Array.prototype.splice = function (this: unknown[], ...args: unknown[]) {
    const start = Number(args[0] ?? 0);
    count += Math.max(this.length - (start < 0 ? this.length + start : start), 0) + Math.max(args.length - 2, 0) + 1;
    return splice.apply(this, args as [number, number, ...unknown[]]);
  };
  Array.prototype.slice = function (this: unknown[], ...args: unknown[]) {
    const copy = slice.apply(this, args as [number, number]);
    count += copy.length + 1;
    return copy;
  };
  try {
    renderMarkdown(source);
  } finally {
    Object.assign(Array.prototype, { push, splice, slice });
  }
  return count;
}

/**
 * How many times the flow's events are read while parsing. micromark's walk back over them after
 * a lazy line reads them by index and moves nothing, so the array counter above can't see it.
 */
function flowReadsToParse(source: string): number {
  let reads = 0;
  const watched = new WeakSet<ParseContext>();
  const countReads = <T extends object>(events: T) =>
    new Proxy(events, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
  // Tried at the start of the first line, before the first flow is made.
  const watch: Construct = {
    tokenize(this: TokenizeContext, _effects, _ok, nok): State {
      const parser = this.parser;
      if (!watched.has(parser)) {
        watched.add(parser);
        const flow = parser.flow;
        parser.flow = (from) => {
          const tokenizer = flow(from);
          tokenizer.events = countReads(tokenizer.events);
          return tokenizer;
        };
      }
      return nok;
    },
  };
  const extensions = [...(PARSE_OPTIONS.extensions ?? []), { document: { null: watch } } satisfies Extension];
  fromMarkdown(source, { ...PARSE_OPTIONS, extensions });
  return reads;
}

/** How the work grows when the input doubles: about 2 when it is linear, 4 when quadratic. */
function growth(work: (source: string) => number, shape: (times: number) => string, times: number): number {
  return work(shape(times * 2)) / work(shape(times));
}

describe("Markdown rendering cost", () => {
  it.each([
    ["setext headings with =", (n: number) => "a\n=\n".repeat(n)],
    ["setext headings with -", (n: number) => "a\n-\n".repeat(n)],
    ["setext headings of two lines", (n: number) => "a\nb\n===\n\n".repeat(n)],
    ["definitions then setext", (n: number) => "[a]: b\nc\n===\n\n".repeat(n)],
    ["unclosed links", (n: number) => "[a](".repeat(n)],
    ["references to nothing", (n: number) => "[a] ".repeat(n)],
    ["entities that are not", (n: number) => "\\!a&b \\!c&d ".repeat(n)],
    ["lines of words", (n: number) => "one two three\n".repeat(n)],
    ["open brackets", (n: number) => "[".repeat(n)],
    ["hard line breaks", (n: number) => "a\\\n".repeat(n)],
    ["list items", (n: number) => "- a\n".repeat(n)],
    ["nested list items that end", (n: number) => "- a\n  - b\n".repeat(n)],
    ["lazy lines that close a quote", (n: number) => "> ```\na\n".repeat(n)],
    ["lazy quote lines", (n: number) => "> a\nb\n".repeat(n)],
  ])("%s: the work doubles when the input doubles", (_name, shape) => {
    expect(growth(workToRender, shape, 1_000)).toBeLessThan(2.3);
  });

  it.each([
    ["lazy quote lines", (n: number) => "> a\nb\n".repeat(n)],
    ["lazy list lines", (n: number) => `- a\n${"b\n".repeat(n * 3)}`],
  ])("%s: reading the flow doubles when the input doubles", (_name, shape) => {
    expect(growth(flowReadsToParse, shape, 1_000)).toBeLessThan(2.3);
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

  // Pieces that start, end or break the constructs these two touch: text runs, lazy lines.
  const piece = fc.constantFrom(
    ..."ab \n\t>[]()!&*_~`\\<=-#".split(""),
    "\n\n",
    "> ",
    "- ",
    "  ",
    "    ",
    "1. ",
    "&amp;",
    "```",
    "---",
    "===",
    "<div>",
    "<!--",
    "www.a.example",
    "https://a.example/b",
    "a@b.example",
    "[x]: https://a.example",
  );

  it("merging text runs early and skipping the lazy walk build micromark's own tree", () => {
    // The options without linearData and linearLazyLines.
    const library = { ...PARSE_OPTIONS, extensions: [gfmAutolinkLiteral(), gfmStrikethrough({ singleTilde: false }), linearSetext()] };
    const samples = [
      "[a](".repeat(30),
      "> a\nb\nc\n> d\n\ne",
      "- a\nb\n  - c\nd\n- e",
      "> ```\na\n> b\n```",
      "> a\n===\nb",
      "> a\n---\n",
      "> a\n<div>\n",
      'a&b\\*c&d [e] [f](g "h&i\\!j")\n',
      "one two  \nthree\\\nfour",
    ];
    const same = (source: string) => {
      expect(fromMarkdown(source, PARSE_OPTIONS), source).toEqual(fromMarkdown(source, library));
    };
    for (const source of samples) same(source);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => same(pieces.join(""))),
      { numRuns: 500 },
    );
  });

  it("the edit map makes the same edits as micromark-util-edit-map's own", () => {
    // The library's `consume` (micromark-util-edit-map 1.0.0), word for word.
    function libraryConsume(map: EditMap, events: Event[]): void {
      map.map.sort((a, b) => a[0] - b[0]);
      if (map.map.length === 0) return;
      let index = map.map.length;
      const vecs: Event[][] = [];
      while (index > 0) {
        index -= 1;
        const [at, remove, add] = map.map[index] as [number, number, Event[]];
        vecs.push(events.slice(at + remove), add);
        events.length = at;
      }
      vecs.push(events.slice());
      events.length = 0;
      let part = vecs.pop();
      while (part) {
        for (const element of part) events.push(element);
        part = vecs.pop();
      }
      map.map.length = 0;
      map.index.clear();
    }
    const event = (id: number) => ["enter", { type: `t${id}` }, {}] as unknown as Event;
    const edit = fc.record({ at: fc.nat(30), remove: fc.nat(5), add: fc.array(fc.nat(99), { maxLength: 4 }), before: fc.boolean() });
    fc.assert(
      fc.property(fc.nat(30), fc.array(edit, { maxLength: 6 }), (length, edits) => {
        const events = Array.from({ length }, (_, id) => event(id));
        const ours = new EditMap();
        const theirs = new EditMap();
        for (const { at, remove, add, before } of edits) {
          // micromark edits within the events, never past their end.
          for (const map of [ours, theirs]) (before ? map.addBefore : map.add).call(map, Math.min(at, length), remove, add.map(event));
        }
        const expected = events.slice();
        libraryConsume(theirs, expected);
        const actual = events.slice();
        ours.consume(actual);
        expect(actual.map((item) => item[1].type)).toEqual(expected.map((item) => item[1].type));
      }),
      { numRuns: 500 },
    );
  });
});
