import type { Locale } from "./en.ts";

// French typography: a narrow no-break space (U+202F) before ! ? ; and :, curly apostrophes.
// Intl.PluralRules puts 0 in "one" for French, so "0 commentaire" comes out right; "many"
// is for round millions: "1 000 000 de commentaires". Readers are addressed as "vous".
export const fr: Locale = {
  dir: "ltr",
  "thread.label": "Commentaires",
  "thread.count": { one: "{n} commentaire", many: "{n} de commentaires", other: "{n} commentaires" },
  "thread.loading": "Chargement des commentaires…",
  "thread.error": "Les commentaires n’ont pas pu être chargés.",
  "thread.retry": "Réessayer",
  "thread.more": "Plus de commentaires",
  "thread.moreReplies": { one: "Voir {n} autre réponse", many: "Voir {n} d’autres réponses", other: "Voir {n} autres réponses" },
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
  "form.preview": "Aperçu",
  "form.hint": "**gras**, *italique*, `code`, > citation, liens",

  "error.network": "Le serveur est injoignable. Vérifiez votre connexion et réessayez.",
  "error.generic": "Une erreur est survenue. Veuillez réessayer.",

  "comment.edit": "Modifier",
  "comment.delete": "Supprimer",
  "comment.confirm": "Supprimer\u202f?",
  "comment.yes": "Oui",
  "comment.no": "Non",
  "form.save": "Enregistrer",
  "form.published": "Votre commentaire a été publié.",
  "form.pending": "Merci\u202f! Votre commentaire est en attente de modération.",
  "form.notify": "M’avertir des réponses par e-mail",
  "form.notifyThread": "…et de chaque nouveau commentaire sur cette page",
};
