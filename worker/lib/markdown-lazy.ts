import type { Construct, Extension, State, TokenizeContext } from "micromark-util-types";

// Lazy lines (`> a` then `b`: `b` carries on the quoted paragraph without its `>`) without a
// walk back over the paragraph for each one (issue 10, item 4).
//
// After each lazy line, micromark (4.0.3, lib/initialize/document.js `writeToChild`) walks
// back over every event of the flow so far, looking for one still open across the line's start:
// when there is none, the lazy line began a block of its own and the quote or list must be closed
// before it. In a long paragraph the open one is the paragraph itself, all the way back at its
// start: `> a\nb\n` ×1,700 (10 KB) walked millions of events.
//
// Whether a line carries a paragraph on is known sooner: the paragraph asks every flow construct
// whether it would interrupt at the start of the line, and this one is asked last. When it is
// asked, none would, so the paragraph goes on across the line, and micromark's walk would stop at
// the paragraph having changed nothing. So it marks the line not lazy, and the walk is skipped.
// Nothing reads the mark for that line after it: the constructs that do (setext underlines, HTML)
// read it when asked, before this one, and the paragraph reads the rest of the line as text.
// This relies on the paragraph being the only construct that asks, as in micromark 4.0.3 with our
// extensions: one that asks too (GFM tables may) needs a look first.
// test/worker/markdown-cost.test.ts compares the tree with the library's.

export function linearLazyLines(): Extension {
  const construct: Construct = { tokenize: tokenizeLazyContinuation };
  return { flow: { null: construct } };
}

function tokenizeLazyContinuation(this: TokenizeContext, _effects: unknown, _ok: State, nok: State): State {
  return (code) => {
    // `interrupt` is set only when a paragraph asks at the start of one of its lines.
    const line = this.now().line;
    if (this.interrupt && this.parser.lazy[line]) this.parser.lazy[line] = false;
    return nok(code);
  };
}
