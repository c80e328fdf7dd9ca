import { SaxesParser } from "saxes";
import { ImportFileError } from "./model.ts";

// A streaming XML reader on saxes: strict XML 1.0 (a truncated or broken file fails with
// the line and column where it broke), no DOM of the whole file. Only the subtrees the
// caller asks for (elements at one depth: WXR's <item>, Disqus's <thread> and <post>) are
// built, handed over one at a time and dropped.

export interface XmlElement {
  /** As written, prefix included: "wp:comment". WXR and Disqus files always use these prefixes. */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, entities decoded (children's text not included). */
  text: string;
  line: number;
  /** Offsets in the source string: from "<" of the start tag to just after the end tag. */
  start: number;
  end: number;
}

interface XmlVisitor {
  /** The root element's name, as soon as it is read. */
  root?(name: string, attributes: Record<string, string>): void;
  /** Each element at `depth` (the root is depth 0), complete with its subtree. */
  element(element: XmlElement): void;
}

export function readXml(source: string, depth: number, visitor: XmlVisitor): void {
  const parser = new SaxesParser({ position: true });
  // The open elements (names and lines) above the subtree being built, for error messages.
  const open: { name: string; line: number }[] = [];
  const building: XmlElement[] = [];

  parser.on("opentag", (tag) => {
    const line = parser.line;
    if (open.length === 0) visitor.root?.(tag.name, tag.attributes as Record<string, string>);
    if (open.length >= depth) {
      const start = source.lastIndexOf("<", parser.position - 1);
      const element: XmlElement = {
        name: tag.name,
        attributes: tag.attributes as Record<string, string>,
        children: [],
        text: "",
        line,
        start,
        end: start,
      };
      building.at(-1)?.children.push(element);
      building.push(element);
    }
    open.push({ name: tag.name, line });
  });
  parser.on("closetag", () => {
    open.pop();
    const element = building.pop();
    if (element === undefined) return;
    element.end = parser.position;
    if (building.length === 0) visit(element);
  });
  const addText = (text: string) => {
    const element = building.at(-1);
    if (element !== undefined) element.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);

  // Only what saxes finds wrong is malformed XML: an error thrown while reading a well-formed
  // element (by the visitor) is that error, not "malformed XML: Maximum call stack size
  // exceeded" (issue 10, item 3).
  let visiting = false;
  const visit = (element: XmlElement) => {
    visiting = true;
    visitor.element(element);
    visiting = false;
  };
  try {
    parser.write(source).close();
  } catch (error) {
    if (error instanceof ImportFileError || visiting) throw error;
    const raw = (error as Error).message;
    const match = /^(\d+):(\d+): (.*)$/s.exec(raw);
    const line = match ? Number(match[1]) : parser.line;
    const column = match ? Number(match[2]) + 1 : parser.column + 1;
    const inside = open.at(-1);
    const where = inside ? `, inside <${inside.name}> opened on line ${inside.line}` : "";
    const reason = (match?.[3] ?? raw).replace(/\.$/, "");
    throw new ImportFileError(
      "malformed_file",
      `The XML is malformed at line ${line}, column ${column}: ${reason}${where}${quoteLine(source, line)}.`,
      line,
    );
  }
}

/** The line the error is on, shortened, so the owner can find it: ` (the line reads "…")`. */
function quoteLine(source: string, line: number): string {
  let start = 0;
  for (let current = 1; current < line && start !== -1; current += 1) start = source.indexOf("\n", start) + 1 || -1;
  if (start === -1) return "";
  const end = source.indexOf("\n", start);
  const text = source.slice(start, end === -1 ? undefined : end).trim();
  if (text === "") return "";
  return ` (the line reads "${text.length > 80 ? `${text.slice(0, 77)}...` : text}")`;
}

/** The first child with this name, or undefined. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

/** The text of the first child with this name, or null when there is none. */
export function childText(element: XmlElement, name: string): string | null {
  return child(element, name)?.text ?? null;
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((candidate) => candidate.name === name);
}
