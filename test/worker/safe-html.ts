import { parseFragment, type DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];

const FORBIDDEN_ELEMENTS = new Set(["script", "iframe", "object", "embed", "style", "form", "img", "svg", "math", "link", "meta", "base", "input", "button", "textarea", "frame", "frameset", "video", "audio", "source", "template"]);
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
