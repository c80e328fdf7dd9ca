// The admin page's strings. English is the source of truth: fr.ts is typed against these keys.
// Keys are grouped by screen area; `{name}`-style placeholders are filled by `t()`.
// A plural message lists Intl.PluralRules categories; `other` is always required.

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export const en = {
  "app.title": "Bascule: comments",
  "app.site": "Site",
  "app.noSites": "There is no site yet. Create one with POST /api/v1/admin/sites.",
  "app.signOut": "Sign out",
  "app.otherLanguage": "Français",
  "app.otherLanguageTag": "fr",
  "app.sections": "Sections",
  "app.loading": "Loading…",

  "nav.comments": "Comments",
  "nav.threads": "Threads",
  "nav.settings": "Settings",
  "nav.transfer": "Import and export",

  "login.title": "Sign in",
  "login.token": "Admin token",
  "login.hint": "The ADMIN_TOKEN secret of this worker. It stays in this tab only and is forgotten when the tab closes.",
  "login.submit": "Sign in",
  "login.checking": "Checking…",
  "login.refused": "This token was refused.",
  "login.expired": "The server refused the token. Please sign in again.",

  "queue.status": "Show",
  "queue.status.pending": "Pending",
  "queue.status.approved": "Approved",
  "queue.status.spam": "Spam",
  "queue.status.all": "All",
  "queue.search": "Search text, author or e-mail",
  "queue.searchSubmit": "Search",
  "queue.searchClear": "Clear search",
  "queue.empty": "No comments here.",
  "queue.emptyPending": "Nothing is waiting for moderation.",
  "queue.emptySearch": "No comment matches “{q}”.",
  "queue.more": "Load more",
  "queue.retry": "Try again",
  "queue.shortcuts": "Keyboard: j and k move, a approves, s marks spam, d deletes, u undoes.",

  "comment.by": "Comment by {name}",
  "comment.anonymous": "Anonymous",
  "comment.on": "On",
  "comment.email": "E-mail",
  "comment.website": "Website",
  "comment.ip": "IP hash",
  "comment.none": "none",
  "comment.deleted": "Comment deleted (its replies keep their place).",
  "comment.statusDeleted": "Deleted",
  "comment.edited": "edited",
  "comment.pinned": "Pinned",
  "comment.reply": "Reply",

  "action.approve": "Approve",
  "action.spam": "Spam",
  "action.delete": "Delete",
  "action.undo": "Undo",

  "toast.approved": "Comment approved.",
  "toast.spam": "Comment marked as spam.",
  "toast.deleted": "Comment deleted.",
  "toast.undone": "Undone.",
  "toast.saved": "Settings saved.",
  "toast.threadClosed": "Comments closed on “{title}”.",
  "toast.threadOpened": "Comments open again on “{title}”.",

  "threads.empty": "No thread yet.",
  "threads.count": { one: "{n} comment", other: "{n} comments" },
  "threads.open": "Open",
  "threads.closed": "Closed",
  "threads.close": "Close",
  "threads.reopen": "Reopen",
  "threads.closeLabel": "Close comments on “{title}”",
  "threads.reopenLabel": "Reopen comments on “{title}”",

  "settings.origins": "Allowed origins",
  "settings.originsHint": "One per line: https://blog.example, or http://localhost:* for any port.",
  "settings.moderation": "Moderation",
  "settings.moderation.none": "Publish every comment at once",
  "settings.moderation.first": "Hold an unknown author's first comment",
  "settings.moderation.all": "Hold every comment",
  "settings.maxLinks": "Hold a comment with more links than",
  "settings.holdWords": "Hold words",
  "settings.holdWordsHint": "One word or phrase per line. A comment that has one waits for review.",
  "settings.blockWords": "Block words",
  "settings.blockWordsHint": "One word or phrase per line. A comment that has one goes to spam.",
  "settings.ownerEmails": "Owner e-mails",
  "settings.ownerEmailsHint": "One per line. Comments written with these get the author badge.",
  "settings.editWindowMinutes": "Edit window (minutes)",
  "settings.editWindowMinutesHint": "How long an author may edit or delete their comment.",
  "settings.displayDepth": "Display depth",
  "settings.displayDepthHint": "Reply levels indented before replies are shown flat.",
  "settings.locale": "Default language",
  "settings.localeHint": "A BCP 47 tag such as en or fr, used when the page says nothing.",
  "settings.closeAfterDays": "Close threads after (days)",
  "settings.closeAfterDaysHint": "Counted from a thread's first comment. Empty: never.",
  "settings.minSubmitSeconds": "Minimum seconds before posting",
  "settings.minSubmitSecondsHint": "A comment sent sooner after the form appeared is treated as spam.",
  "settings.turnstileSiteKey": "Turnstile site key",
  "settings.turnstileSiteKeyHint": "Empty: Turnstile is off.",
  "settings.save": "Save settings",
  "settings.saving": "Saving…",
  "settings.invalid": "Some settings were not saved. See the message next to the field.",

  "error.network": "The server could not be reached. Check your connection and try again.",
  "error.generic": "Something went wrong. Please try again.",
} satisfies Record<string, string | PluralForms>;

type English = typeof en;

export type MessageKey = keyof English;
/** The shape every language must have: the same keys, plain strings or plural forms. */
export type Messages = { [K in MessageKey]: English[K] extends string ? string : PluralForms };
export type PluralKey = { [K in MessageKey]: English[K] extends string ? never : K }[MessageKey];
export type TextKey = Exclude<MessageKey, PluralKey>;
