import { type Context, Hono } from "hono";
import { z } from "zod";
import type { PublicComment, ThreadResponse } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { allRows, type D1Reader, readBatch } from "../db/batch.ts";
import {
  type CommentRow,
  selectMoreReplyCounts,
  selectReplies,
  selectThreadPage,
  selectThreadRoot,
  toPublicComment,
} from "../db/comments.ts";
import { boundReplies, boundThreadPage, decodeReplyCursor, encodeReplyCursor, type Page } from "../db/paging.ts";
import { selectSite } from "../db/sites.ts";
import { selectThread, toThreadInfo } from "../db/threads.ts";
import { tokenHashes } from "../lib/edit-token.ts";
import { READER_TOKENS_HEADER } from "../lib/reader-tokens.ts";
import { COMMENT_ID_PATTERN, CURSOR_MAX, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "../lib/fields.ts";
import { feedUrl } from "../lib/atom.ts";
import { signFormToken } from "../lib/form-token.ts";
import { isThreadClosed } from "../lib/moderation.ts";
import { cleanPageKey } from "../lib/text.ts";
import { cursorParam, pageKey, siteKey, validate } from "../http/validate.ts";
import { allowSiteOrigin } from "../http/cors.ts";
import { requireSite } from "../http/lookups.ts";
import { ApiError } from "../http/errors.ts";
import { cachedThreadRead, isSharedThreadRead } from "../http/read-cache.ts";
import { answerBookmark, openReadSession } from "../http/d1-session.ts";
import type { SiteSettings } from "../lib/settings.ts";

const threadQuery = z.object({
  site: siteKey,
  page: pageKey,
  sort: z.enum(["oldest", "newest", "top"], { error: "sort must be oldest, newest or top." }).default("oldest"),
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int({ error: "limit must be a whole number." })
    .min(1, { error: "limit must be at least 1." })
    .max(PAGE_LIMIT_MAX, { error: `limit must be at most ${PAGE_LIMIT_MAX}.` })
    .default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(CURSOR_MAX, { error: "cursor is too long." }).optional(),
  /** A top-level comment: the page is then its next replies (docs/api.md "Bounded pages"). */
  parentId: z.string().regex(COMMENT_ID_PATTERN, { error: "parentId is not a comment id." }).optional(),
});

/** A comment's share of the page's byte bound: its JSON, in UTF-8. */
const encoder = new TextEncoder();
const answerBytes = (row: CommentRow) => encoder.encode(JSON.stringify(toPublicComment(row))).length;

export const threads = new Hono<AppEnv>().get("/threads", validate("query", threadQuery), async (c) => {
  const query = c.req.valid("query");
  const page = cleanPageKey(query.page);
  const formToken = () => signFormToken(c.env.HASH_SALT, { site: query.site, page, issuedAt: Date.now() });
  // The first page without edit tokens is every reader's: from the edge cache, with a form token of its own.
  if (isSharedThreadRead(c, query)) {
    const key = { site: query.site, page, sort: query.sort, limit: query.limit, origin: new URL(c.req.url).origin };
    return cachedThreadRead(c, key, (db) => readThread(c, db, query, page, []), formToken);
  }
  const session = openReadSession(c);
  const { body } = await readThread(c, session, query, page, await tokenHashes(c.req.header(READER_TOKENS_HEADER)));
  answerBookmark(c, session);
  return c.json<ThreadResponse>({ ...body, form: { ...body.form, token: await formToken() } });
});

type ThreadQuery = z.infer<typeof threadQuery>;

/** The thread as the route answers it but for the form token: the part a cache may share when no tokens are held. */
async function readThread(c: Context<AppEnv>, db: D1Reader, query: ThreadQuery, page: string, ownTokenHashes: string[]) {
  const parentId = query.parentId;

  // One round trip: the site, the thread and the page of comments in one batch; a page of
  // replies reads its top-level comment instead (the batch is one snapshot, so one either way).
  const [siteRows, threadRows, commentRows, rootRows] = await readBatch(db, [
    selectSite(db, query.site),
    selectThread(db, query.site, page),
    parentId === undefined
      ? selectThreadPage(db, {
          site: query.site,
          page,
          sort: query.sort,
          limit: query.limit,
          cursor: cursorParam(query.cursor),
          ownTokenHashes,
        })
      : selectReplies(db, { rootId: parentId, after: replyCursorParam(query.cursor), ownTokenHashes }),
    selectThreadRoot(db, { site: query.site, page, id: parentId ?? "", ownTokenHashes }),
  ]);
  const site = requireSite(siteRows[0], query.site);
  allowSiteOrigin(c, site);
  if (parentId !== undefined && rootRows.length === 0) {
    throw new ApiError(404, "not_found", "This thread has no such top-level comment.", "parentId");
  }

  const threadRow = threadRows[0] ?? null;
  const { comments, nextCursor } =
    parentId === undefined
      ? await boundedThreadPage(db, commentRows, query.limit, ownTokenHashes)
      : publicPage(boundReplies(commentRows, answerBytes));

  const body: Omit<ThreadResponse, "form"> & { form: Omit<ThreadResponse["form"], "token"> } = {
    thread: toThreadInfo(
      threadRow,
      page,
      isThreadClosed(threadRow ?? undefined, site.settings),
      feedUrl(new URL(c.req.url).origin, site.key, page),
    ),
    comments,
    nextCursor,
    site: {
      locale: site.settings.locale,
      displayDepth: site.settings.displayDepth,
      editWindowMinutes: site.settings.editWindowMinutes,
    },
    // Last, for the token (bound to this page, issue 10, item 10) that each read adds.
    form: { turnstileSiteKey: site.settings.turnstileSiteKey },
  };
  return { body, maxAge: secondsUntilClosed(threadRow, site.settings) };
}

/** A cached answer must not say "open" past the moment closeAfterDays closes the thread. */
function secondsUntilClosed(thread: { closed: number; created_at: string } | null, settings: SiteSettings): number | undefined {
  if (thread === null || thread.closed === 1 || settings.closeAfterDays === null) return undefined;
  const closesAt = Date.parse(thread.created_at) + settings.closeAfterDays * 86_400_000;
  return closesAt > Date.now() ? Math.ceil((closesAt - Date.now()) / 1000) : undefined;
}

/** A reply cursor from the query string: the start of the subtree (none), one this API gave out, or the 400. */
function replyCursorParam(cursor: string | undefined): string {
  if (cursor === undefined) return "";
  const after = decodeReplyCursor(cursor);
  if (after === null) throw new ApiError(400, "invalid_cursor", "The cursor is not one this API gave out for these replies.", "cursor");
  return after;
}

function publicPage(page: Page<CommentRow>): { comments: PublicComment[]; nextCursor: string | null } {
  return { comments: page.shown.map((row) => toPublicComment(row)), nextCursor: page.nextCursor };
}

/** The page within its bounds; top-level comments with replies left say how many (a second read, only when some were cut). */
async function boundedThreadPage(db: D1Reader, rows: CommentRow[], limit: number, ownTokenHashes: string[]) {
  const page = boundThreadPage(rows, limit, answerBytes);
  const counts = page.cuts.length ? await allRows(selectMoreReplyCounts(db, page.cuts, ownTokenHashes)) : [];
  const more = new Map(counts.filter((row) => row.count > 0).map((row) => [row.root_id, row.count]));
  const after = new Map(page.cuts.map((cut) => [cut.rootId, cut.after]));
  const comments = page.shown.map((row) => {
    const count = more.get(row.id);
    const comment = toPublicComment(row);
    return count === undefined ? comment : { ...comment, moreReplies: { count, cursor: encodeReplyCursor(after.get(row.id) ?? "") } };
  });
  return { comments, nextCursor: page.nextCursor };
}
