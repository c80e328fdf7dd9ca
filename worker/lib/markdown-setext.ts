import type { Code, Construct, Effects, Event, Extension, State, Token, TokenizeContext } from "micromark-util-types";

// micromark's setext heading underline (`a` then `===` or `---`), with a resolver whose cost
// is the heading's own events rather than the whole document's (issue 10, item 4).
//
// micromark-core-commonmark 2.0.4 resolves each underline with an EditMap whose `consume`
// copies every event of the document so far, once per heading: `"a\n=\n"` repeated 2,500
// times (10 KB) took 0.5–0.7 s. The edits all lie between the heading's `content` start and
// the end of the events, so this resolver rewrites only that tail. The tokenizer is
// micromark's, unchanged (MIT, github.com/micromark/micromark
// packages/micromark-core-commonmark/dev/lib/setext-underline.js), and the output is the same
// tree: test/worker/markdown-cost.test.ts compares it with the library's.

const SPACE = 32;
const TAB = -2;
const VIRTUAL_SPACE = -1;

const isSpace = (code: Code) => code === TAB || code === VIRTUAL_SPACE || code === SPACE;
const isLineEnding = (code: Code) => code !== null && code < TAB;

/** Our underline in place of micromark's, which is disabled by name. */
export function linearSetext(): Extension {
  const underline: Construct = { name: "setextUnderlineLinear", tokenize: tokenizeUnderline, resolveTo: resolveUnderline };
  return { flow: { 45: underline, 61: underline }, disable: { null: ["setextUnderline"] } };
}

function resolveUnderline(events: Event[], context: TokenizeContext): Event[] {
  // The opening of the content: always there, the tokenizer checked. Everything before it stays put.
  let content = events.length - 1;
  while (content >= 0 && !(events[content]?.[0] === "enter" && events[content]?.[1].type === "content")) content -= 1;
  const tail = events.slice(content);
  const contentToken = (tail[0] as Event)[1];
  let text: number | undefined;
  let definition: number | undefined;
  for (let index = tail.length - 1; index > 0; index -= 1) {
    const [kind, token] = tail[index] as Event;
    if (kind === "enter" && token.type === "paragraph") text = index;
    if (kind === "exit" && definition === undefined && token.type === "definition") definition = index;
  }
  const heading: Token = { type: "setextHeading", start: { ...contentToken.start }, end: { ...(tail.at(-1) as Event)[1].end } };
  if (text !== undefined) (tail[text] as Event)[1].type = "setextHeadingText";

  const rewritten: Event[] = [];
  tail.forEach((event, index) => {
    if (index === 0 && definition === undefined) {
      rewritten.push(["enter", heading, event[2]]);
      return;
    }
    if (index === text && definition !== undefined) rewritten.push(["enter", heading, context]);
    // The content's own end goes; with definitions, the content ends after the last of them.
    if (!(event[0] === "exit" && event[1].type === "content")) rewritten.push(event);
    if (index === definition) rewritten.push(["exit", contentToken, context]);
  });
  if (definition !== undefined) contentToken.end = { ...(tail[definition] as Event)[1].end };
  rewritten.push(["exit", heading, context]);

  events.length = content;
  for (const event of rewritten) events.push(event);
  return events;
}

function tokenizeUnderline(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let marker: Code = null;

  const start: State = (code) => {
    let index = this.events.length;
    let paragraph = false;
    // Skip line endings, line prefixes and content: a paragraph (or a definition) must come before.
    while (index--) {
      const type = (this.events[index] as Event)[1].type;
      if (type !== "lineEnding" && type !== "linePrefix" && type !== "content") {
        paragraph = type === "paragraph";
        break;
      }
    }
    if (!this.parser.lazy[this.now().line] && (this.interrupt || paragraph)) {
      effects.enter("setextHeadingLine");
      marker = code;
      effects.enter("setextHeadingLineSequence");
      return inside(code);
    }
    return nok(code);
  };
  const inside: State = (code) => {
    if (code === marker) {
      effects.consume(code);
      return inside;
    }
    effects.exit("setextHeadingLineSequence");
    if (!isSpace(code)) return after(code);
    effects.enter("lineSuffix");
    return suffix(code);
  };
  const suffix: State = (code) => {
    if (isSpace(code)) {
      effects.consume(code);
      return suffix;
    }
    effects.exit("lineSuffix");
    return after(code);
  };
  const after: State = (code) => {
    if (code === null || isLineEnding(code)) {
      effects.exit("setextHeadingLine");
      return ok(code);
    }
    return nok(code);
  };
  return start;
}
