// The mails the delivery machinery writes itself: the owner's test e-mail (POST …/test-mail)
// and the throttle's gathered mail. Their strings, in the site's language, live in one
// catalogue per locale; English is the source of truth and the others are typed against it.
import type { MailPayload } from "../db/deliveries.ts";
import { escapeHtml } from "../lib/markdown.ts";
import { mailBody } from "./layout.ts";

const en = {
  "test.subject": "Bascule test e-mail for {site}",
  "test.body":
    "This is a test e-mail from the Bascule comments of the site “{site}”. It reached you, so mail works: notifications about comments will arrive at this address.",
  "test.log": "Every mail and its result are listed in the admin page, under Deliveries.",
  "gathered.subject": "{count} notifications from {site}",
  "gathered.intro": "More than {limit} e-mails would have reached you within an hour, so here they are together.",
} as const;

type Key = keyof typeof en;

const fr: Record<Key, string> = {
  "test.subject": "E-mail de test de Bascule pour {site}",
  "test.body":
    "Ceci est un e-mail de test des commentaires Bascule du site « {site} ». Il vous est parvenu : l’envoi fonctionne, et les notifications des commentaires arriveront à cette adresse.",
  "test.log": "Chaque e-mail et son résultat sont listés dans la page d’administration, sous Envois.",
  "gathered.subject": "{count} notifications de {site}",
  "gathered.intro": "Plus de {limit} e-mails vous seraient parvenus en une heure : les voici réunis.",
};

/** Every locale's strings; a test checks that each has every key. */
export const NOTICE_CATALOGUES: Record<string, Record<Key, string>> = { en, fr };

/** The site's `locale` setting, on its primary subtag; anything we have no catalogue for is English. */
export function noticeText(locale: string, key: Key, values: Record<string, string | number> = {}): string {
  const primary = locale.toLowerCase().split("-")[0] ?? "en";
  const template = (NOTICE_CATALOGUES[primary] ?? en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function testMail(to: string, site: string, locale: string): MailPayload {
  const body = mailBody([
    { kind: "text", text: noticeText(locale, "test.body", { site }) },
    { kind: "text", text: noticeText(locale, "test.log") },
  ]);
  return { to, subject: noticeText(locale, "test.subject", { site }), ...body };
}

/** The inside of a mail's <body>, as worker/mail/layout.ts wrote it (every mail's HTML comes from there). */
function bodyOf(html: string): string {
  const match = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return match?.[1] ?? "";
}

/**
 * The mails the throttle held back for one address, as one: each one's subject and text, in
 * the order they were written. The unsubscribe headers are the most recent one's.
 */
export function gatheredMail(mails: MailPayload[], site: string, locale: string, limit: number): MailPayload {
  const last = mails.at(-1);
  const subject = noticeText(locale, "gathered.subject", { count: mails.length, site });
  const intro = noticeText(locale, "gathered.intro", { limit });
  const text = [intro, ...mails.map((mail) => `— ${mail.subject} —\n\n${mail.text}`)].join("\n\n");
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    `<p>${escapeHtml(intro)}</p>`,
    ...mails.map((mail) => `<hr><h2 style="font-size:1.1em">${escapeHtml(mail.subject)}</h2>\n${bodyOf(mail.html)}`),
    "</body></html>",
  ].join("\n");
  return { to: last?.to ?? "", subject, text, html, ...(last?.headers ? { headers: last.headers } : {}) };
}
