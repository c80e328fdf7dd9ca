import type { ImportFormat } from "./model.ts";
import { child, readXml, type XmlElement } from "./xml.ts";

// Cuts a big export into several smaller files of the same format, each holding whole
// threads, for the command line (scripts/import.ts) to send one request at a time: each
// request then stays far inside the Workers limits (CPU time, D1 queries per request),
// shows progress, and can be sent again safely (imports are idempotent). The cut is made
// on the source text, so every chunk is the file's own bytes; nothing is re-serialised.

/** The file's text, or several files' texts that hold its threads between them. */
export function splitExport(format: ImportFormat, text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  switch (format) {
    case "wxr":
      return splitWxr(text, maxChars);
    case "disqus":
      return splitDisqus(text, maxChars);
    case "isso":
      return splitJsonList(JSON.parse(text) as unknown[], maxChars, (threads) => JSON.stringify(threads));
    case "bascule": {
      const { threads, ...rest } = JSON.parse(text) as { threads: unknown[] };
      return splitJsonList(threads, maxChars, (part) => JSON.stringify({ ...rest, threads: part }));
    }
  }
}

interface Span {
  start: number;
  end: number;
}

/** Groups of spans whose text adds up to at most maxChars (a bigger group stays whole, alone). */
function pack<T extends { size: number }>(groups: readonly T[], maxChars: number, overhead: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = overhead;
  for (const group of groups) {
    if (current.length > 0 && size + group.size > maxChars) {
      chunks.push(current);
      current = [];
      size = overhead;
    }
    current.push(group);
    size += group.size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function splitWxr(text: string, maxChars: number): string[] {
  const items: (Span & { size: number })[] = [];
  let first = -1;
  readXml(text, 2, {
    element(element) {
      if (element.name !== "item") return;
      if (first === -1) first = element.start;
      if (element.children.some((candidate) => candidate.name === "wp:comment")) {
        items.push({ start: element.start, end: element.end, size: element.end - element.start });
      }
    },
  });
  // Everything before the first item (the <rss> and <channel> start tags, namespaces, site data) heads every chunk.
  const head = text.slice(0, first === -1 ? 0 : first);
  const tail = "\n</channel>\n</rss>\n";
  return pack(items, maxChars, head.length + tail.length).map(
    (group) => head + group.map((item) => text.slice(item.start, item.end)).join("\n") + tail,
  );
}

function splitDisqus(text: string, maxChars: number): string[] {
  const threads = new Map<string, Span>();
  const posts = new Map<string, Span[]>();
  let first = -1;
  readXml(text, 1, {
    element(element: XmlElement) {
      if (first === -1) first = element.start;
      const span = { start: element.start, end: element.end };
      if (element.name === "thread") threads.set(element.attributes["dsq:id"] ?? "", span);
      if (element.name === "post") {
        const thread = child(element, "thread")?.attributes["dsq:id"] ?? "";
        const list = posts.get(thread);
        if (list) list.push(span);
        else posts.set(thread, [span]);
      }
    },
  });
  const size = (spans: readonly Span[]) => spans.reduce((total, span) => total + span.end - span.start + 1, 0);
  const groups = [...threads].flatMap(([id, thread]) => {
    const own = posts.get(id) ?? [];
    return own.length === 0 ? [] : [{ spans: [thread, ...own], size: size([thread, ...own]) }];
  });
  // Posts of threads the file doesn't hold go with the first chunk, where the import reports them.
  const orphans = [...posts].filter(([id]) => !threads.has(id)).flatMap(([, spans]) => spans);
  if (orphans.length > 0) groups.unshift({ spans: orphans, size: size(orphans) });
  const head = text.slice(0, first === -1 ? 0 : first);
  const tail = "\n</disqus>\n";
  return pack(groups, maxChars, head.length + tail.length).map(
    (group) =>
      head +
      group
        .flatMap((entry) => entry.spans)
        .map((span) => text.slice(span.start, span.end))
        .join("\n") +
      tail,
  );
}

function splitJsonList(threads: readonly unknown[], maxChars: number, write: (part: unknown[]) => string): string[] {
  const groups = threads.map((thread) => ({ thread, size: JSON.stringify(thread).length + 1 }));
  return pack(groups, maxChars, write([]).length).map((group) => write(group.map((entry) => entry.thread)));
}
