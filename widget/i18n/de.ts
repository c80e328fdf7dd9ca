import type { Locale } from "./en.ts";

// German: readers are not addressed at all (infinitives, passive: "Erneut versuchen"), which
// reads naturally on blogs that say "du" and on those that say "Sie". Quotation marks „…“,
// "E-Mail" with a hyphen, no space before the ellipsis.
export const de: Locale = {
  dir: "ltr",
  "thread.label": "Kommentare",
  "thread.count": { one: "{n} Kommentar", other: "{n} Kommentare" },
  "thread.loading": "Kommentare werden geladen…",
  "thread.error": "Die Kommentare konnten nicht geladen werden.",
  "thread.retry": "Erneut versuchen",
  "thread.more": "Weitere Kommentare laden",
  "thread.moreReplies": { one: "{n} weitere Antwort anzeigen", other: "{n} weitere Antworten anzeigen" },
  "thread.closed": "Die Kommentare sind geschlossen.",
  "thread.sort": "Sortieren nach",
  "sort.oldest": "Älteste",
  "sort.newest": "Neueste",
  "sort.top": "Beliebteste",

  "comment.anonymous": "Anonym",
  "comment.owner": "Autor",
  "comment.pending": "Wartet auf Freigabe",
  "comment.deleted": "Kommentar gelöscht",
  "comment.reply": "Antworten",
  "comment.replyTo": "{name} antworten",
  "comment.inReplyTo": "als Antwort auf {name}",
  "comment.edited": "bearbeitet",
  "comment.like": { other: "Gefällt mir ({n})" },

  "form.title": "Kommentar schreiben",
  "form.name": "Name",
  "form.email": "E-Mail (optional, wird nie angezeigt)",
  "form.website": "Website (optional)",
  "form.body": "Kommentar",
  "form.submit": "Kommentar abschicken",
  "form.sending": "Wird gesendet…",
  "form.cancel": "Abbrechen",
  "form.preview": "Vorschau",
  "form.hint": "**fett**, *kursiv*, `Code`, > Zitat, Links",

  "error.network": "Der Server ist nicht erreichbar. Bitte erneut versuchen.",
  "error.generic": "Etwas ist schiefgelaufen. Bitte erneut versuchen.",

  "comment.edit": "Bearbeiten",
  "comment.delete": "Löschen",
  "comment.confirm": "Löschen?",
  "comment.yes": "Ja",
  "comment.no": "Nein",
  "form.save": "Speichern",
  "form.published": "Der Kommentar ist veröffentlicht.",
  "form.pending": "Danke! Der Kommentar erscheint, sobald er freigegeben ist.",
};
