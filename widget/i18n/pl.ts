import type { Locale } from "./en.ts";

// Polish: the noun after a number takes its case from the number (Intl.PluralRules):
// one "1 komentarz", few "2 komentarze" (2–4, 22–24…), many "5 komentarzy" (0, 5–21, 25…),
// other for fractions "1,5 komentarza". Readers get the informal imperative ("Spróbuj"),
// as Polish blogs and apps write. A name can't be declined, so it stands in apposition to
// "użytkownik", which can ("Odpowiedz użytkownikowi Ania"). Quotation marks „…”.
export const pl: Locale = {
  dir: "ltr",
  "thread.label": "Komentarze",
  "thread.count": { one: "{n} komentarz", few: "{n} komentarze", many: "{n} komentarzy", other: "{n} komentarza" },
  "thread.loading": "Wczytywanie komentarzy…",
  "thread.error": "Nie udało się wczytać komentarzy.",
  "thread.retry": "Spróbuj ponownie",
  "thread.more": "Wczytaj więcej komentarzy",
  "thread.moreReplies": {
    one: "Pokaż jeszcze {n} odpowiedź",
    few: "Pokaż jeszcze {n} odpowiedzi",
    many: "Pokaż jeszcze {n} odpowiedzi",
    other: "Pokaż jeszcze {n} odpowiedzi",
  },
  "thread.closed": "Komentarze są zamknięte.",
  "thread.sort": "Sortuj według",
  "sort.oldest": "Najstarsze",
  "sort.newest": "Najnowsze",
  "sort.top": "Najpopularniejsze",

  "comment.anonymous": "Anonim",
  "comment.owner": "Autor",
  "comment.pending": "Czeka na moderację",
  "comment.deleted": "Komentarz usunięty",
  "comment.reply": "Odpowiedz",
  "comment.replyTo": "Odpowiedz użytkownikowi {name}",
  "comment.inReplyTo": "w odpowiedzi użytkownikowi {name}",
  "comment.edited": "edytowany",
  "comment.like": { other: "Lubię to ({n})" },

  "form.title": "Dodaj komentarz",
  "form.name": "Imię",
  "form.email": "E-mail (opcjonalnie, nigdy niepokazywany)",
  "form.website": "Strona internetowa (opcjonalnie)",
  "form.body": "Komentarz",
  "form.submit": "Opublikuj komentarz",
  "form.sending": "Wysyłanie…",
  "form.cancel": "Anuluj",
  "form.preview": "Podgląd",
  "form.hint": "**pogrubienie**, *kursywa*, `kod`, > cytat, linki",

  "error.network": "Nie można połączyć się z serwerem. Spróbuj ponownie.",
  "error.generic": "Coś poszło nie tak. Spróbuj ponownie.",

  "comment.edit": "Edytuj",
  "comment.delete": "Usuń",
  "comment.confirm": "Usunąć?",
  "comment.yes": "Tak",
  "comment.no": "Nie",
  "form.save": "Zapisz",
  "form.published": "Komentarz został opublikowany.",
  "form.pending": "Dziękujemy! Komentarz czeka na moderację.",
  "form.notify": "Powiadamiaj mnie e-mailem o odpowiedziach",
  "form.notifyThread": "…i o każdym nowym komentarzu na tej stronie",
};
