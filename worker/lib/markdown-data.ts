import type { Construct, Event, Extension, State, TokenizeContext } from "micromark-util-types";

// Runs of plain text merged as they are written, not all at the end (issue 10, item 4).
//
// micromark (4.0.3, lib/initialize/text.js `resolveAllText`) merges each run of adjacent `data`
// tokens after a paragraph is read, with one `splice` per run, and each splice moves every event
// after it. A run forms wherever a construct is tried and fails between two stretches of text:
// `]` with no link after it, `&` that is no entity, a word that is no email address. So a
// paragraph of `[a](` ×2,500 (10 KB) moved 25 million events, and any long paragraph of short
// lines paid the same way on a smaller scale.
//
// This construct is tried first wherever a text construct may start. When the two tokens before
// it are both `data`, it succeeds without reading anything and its resolver merges them as
// micromark would, at the end of the events, where that moves nothing. So no run grows past two,
// and micromark's own pass finds at most the last one, at the end. Its `previous` says no to every
// character, so it adds no place where a construct may start. Nothing looks at where one `data`
// token ends and the next begins while a paragraph is read, so merging early builds the same
// tree: test/worker/markdown-cost.test.ts compares it with the library's.

/** Printable ASCII and line endings: every code a text or string construct starts at, and a few more. */
const CODES = [-5, -4, -3, ...Array.from({ length: 94 }, (_, index) => index + 33)];

export function linearData(): Extension {
  const merge: Construct = { partial: true, previous: () => false, tokenize: tokenizeMerge, resolveTo: resolveMerge };
  const constructs = Object.fromEntries(CODES.map((code) => [code, merge]));
  return { string: constructs, text: constructs };
}

/** Whether the events end with two whole `data` tokens. */
function endsInTwoData(events: Event[]): boolean {
  const [a, b, c, d] = [events.at(-4), events.at(-3), events.at(-2), events.at(-1)];
  return a?.[0] === "enter" && a[1].type === "data" && b?.[1] === a[1] && c?.[0] === "enter" && c[1].type === "data" && d?.[1] === c[1];
}

function tokenizeMerge(this: TokenizeContext, _effects: unknown, ok: State, nok: State): State {
  return (code) => (endsInTwoData(this.events) ? ok(code) : nok(code));
}

/** The first token now ends where the second did, and the second's events go: as micromark does it. */
function resolveMerge(events: Event[]): Event[] {
  const first = (events.at(-4) as Event)[1];
  first.end = (events.at(-1) as Event)[1].end;
  events.length -= 2;
  return events;
}
