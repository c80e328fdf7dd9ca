// The one renderer for everything readers write. It parses Markdown into a syntax tree
// and writes HTML itself from an allow-list of node types, escaping every piece of text,
// so no input can produce an element, attribute or URL scheme that is not listed here.
// Raw HTML in the source is shown as text, never passed through.
import type { Definition, Link, Nodes, Parents, Text } from "mdast";
import { fromMarkdown, type Options } from "mdast-util-from-markdown";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { linearData } from "./markdown-data.ts";
// Loaded for its effect: micromark's edit map, made to cost what it edits (issue 10, item 4).
import "./markdown-edit-map.ts";
import { linearLazyLines } from "./markdown-lazy.ts";
import { linearSetext } from "./markdown-setext.ts";

const LINK_REL = "nofollow ugc noopener";
const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** The URL as an absolute http, https or mailto URL, or null for anything else. */
export function safeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
}

// Nesting past these depths is never a real comment, and it makes the parser recurse
// until the stack runs out (thousands of `>` take seconds, then overflow).
const MAX_CONTAINER_DEPTH = 32;
const DEEP_EMPHASIS = /([*_~])\1{32}/;
// Matching emphasis is quadratic in its delimiter runs: 3,000 of them take seconds.
const MAX_EMPHASIS_RUNS = 400;

function tooIntricate(source: string): boolean {
  return (
    containerDepth(source) > MAX_CONTAINER_DEPTH || DEEP_EMPHASIS.test(source) || (source.match(/[*_~]+/g)?.length ?? 0) > MAX_EMPHASIS_RUNS
  );
}

/**
 * GFM's bare URLs and `~~strike~~`, with micromark's steps that cost more than the size of the
 * input replaced by ones that build the same tree (issue 10, item 4; bench/markdown.ts).
 */
export const PARSE_OPTIONS: Options = {
  // linearData last: it must be tried before every other text construct, and the last
  // extension's constructs are tried first.
  extensions: [gfmAutolinkLiteral(), gfmStrikethrough({ singleTilde: false }), linearSetext(), linearLazyLines(), linearData()],
  mdastExtensions: [gfmAutolinkLiteralFromMarkdown(), gfmStrikethroughFromMarkdown()],
};

export function renderMarkdown(source: string): string {
  if (tooIntricate(source)) return renderPlainText(source);
  try {
    const tree = fromMarkdown(source, PARSE_OPTIONS);
    mendLiteralLinks(tree, source);
    const definitions = new Map<string, Definition>();
    collectDefinitions(tree, definitions);
    return render(tree, definitions);
  } catch (error) {
    // Nesting built some other way: the stack ran out. Show what was written, as text.
    if (error instanceof RangeError) return renderPlainText(source);
    throw error;
  }
}

/** Paragraphs of escaped text, for sources too deeply nested to parse. */
export function renderPlainText(source: string): string {
  return source
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim() !== "")
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim())}</p>`)
    .join("");
}

/** The most block containers (quotes, list items) any line opens. */
function containerDepth(source: string): number {
  let deepest = 0;
  for (const line of source.split("\n")) {
    const markers = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*/.exec(line)?.[0] ?? "";
    const depth = markers.replace(/[ \t\d]/g, "").length;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

// Bare URLs (GFM autolink literals) take every character up to a space or "<", backslashes
// included, so Markdown's own escapes ended up inside the link (issue 10, item 17):
// - `https://x.example/a\_b`: the `\_` a writer (or html-to-markdown, for a WordPress
//   comment) typed so that `_` is not emphasis became part of the address, and the URL
//   parser read the backslash as "/";
// - `https://x.example/\` at the end of a line, a hard line break: the link swallowed the
//   backslash and the break was lost.
// So inside a bare URL a backslash before ASCII punctuation is an escape, as it is in a link
// destination, and a backslash the link ends with goes back to the text: a line break
// before a line ending, nothing before the punctuation it escapes, itself otherwise.
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
const PUNCTUATION = /^[!-/:-@[-`{-~]/;

function mendLiteralLinks(node: Nodes, source: string): void {
  if (!("children" in node)) return;
  const children = node.children as Nodes[];
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index] as Nodes;
    if (isLiteralLink(child, source)) mendLiteralLink(child, children, index);
    else mendLiteralLinks(child, source);
  }
}

/** A link written as a bare URL: not `[text](url)`, not `<url>`, its one child the URL's text. */
function isLiteralLink(node: Nodes, source: string): node is Link & { children: [Text] } {
  if (node.type !== "link" || node.children.length !== 1 || node.children[0]?.type !== "text") return false;
  const opening = source[node.position?.start.offset ?? -1];
  return opening !== undefined && opening !== "[" && opening !== "<";
}

function mendLiteralLink(link: Link & { children: [Text] }, siblings: Nodes[], index: number): void {
  const label = link.children[0];
  label.value = label.value.replace(ESCAPED, "$1");
  link.url = link.url.replace(ESCAPED, "$1");
  if (!label.value.endsWith("\\") || !link.url.endsWith("\\")) return;
  label.value = label.value.slice(0, -1);
  link.url = link.url.slice(0, -1);
  const next = siblings[index + 1];
  const after = next?.type === "text" ? next.value : "";
  if (next?.type === "text" && after.startsWith("\n")) {
    // A hard break: the line ending and the next line's leading spaces are the break's.
    next.value = after.replace(/^\n[ \t]*/, "");
    siblings.splice(index + 1, 0, { type: "break" });
  } else if (!PUNCTUATION.test(after)) {
    if (next?.type === "text") next.value = `\\${after}`;
    else siblings.splice(index + 1, 0, { type: "text", value: "\\" });
  }
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>): void {
  if (node.type === "definition") into.set(node.identifier, node);
  if ("children" in node) for (const child of node.children) collectDefinitions(child, into);
}

function render(node: Nodes, definitions: Map<string, Definition>): string {
  const inner = () => renderChildren(node as Parents, definitions);
  switch (node.type) {
    case "root":
      return inner();
    case "paragraph":
      return `<p>${inner()}</p>`;
    // A comment has no place for page-level headings: they read as strong paragraphs.
    case "heading":
      return `<p><strong>${inner()}</strong></p>`;
    case "blockquote":
      return `<blockquote>${inner()}</blockquote>`;
    case "list": {
      const tag = node.ordered ? "ol" : "ul";
      const start = node.ordered && node.start != null && node.start !== 1 ? ` start="${Math.trunc(node.start)}"` : "";
      return `<${tag}${start}>${inner()}</${tag}>`;
    }
    case "listItem": {
      // A tight list item holds its paragraph's text directly, as readers expect.
      const parts = node.children.map((child) =>
        child.type === "paragraph" && !node.spread ? renderChildren(child, definitions) : render(child, definitions),
      );
      return `<li>${parts.join("")}</li>`;
    }
    case "thematicBreak":
      return "<hr>";
    case "code":
      return `<pre><code>${escapeHtml(node.value)}</code></pre>`;
    case "inlineCode":
      return `<code>${escapeHtml(node.value)}</code>`;
    case "emphasis":
      return `<em>${inner()}</em>`;
    case "strong":
      return `<strong>${inner()}</strong>`;
    case "delete":
      return `<del>${inner()}</del>`;
    case "break":
      return "<br>";
    case "text":
      return escapeHtml(node.value);
    // Raw HTML is shown as the text the reader typed.
    case "html":
      return escapeHtml(node.value);
    case "link":
      return renderLink(node.url, inner());
    case "linkReference": {
      const definition = definitions.get(node.identifier);
      return definition ? renderLink(definition.url, inner()) : inner();
    }
    // Images would make every reader's browser call a third-party host, so they
    // become plain links labelled with their alt text.
    case "image":
      return renderLink(node.url, escapeHtml(node.alt || node.url));
    case "imageReference": {
      const definition = definitions.get(node.identifier);
      const label = escapeHtml(node.alt || node.identifier);
      return definition ? renderLink(definition.url, label) : label;
    }
    case "definition":
      return "";
    default:
      // Node types from extensions we do not enable (tables, footnotes…): keep their text.
      return "children" in node ? inner() : "value" in node ? escapeHtml(String(node.value)) : "";
  }
}

function renderChildren(node: Parents, definitions: Map<string, Definition>): string {
  return node.children.map((child) => render(child, definitions)).join("");
}

function renderLink(rawUrl: string, label: string): string {
  const url = safeUrl(rawUrl);
  if (url === null) return label;
  return `<a href="${escapeHtml(url)}" rel="${LINK_REL}">${label || escapeHtml(url)}</a>`;
}
