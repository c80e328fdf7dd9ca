// The only way the WXR export writes XML (issue 10, item 15): every piece of data goes
// through one of these, so whatever a site holds (control characters, lone surrogates,
// "]]>", "--" in a site key) the file is well-formed XML 1.0.
// test/worker/export-xml.test.ts parses exports back with a real XML parser (saxes).

// Characters XML 1.0 can't hold at all, even escaped (its Char production).
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Character data or an attribute value (double-quoted). */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, "").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** A CDATA section holding exactly `value` (a "]]>" inside is split across two sections). */
export function xmlCdata(value: string): string {
  return `<![CDATA[${xmlCdataPart(value)}]]>`;
}

/**
 * A piece of a CDATA section's content, for sections written in pieces. A "]]>" that
 * straddles two pieces is not caught: split only where that can't happen.
 */
export function xmlCdataPart(value: string): string {
  return value.replace(NOT_XML, "").replaceAll("]]>", "]]]]><![CDATA[>");
}

/**
 * A comment. XML forbids "--" anywhere inside one and a "-" just before its end: each "-"
 * followed by another gets a space after it ("---" reads "- - -"), and the text is
 * framed by spaces. Entities mean nothing in a comment, so nothing else changes.
 */
export function xmlComment(value: string): string {
  return `<!-- ${value.replace(NOT_XML, "").replace(/-(?=-)/g, "- ")} -->`;
}
