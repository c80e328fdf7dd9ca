import type { AkismetVerdict } from "./akismet.ts";
import type { SiteSettings } from "./settings.ts";
import { foldForMatching } from "./text.ts";

// Where a new comment goes, decided from facts the caller gathered. Knows nothing of
// HTTP or D1, so every rule can be tested alone. Spam gets the same answer as a held
// comment (202), so spammers learn nothing from it.

export interface NewCommentFacts {
  settings: SiteSettings;
  /**
   * How the author proved they are a known commenter of this site (moderation mode
   * `first`), or null. An e-mail alone is no proof: anyone can type it, and the 201 or 202
   * would tell whether it commented before (issue 10, item 5).
   */
  knownAuthor: AuthorProof | null;
  /** The e-mail, network or name is banned on this site. */
  banned: boolean;
  /** Everything the author wrote: body, name, e-mail, website. */
  texts: string[];
  /** Links in the rendered body. */
  links: number;
  /** Which bot trap the comment sprang (honeypot, missing or too-fast form token), if any. */
  trap?: string | null;
  /** Akismet's answer, when the site owner turned Akismet on. */
  akismet?: AkismetVerdict | null;
}

/**
 * Proof that an e-mail is the writer's own: the request carried the edit token of an
 * approved comment written with it on this site (`Bascule-Tokens`), or the address was
 * confirmed by e-mail (the notifications work adds that; it answers "confirmed_email").
 */
export type AuthorProof = "edit_token" | "confirmed_email";

export type Verdict = { status: "approved" | "pending" | "spam"; reason: string };

export function initialStatus(facts: NewCommentFacts): Verdict {
  const { settings } = facts;
  if (facts.banned) return { status: "spam", reason: "banned" };
  if (facts.trap) return { status: "spam", reason: `bot trap: ${facts.trap}` };
  if (facts.akismet === "spam") return { status: "spam", reason: "Akismet says spam" };
  const byText = textVerdict(facts.texts, facts.links, settings);
  if (byText !== null) return byText;
  if (facts.akismet === "unknown") return { status: "pending", reason: "Akismet could not be reached" };
  return modeVerdict(settings, facts.knownAuthor);
}

function modeVerdict(settings: SiteSettings, known: AuthorProof | null): Verdict {
  switch (settings.moderation) {
    case "none":
      return { status: "approved", reason: "moderation off" };
    case "all":
      return { status: "pending", reason: "every comment is held" };
    case "first":
      return known ? { status: "approved", reason: `known author (${known})` } : { status: "pending", reason: "first comment" };
  }
}

export interface EditFacts {
  settings: SiteSettings;
  /** The comment's status before the edit. */
  status: "approved" | "pending" | "spam";
  banned: boolean;
  /** The new body with the author's name, e-mail and website, as a new comment's texts. */
  texts: string[];
  links: number;
}

/**
 * Where a comment goes once its author edits it: the rules a new comment meets, in the
 * site's mode (issue 10, item 6), so an edit into spam, too many links or a hold word is
 * held again, and in `all` every edit waits for the owner again. An edit never publishes:
 * held stays held, spam stays spam. In `first` the author of a published comment is known
 * by the very token the edit came with.
 */
export function editedStatus(facts: EditFacts): Verdict {
  if (facts.status === "spam") return { status: "spam", reason: "was spam" };
  if (facts.banned) return { status: "spam", reason: "banned" };
  const byText = textVerdict(facts.texts, facts.links, facts.settings);
  if (byText !== null) return byText;
  if (facts.status === "pending") return { status: "pending", reason: "was held" };
  return modeVerdict(facts.settings, "edit_token");
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

/**
 * The first listed word or phrase that stands as a whole word in any text, both folded
 * (lib/text.ts foldForMatching: case, diacritics, hidden characters, look-alike letters).
 */
export function findWord(texts: readonly string[], words: readonly string[]): string | null {
  const haystack = foldForMatching(texts.join("\n"));
  for (const word of words) {
    const needle = foldForMatching(word.trim());
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
