import type { SiteSettings } from "./settings.ts";

// Where a new comment goes, decided from facts the caller gathered. Knows nothing of
// HTTP or D1, so every rule can be tested alone.

export interface NewCommentFacts {
  settings: SiteSettings;
  /** The author gave an e-mail and it already has a published comment on this site. */
  knownAuthor: boolean;
}

export function initialStatus({ settings, knownAuthor }: NewCommentFacts): "approved" | "pending" {
  switch (settings.moderation) {
    case "none":
      return "approved";
    case "all":
      return "pending";
    case "first":
      return knownAuthor ? "approved" : "pending";
  }
}
