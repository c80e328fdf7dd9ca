import type { AdminDelivery } from "../worker/api-types.ts";
import { en, type TextKey } from "./i18n/en.ts";
import type { I18n } from "./i18n/index.ts";

// How the delivery log names things: the kinds and statuses in the page's language, the
// transports by their own names.

const CHANNELS: Record<AdminDelivery["channel"], string> = {
  email: "Email Service",
  resend: "Resend",
  postmark: "Postmark",
  mailgun: "Mailgun",
  webhook: "Webhook",
};

/** A kind the catalogue names (owner.comment, reader.reply, …), or the kind itself for one added later. */
export function kindLabel(i18n: I18n, kind: string): string {
  const key = `deliveries.kind.${kind}`;
  return key in en ? i18n.t(key as TextKey) : kind;
}

export function statusLabel(i18n: I18n, status: AdminDelivery["status"]): string {
  return i18n.t(`deliveries.status.${status}`);
}

/** The queue's badge colours: sent as approved, queued as pending, failed and suppressed as spam. */
export function statusBadge(status: AdminDelivery["status"]): string {
  return status === "sent" ? "badge badge-approved" : status === "queued" ? "badge badge-pending" : "badge badge-spam";
}

export function channelLabel(channel: AdminDelivery["channel"]): string {
  return CHANNELS[channel] ?? channel;
}
