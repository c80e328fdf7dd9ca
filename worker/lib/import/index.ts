import { parseBascule } from "./bascule.ts";
import { parseDisqus } from "./disqus.ts";
import { parseIsso } from "./isso.ts";
import { checkThreads, ImportFileError, type ImportFile, type ImportFormat } from "./model.ts";
import { parseWxr } from "./wxr.ts";

// The importers' front door: check that the file is the format the owner named (a file in
// another format gets an answer naming the one it looks like), then parse it whole and check
// every thread's page and URL the same way for every format. Nothing is written before the
// whole file has parsed, so a malformed file writes nothing.

const NAMES: Record<ImportFormat, string> = {
  wxr: "a WordPress export (WXR)",
  disqus: "a Disqus export",
  isso: "an Isso JSON export",
  bascule: "a Bascule export",
};

interface Sniffed {
  format: ImportFormat | null;
  /** What the file looks like, for messages: "a Disqus export", "an XML file with root <feed>". */
  looksLike: string;
}

/** Recognises a format from the start of the file, even when the rest is broken. */
function sniffFormat(text: string): Sniffed {
  // The start is enough, and keeps the patterns below cheap on a file of any size.
  const start = text
    .slice(0, 200_000)
    .replace(/^\ufeff/, "")
    .trimStart();
  if (start === "") return { format: null, looksLike: "an empty file" };
  if (start.startsWith("{")) {
    return /^\{\s*"format"\s*:\s*"bascule"/.test(start) || /"format"\s*:\s*"bascule"/.test(start.slice(0, 4000))
      ? { format: "bascule", looksLike: NAMES.bascule }
      : { format: null, looksLike: "a JSON object that is not a Bascule export" };
  }
  if (start.startsWith("[")) return { format: "isso", looksLike: NAMES.isso };
  if (start.startsWith("<")) {
    const root = /^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>))*\s*<([A-Za-z_][\w.:-]*)/.exec(start)?.[1];
    if (root === "rss") {
      return /wordpress\.org\/export\/|<wp:wxr_version|<wp:comment>/.test(start)
        ? { format: "wxr", looksLike: NAMES.wxr }
        : { format: null, looksLike: "an RSS feed that is not a WordPress export" };
    }
    if (root === "disqus") return { format: "disqus", looksLike: NAMES.disqus };
    if (root === "html" || /^<!doctype html/i.test(start)) return { format: null, looksLike: "an HTML page" };
    return { format: null, looksLike: root ? `an XML file whose root is <${root}>` : "a file that is not XML" };
  }
  return { format: null, looksLike: "a file that is neither XML nor JSON" };
}

export function parseImport(format: ImportFormat, text: string): ImportFile {
  const sniffed = sniffFormat(text);
  if (sniffed.format === null && sniffed.looksLike === "an empty file") {
    throw new ImportFileError("empty_file", "The request body is empty: send the export file itself as the body.");
  }
  if (sniffed.format !== format) {
    const hint = sniffed.format ? ` Import it with format=${sniffed.format}.` : "";
    throw new ImportFileError("wrong_format", `This file looks like ${sniffed.looksLike}, not ${NAMES[format]}.${hint}`);
  }
  return checkThreads(parse(format, text));
}

function parse(format: ImportFormat, text: string): ImportFile {
  switch (format) {
    case "wxr":
      return parseWxr(text);
    case "disqus":
      return parseDisqus(text);
    case "isso":
      return parseIsso(text);
    case "bascule":
      return parseBascule(text);
  }
}

export { ImportFileError } from "./model.ts";
export type { ImportFile } from "./model.ts";
