import { safeUrl } from "../markdown.ts";
import { cleanText } from "../text.ts";
import { BLOCK, decodeEntities, parseHtml, type HtmlElement, type HtmlNode } from "./html-parse.ts";

// Comment HTML from WordPress and Disqus, turned into the Markdown our one renderer
// (worker/lib/markdown.ts) reads. This module never produces HTML: whatever it gets
// wrong, the renderer still escapes every text and allows only its own elements, so
// nothing unsafe can come through. What it aims for is that the comment reads the same.
//
// - Paragraphs, line breaks (WordPress's wpautop: a blank line is a paragraph, a single
//   newline a line break), bold, italics, strike-through, code, quotes and lists map to
//   their Markdown.
// - Headings become Markdown headings, which the renderer shows as strong paragraphs.
// - Links keep http, https and mailto targets only; others keep their text.
// - Images become Markdown images, which the renderer shows as links to the image
//   labelled with the alt text: no reader's browser ever fetches them (privacy rule).
// - Tables become one paragraph per row, cells separated by " | ".
// - Scripts, styles and anything unknown keep their text at most.
//
// html-parse.ts reads the HTML into a tree; this module writes that tree as Markdown.

/** Elements whose content is not comment text: dropped with everything inside. */
const DROPPED = new Set(["svg", "math", "template", "object", "select", "button", "head", "video", "audio", "canvas", "map"]);

// ---------------------------------------------------------------------------------------
// Writing Markdown

const BREAK = "\u0001"; // a hard line break, until a paragraph is finished

interface Block {
  kind: "paragraph" | "list" | "other";
  text: string;
}

class Blocks {
  readonly list: Block[] = [];
  private inline = "";

  text(text: string, preserveBreaks: boolean): void {
    const paragraphs = collapse(afterBreak(this.inline, text)).split(/ ?\n ?\n[ \t\n\f]*/);
    paragraphs.forEach((part, index) => {
      if (index > 0) this.flush();
      this.inline += preserveBreaks ? part.replace(/ ?\n ?/g, BREAK) : part;
    });
  }

  append(markdown: string): void {
    this.inline += markdown;
  }

  push(block: Block): void {
    this.flush();
    if (block.text.trim() !== "") this.list.push(block);
  }

  flush(): void {
    const text = finishParagraph(this.inline);
    this.inline = "";
    if (text !== "") this.list.push({ kind: "paragraph", text });
  }
}

/** Converts comment HTML to Markdown for worker/lib/markdown.ts. */
export function htmlToMarkdown(html: string): string {
  // Line ends first: cleanText drops a carriage return, which would join the lines it ends.
  const source = cleanText(html.replace(/\r\n?/g, "\n"));
  const blocks = new Blocks();
  renderBlocks(parseHtml(source).children, blocks);
  blocks.flush();
  return blocks.list.map((block) => block.text).join("\n\n");
}

function renderBlocks(nodes: readonly HtmlNode[], out: Blocks): void {
  for (const node of nodes) {
    if (node.tag === null) {
      out.text(escapeText(decodeEntities(node.text)), true);
      continue;
    }
    const tag = node.tag;
    if (DROPPED.has(tag)) continue;
    if (/^h[1-6]$/.test(tag)) {
      const text = inline(node.children, { ...TOP, breaks: false })
        .replaceAll(BREAK, " ")
        .replace(/\s+/g, " ")
        .trim();
      out.push({ kind: "other", text: text === "" ? "" : `${"#".repeat(Number(tag[1]))} ${text}` });
    } else if (tag === "blockquote") {
      const inner = new Blocks();
      renderBlocks(node.children, inner);
      inner.flush();
      const text = inner.list.map((block) => block.text).join("\n\n");
      out.push({
        kind: "other",
        text: text
          .split("\n")
          .map((line) => (line === "" ? ">" : `> ${line}`))
          .join("\n"),
      });
    } else if (tag === "ul" || tag === "ol") {
      out.push({ kind: "list", text: list(node) });
    } else if (tag === "pre" || (tag === "code" && textOf(node).includes("\n"))) {
      out.push({ kind: "other", text: fence(textOf(node).replace(/^\n/, "").trimEnd()) });
    } else if (tag === "hr") {
      out.push({ kind: "other", text: "***" });
    } else if (tag === "tr") {
      const cells = node.children.filter((cell): cell is HtmlElement => cell.tag === "td" || cell.tag === "th");
      const row = cells
        .map((cell) =>
          inline(cell.children, { ...TOP, breaks: false })
            .replaceAll(BREAK, " ")
            .replace(/\s+/g, " ")
            .trim(),
        )
        .filter((cell) => cell !== "");
      out.push({ kind: "paragraph", text: finishParagraph(row.join(" | ")) });
    } else if (BLOCK.has(tag)) {
      out.flush();
      renderBlocks(node.children, out);
      out.flush();
    } else if (tag === "br") {
      out.append(BREAK);
    } else {
      out.append(inline([node], TOP));
    }
  }
}

function list(node: HtmlElement): string {
  const ordered = node.tag === "ol";
  const start = Number.parseInt(node.attrs.start ?? "1", 10);
  let number = Number.isFinite(start) && start >= 0 && start < 1e9 ? start : 1;
  const items: { text: string; paragraphs: number }[] = [];
  for (const item of node.children) {
    if (item.tag === null && item.text.trim() === "") continue;
    const inner = new Blocks();
    renderBlocks(item.tag === "li" ? item.children : [item], inner);
    inner.flush();
    if (inner.list.length === 0) continue;
    const marker = ordered ? `${number}. ` : "- ";
    number += 1;
    const pad = " ".repeat(marker.length);
    // A nested list follows its item's text directly, so that a tight list stays tight.
    const text = inner.list
      .map((block, index) => (index === 0 ? "" : block.kind === "list" ? "\n" : "\n\n") + block.text)
      .join("")
      .split("\n")
      .map((line, index) => (index === 0 ? marker + line : line === "" ? "" : pad + line))
      .join("\n");
    items.push({ text, paragraphs: inner.list.filter((block) => block.kind !== "list").length });
  }
  const loose = items.some((item) => item.paragraphs > 1);
  return items.map((item) => item.text).join(loose ? "\n\n" : "\n");
}

interface InlineContext {
  /** Newlines in text are line breaks (wpautop), or else plain spaces. */
  breaks: boolean;
  /** Inside a link: links don't nest, and images become their alt text. */
  inLink: boolean;
  /** Emphasis markers already open: `<b>a <b>b</b></b>` is bold once. */
  open: ReadonlySet<string>;
}

const TOP: InlineContext = { breaks: true, inLink: false, open: new Set() };

/** Inline Markdown for these nodes. */
function inline(nodes: readonly HtmlNode[], context: InlineContext): string {
  let out = "";
  for (const node of nodes) {
    if (node.tag === null) {
      const text = collapse(escapeText(decodeEntities(afterBreak(out, node.text))));
      out += context.breaks ? text.replace(/ ?\n[ \t\n\f]*/g, BREAK) : text.replace(/[ \t\n\f]+/g, " ");
      continue;
    }
    const tag = node.tag;
    if (DROPPED.has(tag)) continue;
    const marker = EMPHASIS[tag];
    if (marker !== undefined) {
      if (context.open.has(marker)) out += inline(node.children, context);
      else out += wrap(marker, inline(node.children, { ...context, open: new Set([...context.open, marker]) }));
      continue;
    }
    switch (tag) {
      case "br":
        out += BREAK;
        break;
      case "code":
      case "kbd":
      case "samp":
      case "tt":
        out += codeSpan(textOf(node));
        break;
      case "q":
        out += `“${inline(node.children, context)}”`;
        break;
      case "a":
        out += link(node, context);
        break;
      case "img":
        out += image(node, context.inLink);
        break;
      default:
        // Blocks met inside inline elements, and unknown elements: their content, separated.
        out += BLOCK.has(tag) ? ` ${inline(node.children, context)} ` : inline(node.children, context);
    }
  }
  return out;
}

const EMPHASIS: Readonly<Record<string, string>> = {
  strong: "**",
  b: "**",
  em: "*",
  i: "*",
  cite: "*",
  dfn: "*",
  var: "*",
  del: "~~",
  s: "~~",
  strike: "~~",
};

function link(node: HtmlElement, context: InlineContext): string {
  const label = inline(node.children, { ...context, inLink: true });
  const url = context.inLink ? null : safeUrl(node.attrs.href ?? "");
  if (url === null) return label;
  return `[${label.trim() === "" ? escapeText(url) : label}](${destination(url)})`;
}

function image(node: HtmlElement, inLink: boolean): string {
  const alt = escapeText((node.attrs.alt ?? "").replace(/\s+/g, " ").trim());
  const url = inLink ? null : safeUrl(node.attrs.src ?? "");
  if (url === null) return alt;
  return `![${alt}](${destination(url)})`;
}

/** A link destination in angle brackets: safeUrl's href has no spaces, quotes or brackets left. */
function destination(url: string): string {
  return `<${url.replaceAll("\\", "%5C").replaceAll("<", "%3C").replaceAll(">", "%3E")}>`;
}

/** Emphasis needs its markers against the text, so surrounding spaces and breaks move outside. */
function wrap(marker: string, text: string): string {
  const [start, end] = trimmedRange(text);
  if (start === end) return text;
  return `${text.slice(0, start)}${marker}${text.slice(start, end)}${marker}${text.slice(end)}`;
}

/** Where the text starts and ends once spaces and breaks are trimmed (loops, not a regex: a
 * pattern anchored at the end would retry every position of a long run of spaces). */
function trimmedRange(text: string): [number, number] {
  const blank = (char: string | undefined) => char !== undefined && (char === BREAK || HTML_SPACE.test(char));
  let start = 0;
  let end = text.length;
  while (start < end && blank(text[start])) start += 1;
  while (end > start && blank(text[end - 1])) end -= 1;
  return [start, end];
}

// HTML's white space (ASCII only): a no-break space (`&nbsp;`) is text, and the leading ones
// of a line are how comments indent code (issue 10, item 17).
const HTML_SPACE = /[ \t\n\r\f]/;

/** `<br />` then a newline (WordPress's own markup) is one line break, not two. */
function afterBreak(before: string, text: string): string {
  return before.endsWith(BREAK) ? text.replace(/^[ \t]*\n/, "") : text;
}

/** Runs of spaces and tabs as one space (outside <pre>, as HTML shows them). */
function collapse(text: string): string {
  return text.replace(/[ \t\r\f]+/g, " ");
}

function codeSpan(raw: string): string {
  const text = raw.replace(/[ \t\n\r\f]+/g, " ");
  if (text.trim() === "") return text;
  const ticks = "`".repeat(longestRun(text, 1) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

function fence(text: string): string {
  const ticks = "`".repeat(Math.max(3, longestRun(text, 3) + 1));
  return `${ticks}\n${text}\n${ticks}`;
}

/**
 * The longest run of backticks (counting runs of at least `shortest`), 0 if none. A loop:
 * spreading every run into Math.max overflowed the stack on 200,000 runs (issue 10, item 3).
 */
function longestRun(text: string, shortest: number): number {
  let longest = 0;
  for (const run of text.matchAll(/`+/g)) if (run[0].length >= shortest && run[0].length > longest) longest = run[0].length;
  return longest;
}

/** All the text under a node, entities decoded, for code, where Markdown is not read. */
function textOf(node: HtmlNode): string {
  if (node.tag === null) return decodeEntities(node.text);
  if (node.tag === "br") return "\n";
  if (DROPPED.has(node.tag)) return "";
  return node.children.map(textOf).join("");
}

/** Backslash-escapes what Markdown would read as markup in running text. */
function escapeText(text: string): string {
  return text
    .replace(/[\\`*[\]<]/g, "\\$&")
    .replace(/~(?=~)|(?<=~)~/g, "\\~")
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, "\\&");
}

/** Tidies one paragraph: spaces collapsed, breaks written, line starts that would be markup escaped. */
function finishParagraph(markdown: string): string {
  const text = markdown.replace(/[ \t\n\r\f]+/g, " ").replace(/ ?\u0001 ?/g, BREAK);
  const [start, end] = trimmedRange(text);
  return text
    .slice(start, end)
    .split(BREAK)
    .map((line) => escapeLineStart(line.replace(/^ | $/g, "")))
    .join("\\\n");
}

function escapeLineStart(line: string): string {
  return line
    .replace(/^(#{1,6})(?=\s|$)/, "\\$1")
    .replace(/^([-+])(?=\s|$)/, "\\$1")
    .replace(/^(=+|-+)$/, "\\$1")
    .replace(/^>/, "\\>")
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
}
