// The mails readers get (API.md "Mail to readers"): the confirmation, a new reply or comment,
// and "your comment is published". Plain text plus simple HTML from the same pieces
// (layout.ts); every mail but the confirmation carries a visible unsubscribe link and the
// RFC 8058 one-click headers.
import type { MailPayload } from "../db/deliveries.ts";
import { mailBody, type MailPiece } from "./layout.ts";
import type { Say } from "./i18n/reader.ts";

/** What a mail says of the thread: its title (or page key) and, when the thread has one, the comment's address on the page. */
export interface ThreadLink {
  title: string;
  /** `${thread url}#comment-<id>`, or null when the thread gave no URL. */
  url: string | null;
}

export function confirmMail(say: Say, to: string, thread: ThreadLink, confirmUrl: string): MailPayload {
  const title = thread.title;
  const body = mailBody([
    { kind: "text", text: say("confirm.intro", { title }) },
    { kind: "text", text: say("confirm.action") },
    { kind: "link", label: say("confirm.link"), url: confirmUrl },
    { kind: "text", text: say("confirm.ignore") },
  ]);
  return { to, subject: say("confirm.subject", { title }), ...body };
}

export interface ReplyFacts {
  /** Who wrote the new comment, as shown. */
  name: string;
  html: string;
  source: string;
  /** A reply to the subscriber's comment, or a new comment of a thread they follow. */
  toTheirs: boolean;
}

export function replyMail(say: Say, to: string, thread: ThreadLink, reply: ReplyFacts, unsubscribeUrl: string): MailPayload {
  const vars = { title: thread.title, name: reply.name };
  const body = mailBody(
    [
      { kind: "text", text: say(reply.toTheirs ? "reply.intro" : "thread.intro", vars) },
      { kind: "comment", html: reply.html, source: reply.source },
      threadPiece(say, thread),
    ],
    footer(say, unsubscribeUrl),
  );
  return {
    to,
    subject: say(reply.toTheirs ? "reply.subject" : "thread.subject", vars),
    ...body,
    headers: unsubscribeHeaders(unsubscribeUrl),
  };
}

export function approvedMail(say: Say, to: string, thread: ThreadLink, unsubscribeUrl: string): MailPayload {
  const title = thread.title;
  const body = mailBody([{ kind: "text", text: say("approved.intro", { title }) }, threadPiece(say, thread)], footer(say, unsubscribeUrl));
  return { to, subject: say("approved.subject", { title }), ...body, headers: unsubscribeHeaders(unsubscribeUrl) };
}

/** RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the URL, with no page in between. */
function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

function threadPiece(say: Say, thread: ThreadLink): MailPiece {
  return thread.url === null
    ? { kind: "text", text: say("reply.page", { title: thread.title }) }
    : { kind: "link", label: say("reply.link"), url: thread.url };
}

/** The unsubscribe link goes to the page (a GET changes nothing), where the reader chooses this thread or the whole site. */
function footer(say: Say, unsubscribeUrl: string): MailPiece[] {
  const page = unsubscribeUrl.replace(/\?.*$/, "");
  return [
    { kind: "text", text: say("footer.why") },
    { kind: "link", label: say("footer.unsubscribe"), url: page },
  ];
}
