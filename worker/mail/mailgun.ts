// Mailgun (documentation.mailgun.com, Messages, "Send an email"): POST
// https://api.mailgun.net/v3/<domain>/messages (api.eu.mailgun.net for EU domains) with HTTP
// Basic auth `api:<key>` and form fields; custom headers go as `h:<Name>`. A syntactically
// bad address is a 400 "… parameter is not a valid address"; bounces and Mailgun's own
// suppressions are reported later, by event, as the message is accepted first.
import { answerJson, clip, isTemporary, PROVIDER_TIMEOUT_MS, unreachable, type OutgoingMail, type SendResult } from "./transport.ts";

export interface MailgunAccount {
  key: string;
  domain: string;
  /** api.eu.mailgun.net instead of api.mailgun.net (MAILGUN_REGION=eu). */
  eu: boolean;
}

export function mailgunEndpoint(account: Pick<MailgunAccount, "domain" | "eu">): string {
  return `https://${account.eu ? "api.eu.mailgun.net" : "api.mailgun.net"}/v3/${encodeURIComponent(account.domain)}/messages`;
}

export async function sendWithMailgun(account: MailgunAccount, mail: OutgoingMail): Promise<SendResult> {
  const form = new FormData();
  form.set("from", mail.from);
  form.set("to", mail.to);
  form.set("subject", mail.subject);
  form.set("text", mail.text);
  form.set("html", mail.html);
  // No open or click tracking: no pixel, no rewritten links (issue 11).
  form.set("o:tracking", "no");
  for (const [name, value] of Object.entries(mail.headers)) form.set(`h:${name}`, value);
  let response: Response;
  try {
    response = await fetch(mailgunEndpoint(account), {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`api:${account.key}`)}` },
      body: form,
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (error) {
    return unreachable("Mailgun", error);
  }
  if (response.ok) {
    await response.body?.cancel();
    return { ok: true };
  }
  const { text, json } = await answerJson(response);
  const message = typeof json?.message === "string" ? json.message : text;
  const error = clip(`Mailgun ${response.status}: ${message}`);
  if (isTemporary(response.status)) return { ok: false, permanent: false, suppress: false, error };
  const badRecipient = response.status === 400 && /\bto\b.*not a valid address|not a valid address.*\bto\b/i.test(message);
  return { ok: false, permanent: true, suppress: badRecipient, error };
}
