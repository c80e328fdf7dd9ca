// What readers are told, by mail and on the /subscription page, in the site's language
// (settings.locale: en, fr; anything else is English). English is the source of truth:
// each other language has every key (test/worker/subscriptions.test.ts checks it).
// `{title}`, `{name}` are filled by `say()`; what is filled in is escaped where it is shown.

export const en = {
  "confirm.subject": "Confirm e-mails about replies on “{title}”",
  "confirm.intro": "Someone (we hope you) asked to be e-mailed about replies to a comment on “{title}”.",
  "confirm.action": "To confirm, open this link and press Confirm. Until you do, nothing else is sent to this address.",
  "confirm.link": "Confirm",
  "confirm.ignore": "Not you? Ignore this e-mail: unconfirmed, the address gets nothing else.",
  "reply.subject": "New reply to your comment on “{title}”",
  "thread.subject": "New comment on “{title}”",
  "reply.intro": "{name} replied on “{title}”:",
  "thread.intro": "{name} commented on “{title}”:",
  "reply.link": "Read it on the page",
  "reply.page": "Page: {title}",
  "approved.subject": "Your comment on “{title}” is published",
  "approved.intro": "Your comment on “{title}” has been approved and is now published.",
  "footer.why": "You get this e-mail because you asked to be notified of replies.",
  "footer.unsubscribe": "Unsubscribe",
  "name.anonymous": "Someone",
  "name.owner": "The author",

  "page.title": "Your e-mail notifications",
  "page.unconfirmed": "Confirm that you want e-mails about replies on “{title}”. Nothing is sent until you do.",
  "page.confirm": "Confirm",
  "page.confirmed": "You get an e-mail when someone replies.",
  "page.justConfirmed": "Thank you: your address is confirmed. You'll get an e-mail when someone replies.",
  "page.unsubscribeThread": "Unsubscribe from this thread",
  "page.unsubscribeSite": "Unsubscribe from everything on this site",
  "page.leftThread": "You are unsubscribed from this thread.",
  "page.leftSite": "You are unsubscribed from everything on this site. Nothing more will be sent to this address.",
  "page.gone": "This subscription no longer exists: nothing more will be sent to this address.",
  "page.forged": "This link is not valid. Copy the whole link from the e-mail, or use the link in a more recent e-mail.",
  "page.expired":
    "This link has expired. Post a comment with “notify me” ticked to get a new confirmation e-mail, or use the link in a more recent e-mail.",
  "page.badAction": "That action is not one this page knows.",
};

export type ReaderKey = keyof typeof en;
export type ReaderCatalogue = Record<ReaderKey, string>;

// French: « » with no-break spaces, a narrow no-break space before ! ? ; :, "vous".
export const fr: ReaderCatalogue = {
  "confirm.subject": "Confirmez les e-mails de réponse sur « {title} »",
  "confirm.intro": "Quelqu’un (vous, nous l’espérons) a demandé à être averti par e-mail des réponses à un commentaire sur « {title} ».",
  "confirm.action": "Pour confirmer, ouvrez ce lien et appuyez sur Confirmer. D’ici là, rien d’autre n’est envoyé à cette adresse.",
  "confirm.link": "Confirmer",
  "confirm.ignore": "Ce n’est pas vous\u202f? Ignorez cet e-mail\u202f: sans confirmation, cette adresse ne reçoit rien d’autre.",
  "reply.subject": "Nouvelle réponse à votre commentaire sur « {title} »",
  "thread.subject": "Nouveau commentaire sur « {title} »",
  "reply.intro": "{name} a répondu sur « {title} »\u202f:",
  "thread.intro": "{name} a commenté « {title} »\u202f:",
  "reply.link": "Lire sur la page",
  "reply.page": "Page\u202f: {title}",
  "approved.subject": "Votre commentaire sur « {title} » est publié",
  "approved.intro": "Votre commentaire sur « {title} » a été approuvé et il est maintenant publié.",
  "footer.why": "Vous recevez cet e-mail parce que vous avez demandé à être averti des réponses.",
  "footer.unsubscribe": "Se désabonner",
  "name.anonymous": "Quelqu’un",
  "name.owner": "L’auteur",

  "page.title": "Vos notifications par e-mail",
  "page.unconfirmed": "Confirmez que vous voulez recevoir les réponses sur « {title} » par e-mail. Rien n’est envoyé avant.",
  "page.confirm": "Confirmer",
  "page.confirmed": "Vous recevez un e-mail quand quelqu’un répond.",
  "page.justConfirmed": "Merci\u202f: votre adresse est confirmée. Vous recevrez un e-mail quand quelqu’un répondra.",
  "page.unsubscribeThread": "Se désabonner de cette discussion",
  "page.unsubscribeSite": "Se désabonner de tout ce site",
  "page.leftThread": "Vous êtes désabonné de cette discussion.",
  "page.leftSite": "Vous êtes désabonné de tout ce site. Plus rien ne sera envoyé à cette adresse.",
  "page.gone": "Cet abonnement n’existe plus\u202f: plus rien ne sera envoyé à cette adresse.",
  "page.forged": "Ce lien n’est pas valide. Copiez le lien entier depuis l’e-mail, ou utilisez celui d’un e-mail plus récent.",
  "page.expired":
    "Ce lien a expiré. Publiez un commentaire en cochant « m’avertir » pour recevoir un nouvel e-mail de confirmation, ou utilisez le lien d’un e-mail plus récent.",
  "page.badAction": "Cette page ne connaît pas cette action.",
};

export const READER_CATALOGUES: Record<string, ReaderCatalogue> = { en, fr };

export type Say = (key: ReaderKey, vars?: Record<string, string>) => string;

/** The catalogue of the site's locale ("fr-CA" is French), else English. */
export function readerWords(locale: string): Say {
  const words = READER_CATALOGUES[locale.toLowerCase().split("-")[0] ?? ""] ?? en;
  return (key, vars = {}) => words[key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? "");
}

/** The language tag the page is written in. */
export function readerLang(locale: string): string {
  const lang = locale.toLowerCase().split("-")[0] ?? "";
  return lang in READER_CATALOGUES ? lang : "en";
}
