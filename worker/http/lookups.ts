import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { findCommentInSite, type CommentInSite } from "../db/comments.ts";
import { findSite, siteOfComment, toSite, type Site, type SiteRow } from "../db/sites.ts";
import { checkEditToken } from "../lib/edit-token.ts";
import { requireSiteOrigin } from "./cors.ts";
import { ApiError, notFound } from "./errors.ts";

// What a route names but D1 doesn't hold becomes API.md's 404 here, and a refused check
// its 401 or 403: db/ and lib/ answer with null or a verdict, and know nothing of HTTP.

/** The site a batch read (selectSite), or the 404 naming it. */
export function requireSite(row: SiteRow | null | undefined, key: string): Site {
  if (!row) throw notFound.site(key);
  return toSite(row);
}

/** The site named in the request, read on its own, or the 404 naming it. */
export async function siteByKey(db: D1Database, key: string): Promise<Site> {
  const site = await findSite(db, key);
  if (site === null) throw notFound.site(key);
  return site;
}

/** The comment named in the path, if it is public or held, and its site, whose pages alone may change it. */
export async function commentFromSite(c: Context<AppEnv>, id: string): Promise<{ comment: CommentInSite; site: Site }> {
  const comment = await findCommentInSite(c.env.DB, id);
  // Spam stays reachable for its author's token: answering 404 would tell a spammer.
  if (comment === null || comment.status === "deleted") throw notFound.comment();
  const site = siteOfComment(comment);
  requireSiteOrigin(c, site);
  return { comment, site };
}

/** A reader's own comment: the edit token must match and the window be open. */
export async function requireEditToken(c: Context<AppEnv>, comment: CommentInSite, site: Site): Promise<void> {
  const windowMinutes = site.settings.editWindowMinutes;
  switch (await checkEditToken(c.req.header("authorization"), comment, windowMinutes)) {
    case "ok":
      return;
    case "token_required":
      throw new ApiError(401, "token_required", "Send the comment's edit token as a Bearer token.");
    case "token_invalid":
      throw new ApiError(401, "token_invalid", "This edit token is not the one for this comment.");
    case "edit_window_over":
      throw new ApiError(403, "edit_window_over", `Comments can be changed for ${windowMinutes} minutes after posting.`);
  }
}
