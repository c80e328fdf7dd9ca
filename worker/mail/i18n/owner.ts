// What the site owner reads: the mail about each new comment, the daily digest and the
// one-click moderation page (issue 11). English is the source of truth; every other language
// is typed against it and test/worker/owner-mail.test.ts checks it has every key, with the
// same placeholders. The types and the formatting are the widget's (widget/i18n/catalogue.ts).
// A site's `locale` picks the language; one we have no catalogue for falls back to English.

import {
  createTranslator,
  type CatalogueOf,
  type PluralForms,
  type PluralKeyOf,
  type TextKeyOf,
  type Translator,
} from "../../../widget/i18n/catalogue.ts";

export const en = {
  "mail.subject.approved": "New comment on “{title}”",
  "mail.subject.pending": "Comment waiting for you on “{title}”",
  "mail.intro.approved": "{author} commented on “{title}”. The comment is published.",
  "mail.intro.pending": "{author} commented on “{title}”. The comment is waiting for your approval.",
  "mail.name": "Name: {name}",
  "mail.email": "E-mail: {email}",
  "mail.website": "Website: {website}",
  "mail.moderate": "Approve, mark as spam, delete or reply",
  "mail.moderateHint": "The moderation link works for 14 days, without signing in. Keep this mail to yourself.",
  "mail.thread": "Read the thread",
  "mail.threadKey": "Thread: {page}",
  "mail.footer":
    "You get this mail because {email} is an owner address of the site {site}. Choose what you are sent (every comment, held ones only, a daily digest, or nothing) with notifyOwner in the site's settings.",
  "mail.admin": "Open the admin page",

  "author.anonymous": "Someone (no name given)",
  "author.noEmail": "none given",

  // Why the rules held a comment (lib/moderation.ts), in the owner's words.
  "why.firstComment": "this is the author's first comment here",
  "why.everyComment": "every comment on this site waits for approval",
  "why.links": "it holds {n} links, more than the site allows",
  "why.holdWord": "it contains “{word}”, one of your hold words",
  "why.akismet": "Akismet could not be reached to check it",
  "why.other": "{reason}",

  "digest.subject": "Today's comments on {site}",
  "digest.intro": "In the last 24 hours on {site}:",
  "digest.waiting": {
    one: "1 comment is waiting for your approval:",
    other: "{n} comments are waiting for your approval:",
  },
  "digest.noneWaiting": "No comment is waiting for your approval.",
  "digest.published": { one: "1 comment was published.", other: "{n} comments were published." },
  "digest.spam": {
    one: "1 comment was counted as spam (it is not listed here).",
    other: "{n} comments were counted as spam (they are not listed here).",
  },
  "digest.more": { one: "1 more is waiting: see the admin page.", other: "{n} more are waiting: see the admin page." },
  "digest.item": "{author} on “{title}”, {date}:",
  "digest.moderate": "Moderate this comment",
  "digest.footer":
    "You get this daily mail because {email} is an owner address of the site {site} and its notifyOwner setting is “digest”.",

  "page.title": "Moderate a comment",
  "page.on": "On “{title}”",
  "page.status.pending": "Waiting for your approval",
  "page.status.approved": "Published",
  "page.status.spam": "Marked as spam",
  "page.status.deleted": "Deleted",
  "held.why": "Held because {why}.",
  "page.edited": "edited",
  "page.email": "E-mail",
  "page.website": "Website",
  "page.approve": "Approve",
  "page.spam": "Spam",
  "page.delete": "Delete",
  "page.replyLabel": "Reply as the owner",
  "page.replyHint": "Published at once with your badge. A comment waiting for approval is published with it.",
  "page.replySend": "Publish the reply",
  "page.viewThread": "See the thread",
  "page.admin": "Open the admin page",
  "page.done.approved": "Done: the comment is published.",
  "page.done.pending": "Done: the comment is waiting for approval again.",
  "page.done.spam": "Done: the comment is marked as spam. It no longer appears on the site.",
  "page.done.deleted": "Done: the comment is deleted.",
  "page.done.replied": "Done: your reply is published.",
  "page.done.repliedParent": "Done: your reply is published, and so is the comment it answers.",
  "page.done.same": "Nothing to do: the comment was already in that state.",
  "page.undo": "Undo",
  "page.confirmDelete": "Delete this comment for good? This cannot be undone.",
  "page.confirmYes": "Yes, delete it",
  "page.confirmNo": "No, keep it",
  "page.stale": "This comment was edited since you saw it. Here is its new text: read it before you approve it.",
  "page.error.title": "Nothing was done",
  "page.error.forged": "This link is not valid: it may have been cut or altered. Open it again from the mail.",
  "page.error.expired": "This link has expired (moderation links last 14 days). You can still moderate the comment from the admin page.",
  "page.error.gone": "This comment no longer exists.",
  "page.error.crossSite": "This form was sent from another site, so nothing was done. Use the buttons on this page.",
  "page.error.notConfigured":
    "This server is not configured yet (its HASH_SALT secret is missing or too short), so moderation links are refused.",
  "page.error.invalid": "The request was not understood: {message}",
  "page.error.deleted": "This comment was deleted: only its place in the thread remains.",
  "page.error.replySpam": "This comment is marked as spam: approve it before you reply to it.",
} satisfies Record<string, string | PluralForms>;

export type OwnerMessages = CatalogueOf<typeof en>;
export type OwnerTextKey = TextKeyOf<OwnerMessages>;
export type OwnerPluralKey = PluralKeyOf<OwnerMessages>;

// French typography: a narrow no-break space (U+202F) before ! ? ; and :, and inside « ».
export const fr: OwnerMessages = {
  "mail.subject.approved": "Nouveau commentaire sur «\u202f{title}\u202f»",
  "mail.subject.pending": "Un commentaire vous attend sur «\u202f{title}\u202f»",
  "mail.intro.approved": "{author} a commenté «\u202f{title}\u202f». Le commentaire est publié.",
  "mail.intro.pending": "{author} a commenté «\u202f{title}\u202f». Le commentaire attend votre approbation.",
  "mail.name": "Nom\u202f: {name}",
  "mail.email": "E-mail\u202f: {email}",
  "mail.website": "Site web\u202f: {website}",
  "mail.moderate": "Approuver, marquer comme indésirable, supprimer ou répondre",
  "mail.moderateHint": "Le lien de modération reste valable 14 jours, sans connexion. Ne transférez pas cet e-mail.",
  "mail.thread": "Lire la discussion",
  "mail.threadKey": "Discussion\u202f: {page}",
  "mail.footer":
    "Vous recevez cet e-mail parce que {email} est une adresse du propriétaire du site {site}. Choisissez ce que vous recevez (chaque commentaire, seulement ceux en attente, un résumé quotidien ou rien) avec notifyOwner dans les réglages du site.",
  "mail.admin": "Ouvrir la page d’administration",

  "author.anonymous": "Quelqu’un (sans nom)",
  "author.noEmail": "non indiqué",

  "why.firstComment": "c’est le premier commentaire de cette personne sur le site",
  "why.everyComment": "tous les commentaires de ce site attendent une approbation",
  "why.links": "il contient {n} liens, plus que le site n’en permet",
  "why.holdWord": "il contient «\u202f{word}\u202f», l’un de vos mots à surveiller",
  "why.akismet": "Akismet n’a pas pu être joint pour le vérifier",
  "why.other": "{reason}",

  "digest.subject": "Les commentaires du jour sur {site}",
  "digest.intro": "Ces dernières 24 heures sur {site}\u202f:",
  "digest.waiting": {
    one: "{n} commentaire attend votre approbation\u202f:",
    other: "{n} commentaires attendent votre approbation\u202f:",
  },
  "digest.noneWaiting": "Aucun commentaire n’attend votre approbation.",
  "digest.published": { one: "{n} commentaire a été publié.", other: "{n} commentaires ont été publiés." },
  "digest.spam": {
    one: "{n} commentaire a été classé indésirable (il n’est pas affiché ici).",
    other: "{n} commentaires ont été classés indésirables (ils ne sont pas affichés ici).",
  },
  "digest.more": {
    one: "{n} autre attend encore\u202f: voyez la page d’administration.",
    other: "{n} autres attendent encore\u202f: voyez la page d’administration.",
  },
  "digest.item": "{author} sur «\u202f{title}\u202f», {date}\u202f:",
  "digest.moderate": "Modérer ce commentaire",
  "digest.footer":
    "Vous recevez ce résumé quotidien parce que {email} est une adresse du propriétaire du site {site} et que son réglage notifyOwner vaut «\u202fdigest\u202f».",

  "page.title": "Modérer un commentaire",
  "page.on": "Sur «\u202f{title}\u202f»",
  "page.status.pending": "En attente de votre approbation",
  "page.status.approved": "Publié",
  "page.status.spam": "Classé indésirable",
  "page.status.deleted": "Supprimé",
  "held.why": "Retenu parce que {why}.",
  "page.edited": "modifié",
  "page.email": "E-mail",
  "page.website": "Site web",
  "page.approve": "Approuver",
  "page.spam": "Indésirable",
  "page.delete": "Supprimer",
  "page.replyLabel": "Répondre en tant que propriétaire du site",
  "page.replyHint": "Publiée aussitôt avec votre badge. Un commentaire en attente est publié avec elle.",
  "page.replySend": "Publier la réponse",
  "page.viewThread": "Voir la discussion",
  "page.admin": "Ouvrir la page d’administration",
  "page.done.approved": "C’est fait\u202f: le commentaire est publié.",
  "page.done.pending": "C’est fait\u202f: le commentaire attend de nouveau votre approbation.",
  "page.done.spam": "C’est fait\u202f: le commentaire est classé indésirable. Il n’apparaît plus sur le site.",
  "page.done.deleted": "C’est fait\u202f: le commentaire est supprimé.",
  "page.done.replied": "C’est fait\u202f: votre réponse est publiée.",
  "page.done.repliedParent": "C’est fait\u202f: votre réponse est publiée, ainsi que le commentaire auquel elle répond.",
  "page.done.same": "Rien à faire\u202f: le commentaire était déjà dans cet état.",
  "page.undo": "Annuler",
  "page.confirmDelete": "Supprimer définitivement ce commentaire\u202f? Ce sera irréversible.",
  "page.confirmYes": "Oui, le supprimer",
  "page.confirmNo": "Non, le garder",
  "page.stale": "Ce commentaire a été modifié depuis que vous l’avez vu. Voici son nouveau texte\u202f: relisez-le avant de l’approuver.",
  "page.error.title": "Rien n’a été fait",
  "page.error.forged": "Ce lien n’est pas valide\u202f: il a peut-être été coupé ou modifié. Rouvrez-le depuis l’e-mail.",
  "page.error.expired":
    "Ce lien a expiré (les liens de modération durent 14 jours). Vous pouvez toujours modérer le commentaire depuis la page d’administration.",
  "page.error.gone": "Ce commentaire n’existe plus.",
  "page.error.crossSite": "Ce formulaire a été envoyé depuis un autre site, rien n’a donc été fait. Utilisez les boutons de cette page.",
  "page.error.notConfigured":
    "Ce serveur n’est pas encore configuré (son secret HASH_SALT manque ou est trop court)\u202f: les liens de modération sont refusés.",
  "page.error.invalid": "La demande n’a pas été comprise\u202f: {message}",
  "page.error.deleted": "Ce commentaire a été supprimé\u202f: seule sa place dans la discussion demeure.",
  "page.error.replySpam": "Ce commentaire est classé indésirable\u202f: approuvez-le avant d’y répondre.",
};

export const OWNER_CATALOGUES: Record<string, OwnerMessages> = { en, fr };

export type OwnerStrings = Translator<OwnerTextKey, OwnerPluralKey>;

/** The owner's strings in the site's language: its primary subtag, else English. */
export function ownerStrings(locale: string): OwnerStrings {
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0] ?? "en";
  const lang = primary in OWNER_CATALOGUES ? primary : "en";
  return createTranslator(lang, OWNER_CATALOGUES[lang] ?? en);
}

/**
 * Why the rules held a comment, in plain words. The reasons are lib/moderation.ts's verdicts
 * ("first comment", `3 links`, `hold word "x"`, …); one this list does not know is shown as is.
 */
export function heldBecause(t: OwnerStrings, reason: string | undefined): string | null {
  if (reason === undefined || reason === "") return null;
  if (reason === "first comment") return t.t("why.firstComment");
  if (reason === "every comment is held") return t.t("why.everyComment");
  if (reason === "Akismet could not be reached") return t.t("why.akismet");
  const links = /^(\d+) links$/.exec(reason);
  if (links) return t.t("why.links", { n: links[1] ?? "" });
  const word = /^hold word "(.*)"$/s.exec(reason);
  if (word) return t.t("why.holdWord", { word: word[1] ?? "" });
  return t.t("why.other", { reason });
}
