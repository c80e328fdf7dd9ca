// The [[send_email]] binding EMAIL (Cloudflare Email Service), in its builder form: the
// platform writes the MIME itself, and List-Unsubscribe / List-Unsubscribe-Post are on its
// header allowlist (developers.cloudflare.com/email-service/reference/headers). Under
// `wrangler dev` sending is simulated and the mail shows in the local explorer.
import { clip, type OutgoingMail, type SendResult } from "./transport.ts";

/** The binding's error codes (email-service/api/send-emails/workers-api, "Error codes") that no retry can fix. */
const PERMANENT = new Set([
  "E_VALIDATION_ERROR",
  "E_FIELD_MISSING",
  "E_TOO_MANY_RECIPIENTS",
  "E_SENDER_NOT_VERIFIED",
  "E_RECIPIENT_NOT_ALLOWED",
  "E_SENDER_DOMAIN_NOT_AVAILABLE",
  "E_CONTENT_TOO_LARGE",
  "E_HEADER_NOT_ALLOWED",
  "E_HEADER_USE_API_FIELD",
  "E_HEADER_VALUE_INVALID",
  "E_HEADER_VALUE_TOO_LONG",
  "E_HEADER_NAME_INVALID",
  "E_HEADERS_TOO_LARGE",
  "E_HEADERS_TOO_MANY",
]);

/** The recipient bounced or complained before: Cloudflare keeps it on its suppression list. */
const SUPPRESSED = "E_RECIPIENT_SUPPRESSED";

export async function sendWithBinding(binding: SendEmail, mail: OutgoingMail): Promise<SendResult> {
  try {
    await binding.send({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(Object.keys(mail.headers).length > 0 ? { headers: mail.headers } : {}),
    });
    return { ok: true };
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : "";
    const message = error instanceof Error ? error.message : String(error);
    const text = clip(`Email Service: ${code ? `${code}: ` : ""}${message}`);
    // E_DELIVERY_FAILED, rate and daily limits, internal errors, and anything unnamed: try again later.
    if (code === SUPPRESSED) return { ok: false, permanent: true, suppress: true, error: text };
    return { ok: false, permanent: PERMANENT.has(code), suppress: false, error: text };
  }
}
