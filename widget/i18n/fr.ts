import type { Messages, WritingKey } from "./en.ts";

// French typography: a narrow no-break space (U+202F) before ! ? ; and :.
// Intl.PluralRules puts 0 in "one" for French, so "0 commentaire" comes out right.
export const fr: Messages = {
  "thread.label": "Commentaires",
  "thread.count": { one: "{n} commentaire", other: "{n} commentaires" },
  "thread.loading": "Chargement des commentaires…",
  "thread.error": "Les commentaires n’ont pas pu être chargés.",
  "thread.retry": "Réessayer",
  "thread.more": "Plus de commentaires",
  "thread.closed": "Les commentaires sont fermés.",
  "thread.sort": "Trier par",
  "sort.oldest": "Plus anciens",
  "sort.newest": "Plus récents",
  "sort.top": "Populaires",

  "comment.anonymous": "Anonyme",
  "comment.owner": "Auteur",
  "comment.pending": "En attente de modération",
  "comment.deleted": "Commentaire supprimé",
  "comment.reply": "Répondre",
  "comment.replyTo": "Répondre à {name}",
  "comment.inReplyTo": "en réponse à {name}",
  "comment.edited": "modifié",
  "comment.like": { other: "J’aime ({n})" },

  "form.title": "Laisser un commentaire",
  "form.name": "Nom",
  "form.email": "E-mail (facultatif, jamais affiché)",
  "form.website": "Site web (facultatif)",
  "form.body": "Commentaire",
  "form.submit": "Publier le commentaire",
  "form.sending": "Envoi…",
  "form.cancel": "Annuler",
  "form.write": "Écrire",
  "form.preview": "Aperçu",
  "form.hint": "**gras**, *italique*, `code`, > citation, liens",

  "error.network": "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
  "error.generic": "Une erreur est survenue. Veuillez réessayer.",
};

export const frWriting: Record<WritingKey, string> = {
  "comment.edit": "Modifier",
  "comment.delete": "Supprimer",
  "comment.confirm": "Supprimer\u202f?",
  "comment.yes": "Oui",
  "comment.no": "Non",
  "form.save": "Enregistrer",
  "form.published": "Votre commentaire a été publié.",
  "form.pending": "Merci\u202f! Votre commentaire est en attente de modération.",
};
