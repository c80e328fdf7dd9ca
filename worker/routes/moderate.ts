// GET/POST /moderate/<token>: the owner's one-click moderation page (API.md "Mail to the owner",
// issue 11). The signed token in the path is the credential, for one comment only, for 14 days.
// A GET never changes anything (mail scanners open every link); the buttons POST to the same
// URL. The actions are the admin routes' own (routes/owner-actions.ts), audited as
// "moderation-link". Forms get pages; a script that sends JSON gets JSON.
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AdminComment, ModerateRequest, OwnerReplyResponse } from "../api-types.ts";
import type { AppEnv } from "../app-env.ts";
import { toAdminComment, type CommentInSite } from "../db/comments.ts";
import { siteOfComment } from "../db/sites.ts";
import { ApiError, onError } from "../http/errors.ts";
import { limitBody } from "../http/json-only.ts";
import { text } from "../http/validate.ts";
import { saltProblem } from "../lib/config.ts";
import { BODY_BYTES, BODY_MAX } from "../lib/fields.ts";
import { checkLink } from "../lib/signed-link.ts";
import { ownerStrings, type OwnerStrings, type OwnerTextKey } from "../mail/i18n/owner.ts";
import { commentPage, confirmDeletePage, deletedPage, errorPage, PAGE_HEADERS, type Notice } from "./moderate-page.ts";
import { deleteAsOwner, MODERATION_LINK_ACTOR, ownerComment, replyAsOwner, setStatusAsOwner, staleAnswer } from "./owner-actions.ts";

const ACTIONS = ["approve", "hold", "spam", "delete", "reply"] as const;
type Action = (typeof ACTIONS)[number];

const input = z.object({
  // `hold` (back to waiting) is the undo of an approval, as on the admin page.
  action: z.enum(ACTIONS, { error: "action must be approve, spam, delete or reply." }),
  body: z.string({ error: "body must be text." }).optional(),
  /** The version shown (its editedAt; empty when never edited): approving a comment edited since shows it again. */
  editedAt: z.string({ error: "editedAt must be text." }).max(40, { error: "editedAt is not a time." }).nullable().optional(),
  /** A deletion is asked for twice: a form sends "yes", a script `true`. */
  confirm: z.union([z.literal("yes"), z.literal(true)]).optional(),
});

const replyBody = text("body", BODY_MAX, true);

/** What the page says after a status change (the POST redirects to GET ?done=…&was=…, so a reload sends nothing twice). */
const doneQuery = z.object({
  done: z.enum(["approved", "pending", "spam", "replied", "repliedParent"]),
  was: z.enum(["approved", "pending", "spam"]).optional(),
});

/** The language of pages shown before the comment (and its site) is known: the browser's, if we have it. */
const pageLang = new WeakMap<Request, string>();

/**
 * The token is the credential, so a page elsewhere can't submit it without knowing it; still,
 * a POST that says it comes from another site is refused. Sec-Fetch-Site decides when the
 * browser sends it; an Origin, when present, must be ours. `Origin: null` is what a browser
 * sends for our own form under `Referrer-Policy: no-referrer`, so it decides nothing. Scripts
 * send neither.
 */
const sameOriginOnly = createMiddleware<AppEnv>(async (c, next) => {
  const fetchSite = c.req.header("sec-fetch-site");
  const origin = c.req.header("origin");
  const crossSite =
    (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") ||
    (origin !== undefined && origin !== "null" && origin !== originOf(c));
  if (crossSite) throw new ApiError(403, "cross_site", "This form was sent from another site; nothing was done.");
  await next();
});

/** A form (application/x-www-form-urlencoded) or, for scripts, JSON. */
const formOrJson = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(x-www-form-urlencoded|json)\s*(;|$)/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the form as application/x-www-form-urlencoded, or JSON.");
  }
  await next();
});

export const moderate = new Hono<AppEnv>()
  // Every answer, JSON and redirects too: the URL holds the credential and the body the author's e-mail.
  .use("/moderate/*", async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(PAGE_HEADERS)) c.res.headers.set(name, value);
  })
  .get("/moderate/:token", async (c) => {
    const comment = await linkedComment(c);
    if (wantsJson(c)) return c.json<{ comment: AdminComment }>({ comment: toAdminComment(comment) });
    const t = strings(c);
    const done = doneQuery.safeParse(c.req.query());
    return page(200, commentPage(t, comment, pathOf(c), originOf(c), done.success ? doneNotice(t, comment, done.data) : undefined));
  })
  .post("/moderate/:token", sameOriginOnly, formOrJson, limitBody(BODY_BYTES.comment), async (c) => {
    const given = await readInput(c);
    const comment = await linkedComment(c);
    const seen = given.editedAt ? given.editedAt : null;
    switch (given.action) {
      case "delete":
        return remove(c, comment, given.confirm !== undefined);
      case "reply":
        return reply(c, comment, replyText(given.body), seen);
      default:
        return changeStatus(c, comment, given.action, seen);
    }
  })
  .onError((error, c) => {
    if (!(error instanceof ApiError) || wantsJson(c)) return onError(error, c);
    const t = strings(c);
    const vars = { message: error.message };
    return page(error.status, errorPage(t, t.t(PAGE_MESSAGES[error.code] ?? "page.error.invalid", vars), originOf(c)));
  });

/** Each refusal's words on the page; any other (a bad field, a body too large) says what the API says. */
const PAGE_MESSAGES: Record<string, OwnerTextKey> = {
  link_forged: "page.error.forged",
  link_expired: "page.error.expired",
  comment_not_found: "page.error.gone",
  cross_site: "page.error.crossSite",
  server_not_configured: "page.error.notConfigured",
  comment_deleted: "page.error.deleted",
  comment_spam: "page.error.replySpam",
};

async function readInput(c: Context<AppEnv>): Promise<ModerateRequest> {
  let raw: unknown;
  if (isJsonBody(c)) {
    raw = await c.req.json().catch(() => {
      throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
    });
  } else {
    raw = await c.req.parseBody();
  }
  const parsed = input.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? "action");
  throw new ApiError(400, `${field === "editedAt" ? "edited_at" : field}_invalid`, issue?.message ?? "The request is not valid.", field);
}

function replyText(body: string | undefined): string {
  const parsed = replyBody.safeParse(body ?? "");
  if (parsed.success) return parsed.data;
  const tooLong = parsed.error.issues.some((issue) => issue.code === "too_big");
  throw new ApiError(400, tooLong ? "body_too_long" : "body_empty", parsed.error.issues[0]?.message ?? "body is empty.", "body");
}

/** The comment the token names: 403 forged, 410 expired, 404 gone. Fails closed without a usable salt. */
async function linkedComment(c: Context<AppEnv>): Promise<CommentInSite> {
  pageLang.set(c.req.raw, browserLang(c.req.header("accept-language")));
  if (saltProblem(c.env.HASH_SALT) !== null) {
    throw new ApiError(403, "server_not_configured", "This server has no usable HASH_SALT, so moderation links are refused.");
  }
  const verdict = await checkLink(c.env.HASH_SALT, "moderate", c.req.param("token") ?? "", Date.now());
  if (!verdict.ok && verdict.reason === "expired") {
    throw new ApiError(410, "link_expired", "This moderation link has expired; moderate the comment from /admin.");
  }
  if (!verdict.ok) throw new ApiError(403, "link_forged", "This moderation link is not valid.");
  const comment = await ownerComment(c.env.DB, verdict.claims.subject);
  pageLang.set(c.req.raw, siteOfComment(comment).settings.locale);
  return comment;
}

async function changeStatus(c: Context<AppEnv>, comment: CommentInSite, action: Exclude<Action, "delete" | "reply">, seen: string | null) {
  const status = action === "approve" ? "approved" : action === "hold" ? "pending" : "spam";
  const done = await setStatusAsOwner(c, MODERATION_LINK_ACTOR, comment, status, seen);
  if (!done.ok) return stale(c, done.current);
  if (wantsJson(c)) return c.json<{ comment: AdminComment }>({ comment: toAdminComment(done.comment) });
  if (comment.status === status)
    return page(200, commentPage(strings(c), comment, pathOf(c), originOf(c), { text: strings(c).t("page.done.same") }));
  return c.redirect(`${pathOf(c)}?done=${status}&was=${comment.status}`, 303);
}

async function reply(c: Context<AppEnv>, parent: CommentInSite, body: string, seen: string | null) {
  const done = await replyAsOwner(c, MODERATION_LINK_ACTOR, parent, { body, editedAt: seen });
  if (!done.ok) return stale(c, done.current);
  if (wantsJson(c)) return c.json<OwnerReplyResponse>({ comment: toAdminComment(done.reply), parent: toAdminComment(done.parent) }, 201);
  return c.redirect(`${pathOf(c)}?done=${parent.status === "pending" ? "repliedParent" : "replied"}`, 303);
}

async function remove(c: Context<AppEnv>, comment: CommentInSite, confirmed: boolean) {
  if (comment.status === "deleted")
    throw new ApiError(409, "comment_deleted", "This comment was deleted; only its place in the thread remains.");
  if (!confirmed) {
    if (wantsJson(c)) throw new ApiError(400, "confirm_required", "A deletion can't be undone: send confirm: true with it.", "confirm");
    return page(200, confirmDeletePage(strings(c), comment, pathOf(c), originOf(c)));
  }
  await deleteAsOwner(c, MODERATION_LINK_ACTOR, comment);
  if (wantsJson(c)) return c.json({ deleted: true });
  return page(200, deletedPage(strings(c), comment, originOf(c)));
}

/** 409: the comment was edited since the page was shown; here is its new text, with the buttons for it. */
function stale(c: Context<AppEnv>, current: CommentInSite) {
  if (wantsJson(c)) return staleAnswer(c, current);
  const t = strings(c);
  return page(409, commentPage(t, current, pathOf(c), originOf(c), { text: t.t("page.stale") }, true));
}

/** The line at the top after a redirect, with its undo; shown only while it is still true. */
function doneNotice(t: OwnerStrings, comment: CommentInSite, done: z.infer<typeof doneQuery>): Notice | undefined {
  if (done.done === "replied" || done.done === "repliedParent") return { text: t.t(`page.done.${done.done}`) };
  if (comment.status !== done.done) return undefined;
  const back = done.was === undefined || done.was === done.done ? undefined : done.was;
  const undoAction = back === "approved" ? "approve" : back === "pending" ? "hold" : back;
  return { text: t.t(`page.done.${done.done}`), ...(undoAction ? { undo: { action: undoAction, editedAt: comment.edited_at } } : {}) };
}

function page(status: number, html: string): Response {
  return new Response(html, { status, headers: { ...PAGE_HEADERS, "Content-Type": "text/html; charset=utf-8" } });
}

function strings(c: Context<AppEnv>): OwnerStrings {
  return ownerStrings(pageLang.get(c.req.raw) ?? browserLang(c.req.header("accept-language")));
}

function browserLang(header: string | undefined): string {
  return header?.split(",")[0]?.split(";")[0]?.trim() || "en";
}

const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin;
const pathOf = (c: Context<AppEnv>) => new URL(c.req.url).pathname;
const isJsonBody = (c: Context<AppEnv>) => /^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "");

/** A script: it sent JSON, or asks for it first. */
function wantsJson(c: Context<AppEnv>): boolean {
  return isJsonBody(c) || /^application\/json/i.test(c.req.header("accept") ?? "");
}
