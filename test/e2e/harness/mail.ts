// The mail `wrangler dev` simulates sending through the EMAIL binding, read back from its
// local explorer on the dev server's own port (PLATFORM.md §6): a list, then each mail's text.

import type { RunningWorker } from "./worker.ts";

export interface SentMail {
  from: string;
  to: string;
  subject: string;
  messageId: string;
}

const EXPLORER = "/cdn-cgi/local/explorer/api/local/email/sending";

interface ListPage {
  result: SentMail[];
  result_info?: { has_more?: boolean; cursor?: string };
}

/** Every mail sent so far: the explorer answers pages (25 by default), followed to the end. */
export async function sentMails(worker: RunningWorker): Promise<SentMail[]> {
  const mails: SentMail[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ per_page: "100", ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${worker.url}${EXPLORER}?${query}`);
    if (!response.ok) throw new Error(`the mail explorer answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as ListPage;
    mails.push(...page.result);
    cursor = page.result_info?.has_more ? page.result_info.cursor : undefined;
  } while (cursor);
  return mails;
}

/** A mail's text part. */
export async function mailText(worker: RunningWorker, mail: SentMail): Promise<string> {
  const response = await fetch(`${worker.url}${EXPLORER}?email_id=${encodeURIComponent(mail.messageId)}`);
  const json = (await response.json()) as { result?: { text?: string } };
  return json.result?.text ?? "";
}

/** Waits for a mail to `to` whose subject matches, and which `seen` doesn't hold yet. */
export async function waitForMail(
  worker: RunningWorker,
  match: { to: string; subject: RegExp },
  seen: readonly SentMail[] = [],
  timeoutMs = 20_000,
): Promise<SentMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await sentMails(worker);
    const found = mails.find(
      (mail) => mail.to.includes(match.to) && match.subject.test(mail.subject) && !seen.some((old) => old.messageId === mail.messageId),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      const listed = mails.map((mail) => `${mail.to}: ${mail.subject}`).join("\n");
      throw new Error(
        `no mail to ${match.to} matching ${match.subject} within ${timeoutMs} ms. Sent:\n${listed}\n${worker.output().slice(-2000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The first link in a text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const found = text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^\\s>)"]+`))?.[0];
  if (!found) throw new Error(`no link starting ${prefix} in:\n${text}`);
  return found;
}
