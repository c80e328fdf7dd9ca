// Postmark (postmarkapp.com/developer/api/email-api): POST https://api.postmarkapp.com/email
// with `X-Postmark-Server-Token` and a JSON body. Refusals are HTTP 422 with
// `{ ErrorCode, Message }` (postmarkapp.com/developer/api/overview#error-codes): ErrorCode 406
// "Inactive recipient" means the address hard-bounced, complained or was suppressed.
import { answerJson, clip, isTemporary, PROVIDER_TIMEOUT_MS, unreachable, type OutgoingMail, type SendResult } from "./transport.ts";

export const POSTMARK_ENDPOINT = "https://api.postmarkapp.com/email";

/** ErrorCode 406: an inactive recipient (hard bounce, spam complaint, manual suppression). */
const INACTIVE_RECIPIENT = 406;
/** ErrorCode 300: invalid email request; with "'To'" in its message, the address is malformed. */
const INVALID_REQUEST = 300;
/** ErrorCode 100: Postmark is down for maintenance. */
const MAINTENANCE = 100;

export async function sendWithPostmark(token: string, mail: OutgoingMail): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(POSTMARK_ENDPOINT, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json", "x-postmark-server-token": token },
      body: JSON.stringify({
        From: mail.from,
        To: mail.to,
        Subject: mail.subject,
        TextBody: mail.text,
        HtmlBody: mail.html,
        Headers: Object.entries(mail.headers).map(([Name, Value]) => ({ Name, Value })),
        MessageStream: "outbound",
        TrackOpens: false,
        TrackLinks: "None",
      }),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (error) {
    return unreachable("Postmark", error);
  }
  const { text, json } = await answerJson(response);
  const code = typeof json?.ErrorCode === "number" ? json.ErrorCode : null;
  // A 200 carries ErrorCode 0; anything else is a refusal, whatever the status says.
  if (response.ok && (code === null || code === 0)) return { ok: true };
  const message = typeof json?.Message === "string" ? json.Message : text;
  const error = clip(`Postmark ${response.status}${code === null ? "" : ` ErrorCode ${code}`}: ${message}`);
  if (isTemporary(response.status) || code === MAINTENANCE) return { ok: false, permanent: false, suppress: false, error };
  const badRecipient = code === INACTIVE_RECIPIENT || (code === INVALID_REQUEST && /'To'/i.test(message));
  return { ok: false, permanent: true, suppress: badRecipient, error };
}
