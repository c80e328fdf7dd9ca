// Resend (resend.com/docs/api-reference/emails/send-email): POST https://api.resend.com/emails
// with `Authorization: Bearer <key>` and a JSON body. Errors are `{ statusCode, name, message }`
// (resend.com/docs/api-reference/errors). Resend reports bounces and its suppression list
// later, by webhook; at send time only an invalid `to` is the recipient's fault.
import { answerJson, clip, isTemporary, PROVIDER_TIMEOUT_MS, unreachable, type OutgoingMail, type SendResult } from "./transport.ts";

export const RESEND_ENDPOINT = "https://api.resend.com/emails";

export async function sendWithResend(key: string, mail: OutgoingMail): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(RESEND_ENDPOINT, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        from: mail.from,
        to: [mail.to],
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(Object.keys(mail.headers).length > 0 ? { headers: mail.headers } : {}),
      }),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (error) {
    return unreachable("Resend", error);
  }
  if (response.ok) {
    await response.body?.cancel();
    return { ok: true };
  }
  const { text, json } = await answerJson(response);
  const name = typeof json?.name === "string" ? json.name : "";
  const message = typeof json?.message === "string" ? json.message : text;
  const error = clip(`Resend ${response.status}${name ? ` ${name}` : ""}: ${message}`);
  if (isTemporary(response.status)) return { ok: false, permanent: false, suppress: false, error };
  // 422/400 validation_error "Invalid `to` field…": the address itself is unusable.
  const badRecipient = name === "validation_error" && /\bto\b/i.test(message) && !/testing emails|domain/i.test(message);
  return { ok: false, permanent: true, suppress: badRecipient, error };
}
