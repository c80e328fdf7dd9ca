import { EditMap } from "micromark-util-edit-map";
import type { Event } from "micromark-util-types";

// micromark's EditMap, applying its edits to the events from the first edit on rather than to
// all of them (issue 10, item 4).
//
// micromark (4.0.3, lib/initialize/document.js) edits the document's events each time a list
// item ends inside another (`- a\n  - b\n- c`) and each time a lazy line closes a quote
// (`> ~~~\na`), and micromark-util-edit-map 1.0.0 `consume` copies the whole list to do it, events
// before the first edit included, though they do not move. `- a\n  - b\n` ×1,000 (10 KB) took half
// a second. Those edits are all near the end, so this `consume` leaves the events before the
// first edit where they are and rebuilds only the rest, in the same order as the library: the
// same events come out (test/worker/markdown-cost.test.ts checks it against the library's code).
// micromark creates its edit maps itself, from the one copy of the package in node_modules, so
// replacing the method on the class is the only way in.

function consume(this: EditMap, events: Event[]): undefined {
  this.map.sort((a, b) => a[0] - b[0]);
  if (this.map.length === 0) return;
  // Cut from the last edit back to the first, as the library does, keeping what comes before.
  const pieces: Event[][] = [];
  for (let index = this.map.length - 1; index >= 0; index -= 1) {
    const [at, remove, add] = this.map[index] as [number, number, Event[]];
    pieces.push(events.slice(at + remove), add);
    events.length = at;
  }
  for (let piece = pieces.pop(); piece; piece = pieces.pop()) for (const event of piece) events.push(event);
  this.map.length = 0;
  this.index.clear();
}

EditMap.prototype.consume = consume;
