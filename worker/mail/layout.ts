// Every mail is plain text plus simple HTML built from the same pieces: no remote images, no
// tracking pixel, no link rewriting. Text that readers wrote arrives here already rendered by
// the one renderer (lib/markdown.ts) or is escaped here.
import { escapeHtml } from "../lib/markdown.ts";

export type MailPiece =
  | { kind: "text"; text: string }
  /** A comment's HTML as lib/markdown.ts rendered it, with its Markdown source for the text part. */
  | { kind: "comment"; html: string; source: string }
  | { kind: "link"; label: string; url: string };

export interface MailBody {
  text: string;
  html: string;
}

export function mailBody(pieces: MailPiece[], footer: MailPiece[] = []): MailBody {
  const text = [...pieces, ...footer].map(pieceText).join("\n\n");
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    ...pieces.map(pieceHtml),
    footer.length > 0 ? `<hr><div style="font-size:small;color:#555">${footer.map(pieceHtml).join("")}</div>` : "",
    "</body></html>",
  ].join("\n");
  return { text, html };
}

function pieceText(piece: MailPiece): string {
  switch (piece.kind) {
    case "text":
      return piece.text;
    case "comment":
      return piece.source
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n");
    case "link":
      return `${piece.label}: ${piece.url}`;
  }
}

function pieceHtml(piece: MailPiece): string {
  switch (piece.kind) {
    case "text":
      return `<p>${escapeHtml(piece.text)}</p>`;
    case "comment":
      return `<blockquote style="margin:0;padding-left:1em;border-left:3px solid #ccc">${piece.html}</blockquote>`;
    case "link":
      return `<p><a href="${escapeHtml(piece.url)}">${escapeHtml(piece.label)}</a></p>`;
  }
}
