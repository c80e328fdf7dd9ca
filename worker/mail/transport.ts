// Which way a mail leaves (API.md "Transports and the log"): the EMAIL binding (Cloudflare
// Email Service) by default, or an HTTP mail API chosen by MAIL_PROVIDER with MAIL_API_KEY.
// Each adapter answers the same result, so the delivery code never knows which one ran.
import { mailSetup, type MailTransport } from "../lib/config.ts";
import { sendWithBinding } from "./binding.ts";
import { sendWithMailgun } from "./mailgun.ts";
import { sendWithPostmark } from "./postmark.ts";
import { sendWithResend } from "./resend.ts";

/** One mail as every adapter takes it. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * `permanent`: sending it again can't help (the provider refused this mail or this account);
 * `suppress`: the provider says the recipient itself is bad, bounced or suppressed, so the
 * address is never mailed again from this site. Anything else is retried with backoff.
 */
export type SendResult = { ok: true } | { ok: false; permanent: boolean; suppress: boolean; error: string };

export type Send = (mail: OutgoingMail) => Promise<SendResult>;

export type Transport = { ok: true; name: MailTransport; from: string; send: Send } | { ok: false; problem: string };

/** The longest provider error kept in the log. */
export const ERROR_MAX = 500;

/** How long an HTTP mail API may take to answer before the attempt counts as failed (and is retried). */
export const PROVIDER_TIMEOUT_MS = 15_000;

export function chooseTransport(env: Env): Transport {
  const setup = mailSetup(env);
  if (!setup.configured || setup.transport === null) return { ok: false, problem: setup.problem ?? "Mail is not configured." };
  const from = env.MAIL_FROM.trim();
  const key = (env.MAIL_API_KEY ?? "").trim();
  const name = setup.transport;
  switch (name) {
    case "email":
      return { ok: true, name, from, send: (mail) => sendWithBinding(env.EMAIL, mail) };
    case "resend":
      return { ok: true, name, from, send: (mail) => sendWithResend(key, mail) };
    case "postmark":
      return { ok: true, name, from, send: (mail) => sendWithPostmark(key, mail) };
    case "mailgun": {
      const domain = (env.MAILGUN_DOMAIN ?? "").trim() || from.slice(from.lastIndexOf("@") + 1);
      const eu = (env.MAILGUN_REGION ?? "").trim().toLowerCase() === "eu";
      return { ok: true, name, from, send: (mail) => sendWithMailgun({ key, domain, eu }, mail) };
    }
  }
}

/** The result of a call that never got an HTTP answer: the network or the timeout. Always retried. */
export function unreachable(provider: string, error: unknown): SendResult {
  const reason = error instanceof Error && error.name === "TimeoutError" ? "no answer in time" : String(error);
  return { ok: false, permanent: false, suppress: false, error: clip(`${provider}: ${reason}`) };
}

/** A 429 or a 5xx: the provider asks to come back later. */
export function isTemporary(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

export function clip(text: string, max = ERROR_MAX): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The start of an answer's body, without reading more than a few kilobytes of it. */
export async function answerStart(response: Response, max = 2000): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // a broken answer: keep what arrived
  } finally {
    void reader.cancel().catch(() => {});
  }
  return text.slice(0, max);
}

/** An answer's JSON, read from its start; null when it isn't JSON (or is cut off). */
export async function answerJson(response: Response): Promise<{ text: string; json: Record<string, unknown> | null }> {
  const text = await answerStart(response, 8000);
  try {
    const json: unknown = JSON.parse(text);
    return { text, json: typeof json === "object" && json !== null ? (json as Record<string, unknown>) : null };
  } catch {
    return { text, json: null };
  }
}
