// The parsing half of the HTML importers' conversion (html-to-markdown.ts writes the
// Markdown): a forgiving tokenizer and tree builder, enough for what comment forms allow.
// It only reads: nothing it builds is ever rendered as HTML.

export type HtmlNode = { tag: null; text: string } | HtmlElement;

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}

const VOID = new Set(["br", "hr", "img", "wbr", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track"]);
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"]);
/** Elements that make a block of their own; the writer ends a paragraph at them too. */
export const BLOCK = new Set([
  "p",
  "div",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "aside",
  "nav",
  "address",
  "figure",
  "figcaption",
  "center",
  "form",
  "fieldset",
  "details",
  "summary",
  "dl",
  "dt",
  "dd",
  "caption",
  "legend",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "ul",
  "ol",
  "li",
  "pre",
  "hr",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
]);
const MAX_DEPTH = 40;
const CLOSES_P = new Set(
  [...BLOCK].filter(
    (tag) => !["li", "dt", "dd", "tr", "thead", "tbody", "tfoot", "caption", "legend", "summary", "figcaption"].includes(tag),
  ),
);

// No "<" inside a tag: a broken tag then fails at the next "<", so hostile input costs linear time.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"<]*)"|'([^'<]*)'|([^\s"'=<>`]+)))?/g;

export function parseHtml(html: string): HtmlElement {
  const lower = html.toLowerCase();
  const root: HtmlElement = { tag: "#root", attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const current = () => stack[stack.length - 1] as HtmlElement;
  const addText = (text: string) => {
    if (text === "") return;
    const last = current().children.at(-1);
    if (last?.tag === null) last.text += text;
    else current().children.push({ tag: null, text });
  };
  const closeUpTo = (tag: string, stopAt: readonly string[] = []) => {
    for (let index = stack.length - 1; index > 0; index -= 1) {
      const open = (stack[index] as HtmlElement).tag;
      if (stopAt.includes(open)) return;
      if (open === tag) {
        stack.length = index;
        return;
      }
    }
  };

  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf("<", at);
    if (lt === -1) {
      addText(html.slice(at));
      break;
    }
    addText(html.slice(at, lt));
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      at = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const end = html.indexOf(">", lt);
      at = end === -1 ? html.length : end + 1;
      continue;
    }
    TAG.lastIndex = lt;
    const match = TAG.exec(html);
    if (match === null) {
      addText("<");
      at = lt + 1;
      continue;
    }
    at = TAG.lastIndex;
    const closing = match[1] === "/";
    const tag = (match[2] ?? "").toLowerCase();
    if (closing) {
      if (tag === "br") current().children.push({ tag: "br", attrs: {}, children: [] });
      else closeUpTo(tag);
      continue;
    }
    if (RAW_TEXT.has(tag)) {
      // Their content is never markup: skip it whole (a script's text is not a comment's).
      const end = lower.indexOf(`</${tag}`, at);
      at = end === -1 ? html.length : html.indexOf(">", end) + 1 || html.length;
      continue;
    }
    if (tag === "p" || CLOSES_P.has(tag)) closeUpTo("p", ["ul", "ol", "blockquote", "table", "div", "li", "td", "th", "dd"]);
    if (tag === "li") closeUpTo("li", ["ul", "ol"]);
    if (tag === "dt" || tag === "dd") {
      closeUpTo("dt", ["dl"]);
      closeUpTo("dd", ["dl"]);
    }
    if (tag === "td" || tag === "th") {
      closeUpTo("td", ["tr", "table"]);
      closeUpTo("th", ["tr", "table"]);
    }
    if (tag === "tr") closeUpTo("tr", ["table"]);
    // Deeper nesting than any comment needs is flattened, so that converting never runs out of stack.
    if (stack.length > MAX_DEPTH && !VOID.has(tag)) continue;
    const element: HtmlElement = { tag, attrs: parseAttributes(match[3] ?? ""), children: [] };
    current().children.push(element);
    if (!VOID.has(tag)) stack.push(element);
  }
  return root;
}

function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? "").toLowerCase();
    if (!(name in attrs)) attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attrs;
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  laquo: "«",
  raquo: "»",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  sbquo: "‚",
  bdquo: "„",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  times: "×",
  divide: "÷",
  deg: "°",
  middot: "·",
  bull: "•",
  para: "¶",
  sect: "§",
  shy: "\u00ad",
  iexcl: "¡",
  iquest: "¿",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
  plusmn: "±",
  micro: "µ",
  prime: "′",
  Prime: "″",
  larr: "←",
  rarr: "→",
  uarr: "↑",
  darr: "↓",
  harr: "↔",
  hearts: "♥",
  eacute: "é",
  egrave: "è",
  ecirc: "ê",
  agrave: "à",
  aacute: "á",
  acirc: "â",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  szlig: "ß",
  ccedil: "ç",
  ntilde: "ñ",
  oacute: "ó",
  iacute: "í",
  uacute: "ú",
  Eacute: "É",
  Auml: "Ä",
  Ouml: "Ö",
  Uuml: "Ü",
  thinsp: "\u2009",
  ensp: "\u2002",
  emsp: "\u2003",
  zwnj: "\u200c",
  zwj: "\u200d",
};

export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED[name] ?? whole;
  });
}
