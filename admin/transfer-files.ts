import type { ImportFormat } from "../worker/lib/import/model.ts";

// The files the "Import and export" section sends and saves (issue 6): which format a file
// looks like, the content type it goes with, and how an export reaches the owner's disk.
// The worker has the last word on a format (it answers 400 wrong_format naming the one the
// file looks like); the guess here only saves the owner a choice in the usual case.

export type { ImportFormat };

export type ExportFormat = "bascule" | "wxr";

/** In the order the select shows them. */
export const IMPORT_FORMATS = ["wxr", "disqus", "isso", "bascule"] as const satisfies readonly ImportFormat[];

/**
 * What the worker accepts in one request (worker/routes/admin/transfer.ts IMPORT_MAX_BYTES).
 * A larger file is refused here, before minutes of upload; the command line sends it in pieces.
 */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** How much of a file the guess reads: the root element and its namespaces are near the top. */
export const SNIFF_BYTES = 16 * 1024;

export function contentTypeOf(format: ImportFormat | ExportFormat): string {
  return format === "wxr" || format === "disqus" ? "application/xml" : "application/json";
}

/**
 * The format a file is in, from its first bytes, else from its name; null when neither says.
 * The same signs as the worker's sniffFormat (worker/lib/import/index.ts), read from the start only.
 */
export function guessFormat(name: string, head: string): ImportFormat | null {
  const start = head.replace(/^\ufeff/, "").trimStart();
  if (start.startsWith("[")) return "isso";
  if (start.startsWith("{") && /"format"\s*:\s*"bascule"/.test(start)) return "bascule";
  if (start.startsWith("<")) {
    if (/<disqus[\s>]/.test(start)) return "disqus";
    if (/<rss[\s>]/.test(start) && /wordpress\.org\/export\/|<wp:wxr_version|<wp:comment>/.test(start)) return "wxr";
  }
  const lower = name.toLowerCase();
  if (lower.endsWith(".xml")) {
    if (lower.includes("disqus")) return "disqus";
    if (/wordpress|wxr/.test(lower)) return "wxr";
  }
  if (lower.endsWith(".json")) {
    if (lower.includes("isso")) return "isso";
    if (lower.includes("bascule")) return "bascule";
  }
  return null;
}

/** Reads the start of a file and guesses its format. */
export async function guessFileFormat(file: Blob & { name: string }): Promise<ImportFormat | null> {
  let head = "";
  try {
    head = await file.slice(0, SNIFF_BYTES).text();
  } catch {
    // Unreadable (moved or deleted since it was picked): the name may still say.
  }
  return guessFormat(file.name, head);
}

/** `bascule-blog-2026-11-26.json`: the worker's Content-Disposition name, else one made the same way. */
export function exportFileName(site: string, format: ExportFormat, disposition: string | null, now = new Date()): string {
  const given = /filename="([^"/\\]+)"/i.exec(disposition ?? "")?.[1];
  return given ?? `bascule-${site}-${now.toISOString().slice(0, 10)}.${format === "wxr" ? "xml" : "json"}`;
}

/** How long a saved file's blob: URL lives: long enough for the browser to start the download. */
const REVOKE_AFTER_MS = 30_000;

/**
 * Saves a fetched file through a temporary `<a download>` and a blob: URL. The export needs the
 * Bearer token, which a plain link can't send and a URL must never hold. Following a blob: URL
 * with `download` is a download, not a fetch, so the page's CSP (`connect-src 'self'`) allows it.
 */
export function saveBlob(blob: Blob, name: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  // In the document: Firefox follows only a link that is in one.
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
