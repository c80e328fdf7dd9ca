// The owner's mails (API.md "Mail to the owner"): one about a new comment, and the daily
// digest. Built from layout.ts pieces, so the comment's HTML is the one renderer's and every
// other text is escaped there. The owner may see the author's e-mail: only the owner gets these.
import type { CommentStatus } from "../api-types.ts";
import type { CommentInSite } from "../db/comments.ts";
import type { MailPayload } from "../db/deliveries.ts";
import { signLink } from "../lib/signed-link.ts";
import { heldBecause, type OwnerStrings } from "./i18n/owner.ts";
import { mailBody, type MailPiece } from "./layout.ts";

/** How long a moderation link works (API.md: 14 days). */
export const MODERATION_LINK_DAYS = 14;

/** The link to the moderation page of one comment, signed for it alone. */
export async function moderationUrl(secret: string, origin: string, commentId: string, now: number): Promise<string> {
  const token = await signLink(secret, { purpose: "moderate", subject: commentId, expiresAt: now + MODERATION_LINK_DAYS * 86_400_000 });
  return `${origin}/moderate/${token}`;
}

/** A subject line is one line: no reader-given title may add a header or a line break. */
export function oneLine(text: string, max = 80): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** The thread's name in a mail: its title, else its page key. */
export function threadTitle(comment: Pick<CommentInSite, "title" | "page">): string {
  return oneLine(comment.title ?? comment.page);
}

/** Only an http(s) URL becomes a link; the thread's url is on the site's origins already (routes/comments.ts). */
export function threadLink(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export interface CommentMailFacts {
  comment: CommentInSite;
  /** The status the mail describes: published or held (spam is never mailed one by one). */
  status: Extract<CommentStatus, "approved" | "pending">;
  /** Why the rules decided so (the event's reason), for a held comment. */
  reason?: string | undefined;
  origin: string;
  moderateUrl: string;
  to: string;
}

/** The mail about one new comment. */
export function commentMail(t: OwnerStrings, facts: CommentMailFacts): MailPayload {
  const { comment } = facts;
  const title = threadTitle(comment);
  const author = comment.author_name ?? t.t("author.anonymous");
  const why = facts.status === "pending" ? heldBecause(t, facts.reason) : null;
  const intro = t.t(facts.status === "approved" ? "mail.intro.approved" : "mail.intro.pending", { author, title });
  const who = [t.t("mail.name", { name: author }), t.t("mail.email", { email: comment.author_email ?? t.t("author.noEmail") })];
  if (comment.author_website) who.push(t.t("mail.website", { website: comment.author_website }));
  const thread = threadLink(comment.url);
  const pieces: MailPiece[] = [
    { kind: "text", text: why === null ? intro : `${intro} ${t.t("held.why", { why })}` },
    // One paragraph each: a line break inside one would run them together in the HTML part.
    ...who.map((line): MailPiece => ({ kind: "text", text: line })),
    { kind: "comment", html: comment.html, source: comment.body },
    { kind: "link", label: t.t("mail.moderate"), url: facts.moderateUrl },
    { kind: "text", text: t.t("mail.moderateHint") },
    thread === null
      ? { kind: "text", text: t.t("mail.threadKey", { page: comment.page }) }
      : { kind: "link", label: t.t("mail.thread"), url: thread },
  ];
  const footer: MailPiece[] = [
    { kind: "text", text: t.t("mail.footer", { email: facts.to, site: comment.site_key }) },
    { kind: "link", label: t.t("mail.admin"), url: `${facts.origin}/admin` },
  ];
  const subject = oneLine(
    t.t(facts.status === "approved" ? "mail.subject.approved" : "mail.subject.pending", { title: oneLine(title, 60) }),
    100,
  );
  return { to: facts.to, subject, ...mailBody(pieces, footer) };
}

/** A held comment as the digest lists it: who, where, a short excerpt, and its moderation link. */
export interface DigestItem {
  authorName: string | null;
  body: string;
  createdAt: string;
  title: string | null;
  page: string;
  moderateUrl: string;
}

export interface DigestFacts {
  site: string;
  origin: string;
  to: string;
  waiting: DigestItem[];
  /** Held comments past the ones listed. */
  moreWaiting: number;
  published: number;
  spam: number;
}

/** How much of each held comment the digest quotes; the moderation page shows it whole. */
const EXCERPT_CHARS = 280;

export function digestMail(t: OwnerStrings, facts: DigestFacts): MailPayload {
  const dates = new Intl.DateTimeFormat(t.lang, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const pieces: MailPiece[] = [{ kind: "text", text: t.t("digest.intro", { site: facts.site }) }];
  const waiting = facts.waiting.length + facts.moreWaiting;
  pieces.push({ kind: "text", text: waiting === 0 ? t.t("digest.noneWaiting") : t.plural("digest.waiting", waiting) });
  for (const item of facts.waiting) {
    const author = item.authorName ?? t.t("author.anonymous");
    const date = `${dates.format(new Date(item.createdAt))} UTC`;
    pieces.push(
      { kind: "text", text: t.t("digest.item", { author, title: oneLine(item.title ?? item.page), date }) },
      { kind: "text", text: excerpt(item.body) },
      { kind: "link", label: t.t("digest.moderate"), url: item.moderateUrl },
    );
  }
  if (facts.moreWaiting > 0) pieces.push({ kind: "text", text: t.plural("digest.more", facts.moreWaiting) });
  if (facts.published > 0) pieces.push({ kind: "text", text: t.plural("digest.published", facts.published) });
  if (facts.spam > 0) pieces.push({ kind: "text", text: t.plural("digest.spam", facts.spam) });
  const footer: MailPiece[] = [
    { kind: "text", text: t.t("digest.footer", { email: facts.to, site: facts.site }) },
    { kind: "link", label: t.t("mail.admin"), url: `${facts.origin}/admin` },
  ];
  return { to: facts.to, subject: oneLine(t.t("digest.subject", { site: facts.site }), 100), ...mailBody(pieces, footer) };
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1).trimEnd()}…` : flat;
}
