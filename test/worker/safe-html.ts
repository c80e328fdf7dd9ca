import { parseFragment, type DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];

const FORBIDDEN_ELEMENTS = new Set([
  "script",
  "iframe",
  "object",
  "embed",
  "style",
  "form",
  "img",
  "svg",
  "math",
  "link",
  "meta",
  "base",
  "input",
  "button",
  "textarea",
  "frame",
  "frameset",
  "video",
  "audio",
  "source",
  "template",
]);
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background"]);
const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);

/** Every problem a real HTML parser finds in rendered comment HTML; empty when safe. */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const visit = (node: Node): void => {
    if ("tagName" in node) {
      if (FORBIDDEN_ELEMENTS.has(node.tagName)) problems.push(`<${node.tagName}> element`);
      for (const { name, value } of node.attrs) {
        if (name.startsWith("on")) problems.push(`${name} attribute`);
        if (name === "style") problems.push("style attribute");
        if (URL_ATTRIBUTES.has(name) && !hasSafeScheme(value)) problems.push(`${name}="${value}"`);
      }
    }
    if ("childNodes" in node) node.childNodes.forEach(visit);
    if ("content" in node) visit(node.content as Node);
  };
  visit(parseFragment(html) as unknown as Node);
  return problems;
}

function hasSafeScheme(value: string): boolean {
  try {
    return SAFE_SCHEMES.has(new URL(value).protocol);
  } catch {
    return false;
  }
}

// Block elements the renderer emits: their edges separate words the way a browser's
// layout does, so `<p>a</p><p>b</p>` reads "a b", not "ab".
const BLOCK_ELEMENTS = new Set(["p", "blockquote", "ul", "ol", "li", "pre", "hr", "br"]);

/** The text a reader sees in rendered HTML, as a real HTML parser reads it (entities decoded). */
export function textContent(html: string): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeName === "#text" && "value" in node) parts.push(node.value);
    const block = "tagName" in node && BLOCK_ELEMENTS.has(node.tagName);
    if (block) parts.push("\n");
    if ("childNodes" in node) node.childNodes.forEach(visit);
    if (block) parts.push("\n");
  };
  visit(parseFragment(html) as unknown as Node);
  return parts.join("");
}

/** Runs of white space as one space, none at the ends: what survives Markdown's paragraphs and line joins. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}
