import type { Locale } from "./en.ts";

// Italian: "tu", as Italian blogs address their readers ("Lascia un commento"). "many" is
// for round millions: "1.000.000 di commenti".
export const it: Locale = {
  dir: "ltr",
  "thread.label": "Commenti",
  "thread.count": { one: "{n} commento", many: "{n} di commenti", other: "{n} commenti" },
  "thread.loading": "Caricamento dei commenti…",
  "thread.error": "Impossibile caricare i commenti.",
  "thread.retry": "Riprova",
  "thread.more": "Carica altri commenti",
  "thread.moreReplies": { one: "Mostra un’altra risposta", many: "Mostra altri {n} di risposte", other: "Mostra altre {n} risposte" },
  "thread.closed": "I commenti sono chiusi.",
  "thread.sort": "Ordina per",
  "sort.oldest": "Meno recenti",
  "sort.newest": "Più recenti",
  "sort.top": "Più apprezzati",

  "comment.anonymous": "Anonimo",
  "comment.owner": "Autore",
  "comment.pending": "In attesa di moderazione",
  "comment.deleted": "Commento eliminato",
  "comment.reply": "Rispondi",
  "comment.replyTo": "Rispondi a {name}",
  "comment.inReplyTo": "in risposta a {name}",
  "comment.edited": "modificato",
  "comment.like": { other: "Mi piace ({n})" },

  "form.title": "Lascia un commento",
  "form.name": "Nome",
  "form.email": "E-mail (facoltativa, mai mostrata)",
  "form.website": "Sito web (facoltativo)",
  "form.body": "Commento",
  "form.submit": "Pubblica il commento",
  "form.sending": "Invio in corso…",
  "form.cancel": "Annulla",
  "form.preview": "Anteprima",
  "form.hint": "**grassetto**, *corsivo*, `codice`, > citazione, link",

  "error.network": "Impossibile raggiungere il server. Riprova.",
  "error.generic": "Qualcosa è andato storto. Riprova.",

  "comment.edit": "Modifica",
  "comment.delete": "Elimina",
  "comment.confirm": "Eliminare?",
  "comment.yes": "Sì",
  "comment.no": "No",
  "form.save": "Salva",
  "form.published": "Il tuo commento è stato pubblicato.",
  "form.pending": "Grazie! Il tuo commento è in attesa di moderazione.",
  "form.notify": "Avvisami delle risposte via e-mail",
  "form.notifyThread": "…e di ogni nuovo commento su questa pagina",
};
