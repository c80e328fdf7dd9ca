import type { AkismetVerdict } from "./akismet.ts";
import type { SiteSettings } from "./settings.ts";

// Where a new comment goes, decided from facts the caller gathered. Knows nothing of
// HTTP or D1, so every rule can be tested alone. Spam gets the same answer as a held
// comment (202), so spammers learn nothing from it.

export interface NewCommentFacts {
  settings: SiteSettings;
  /** The author gave an e-mail and it already has a published comment on this site. */
  knownAuthor: boolean;
  /** The e-mail, network or name is banned on this site. */
  banned: boolean;
  /** The comment gives one of the site's owner e-mails: anyone can type it, so the owner confirms. */
  ownerEmail: boolean;
  /** Everything the author wrote: body, name, e-mail, website. */
  texts: string[];
  /** Links in the rendered body. */
  links: number;
  /** Which bot trap the comment sprang (honeypot, missing or too-fast form token), if any. */
  trap?: string | null;
  /** Akismet's answer, when the site owner turned Akismet on. */
  akismet?: AkismetVerdict | null;
}

export type Verdict = { status: "approved" | "pending" | "spam"; reason: string };

export function initialStatus(facts: NewCommentFacts): Verdict {
  const { settings } = facts;
  if (facts.banned) return { status: "spam", reason: "banned" };
  if (facts.trap) return { status: "spam", reason: `bot trap: ${facts.trap}` };
  if (facts.akismet === "spam") return { status: "spam", reason: "Akismet says spam" };
  const byText = textVerdict(facts.texts, facts.links, settings);
  if (byText !== null) return byText;
  if (facts.ownerEmail) return { status: "pending", reason: "written with an owner e-mail" };
  if (facts.akismet === "unknown") return { status: "pending", reason: "Akismet could not be reached" };
  switch (settings.moderation) {
    case "none":
      return { status: "approved", reason: "moderation off" };
    case "all":
      return { status: "pending", reason: "every comment is held" };
    case "first":
      return facts.knownAuthor ? { status: "approved", reason: "known author" } : { status: "pending", reason: "first comment" };
  }
}

/**
 * Where a published comment goes once its author edits it: the rules on the text alone,
 * as a new comment meets them, so an edit into spam or into too many links is held again.
 * Who wrote it was settled when it was published.
 */
export function editedStatus(settings: SiteSettings, body: string, links: number): Verdict {
  return textVerdict([body], links, settings) ?? { status: "approved", reason: "the edit passes the text rules" };
}

/** The rules on what was written, in their order: block words, then too many links, then hold words. */
function textVerdict(texts: readonly string[], links: number, settings: SiteSettings): Verdict | null {
  const blocked = findWord(texts, settings.blockWords);
  if (blocked !== null) return { status: "spam", reason: `block word "${blocked}"` };
  if (links > settings.maxLinks) return { status: "pending", reason: `${links} links` };
  const held = findWord(texts, settings.holdWords);
  if (held !== null) return { status: "pending", reason: `hold word "${held}"` };
  return null;
}

/** The first listed word or phrase that stands as a whole word in any text, ignoring case. */
export function findWord(texts: readonly string[], words: readonly string[]): string | null {
  const haystack = texts.join("\n").toLocaleLowerCase();
  for (const word of words) {
    const needle = word.trim().toLocaleLowerCase();
    if (needle === "") continue;
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(haystack)) return word;
  }
  return null;
}

/** Closed by the owner, or older than the site's close-after-days. */
export function isThreadClosed(
  thread: { closed: number; created_at: string } | undefined,
  settings: SiteSettings,
  now = Date.now(),
): boolean {
  if (thread === undefined) return false;
  if (thread.closed === 1) return true;
  return settings.closeAfterDays !== null && now - Date.parse(thread.created_at) > settings.closeAfterDays * 86_400_000;
}

/** How many links a rendered comment holds. */
export function countLinks(html: string): number {
  return html.split("<a href=").length - 1;
}
