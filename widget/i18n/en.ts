// English is the source of truth: every other language is typed against these keys.
// Keys are grouped by screen area; `{name}`-style placeholders are filled by `t()`.
// A plural message lists Intl.PluralRules categories; `other` is always required.

import type { CatalogueOf, PluralForms, PluralKeyOf, TextKeyOf, Translator } from "./catalogue.ts";

export const en = {
  // The writing direction: the one key not shown, "rtl" in right-to-left languages (mount.tsx).
  dir: "ltr",
  "thread.label": "Comments",
  "thread.count": { one: "{n} comment", other: "{n} comments" },
  "thread.loading": "Loading comments…",
  "thread.error": "The comments could not be loaded.",
  "thread.retry": "Try again",
  "thread.more": "Load more comments",
  "thread.closed": "Comments are closed.",
  "thread.sort": "Sort by",
  "sort.oldest": "Oldest",
  "sort.newest": "Newest",
  "sort.top": "Top",

  "comment.anonymous": "Anonymous",
  "comment.owner": "Author",
  "comment.pending": "Awaiting moderation",
  "comment.deleted": "Comment deleted",
  "comment.reply": "Reply",
  "comment.replyTo": "Reply to {name}",
  "comment.inReplyTo": "in reply to {name}",
  "comment.edited": "edited",
  // The like button's name: one form, but a plural message, for the number written as the language writes it.
  "comment.like": { other: "Like ({n})" },

  "form.title": "Leave a comment",
  "form.name": "Name",
  "form.email": "E-mail (optional, never shown)",
  "form.website": "Website (optional)",
  "form.body": "Comment",
  "form.submit": "Post comment",
  "form.sending": "Sending…",
  "form.cancel": "Cancel",
  "form.preview": "Preview",
  "form.hint": "**bold**, *italic*, `code`, > quote, links",

  "error.network": "The server could not be reached. Please try again.",
  "error.generic": "Something went wrong. Please try again.",
} satisfies Record<string, string | PluralForms>;

/**
 * What only embed-extra.js says (after a post, on one's own comments): English in that
 * file (widget/extra/words.ts), every other language in its own part, rather than in embed.js.
 */
export const enWriting = {
  "comment.edit": "Edit",
  "comment.delete": "Delete",
  "comment.confirm": "Delete?",
  "comment.yes": "Yes",
  "comment.no": "No",
  "form.save": "Save",
  "form.published": "Your comment has been published.",
  "form.pending": "Thank you! Your comment is awaiting moderation.",
  "form.notify": "Notify me of replies by e-mail",
  "form.notifyThread": "…and of every new comment on this page",
};

export type WritingKey = keyof typeof enWriting;

/** The same, for the plural messages only embed-extra.js says. */
export const enWritingPlurals = {
  "thread.moreReplies": { one: "Show {n} more reply", other: "Show {n} more replies" },
} satisfies Record<string, PluralForms>;

export type WritingPluralKey = keyof typeof enWritingPlurals;

/** The shape every language must have: the same keys, plain strings or plural forms. */
export type Messages = CatalogueOf<typeof en>;
export type PluralKey = PluralKeyOf<Messages>;
export type TextKey = TextKeyOf<Messages>;
/** What a language's part (`embed-<lang>.<hash>.js`, widget/i18n/<lang>.ts) defines: all its words. */
export type Locale = Messages & Record<WritingKey, string> & Record<WritingPluralKey, PluralForms>;
/** What components are given to write text: the catalogue of the widget's language. */
export type I18n = Translator<TextKey, PluralKey>;
