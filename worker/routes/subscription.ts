// GET/POST /subscription/<token>: the page that links in readers' mails open (API.md "Mail
// to readers"). The signed token (lib/signed-link.ts, purpose "subscription") names the
// subscriber and the subscription the mail was about; it is the only credential. A GET
// only shows (mail scanners open links); the page's buttons POST `action=confirm`,
// `unsubscribe` (this thread) or `unsubscribe-site`. A mail client's RFC 8058 one-click
// POST (`List-Unsubscribe=One-Click`, no Origin, no cookie) lands on the same handler.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { findSite } from "../db/sites.ts";
import {
  confirmSubscriber,
  findSubscriber,
  findSubscriptionThread,
  unsubscribeSite,
  unsubscribeThread,
  type SubscriberRow,
} from "../db/subscriptions.ts";
import { limitBody } from "../http/json-only.ts";
import { BODY_BYTES } from "../lib/fields.ts";
import { escapeHtml } from "../lib/markdown.ts";
import { checkLink } from "../lib/signed-link.ts";
import { readerLang, readerWords, type ReaderKey, type Say } from "../mail/i18n/reader.ts";

// A small page that works on a phone: no script, no remote anything, its one style allowed by hash.
const STYLE =
  "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:32rem;margin:0 auto;padding:1rem}" +
  "form{margin:1rem 0}button{font:inherit;padding:.6rem 1rem;width:100%;border-radius:6px;border:1px solid #888;cursor:pointer}" +
  "button.main{background:#1a5fb4;color:#fff;border-color:#1a5fb4}";

let styleHash: Promise<string> | undefined;

function hashOf(text: string): Promise<string> {
  return crypto.subtle
    .digest("SHA-256", new TextEncoder().encode(text))
    .then((digest) => btoa(String.fromCharCode(...new Uint8Array(digest))));
}

async function headers(): Promise<Record<string, string>> {
  styleHash ??= hashOf(STYLE);
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": [
      "default-src 'none'",
      `style-src 'sha256-${await styleHash}'`,
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join("; "),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
  };
}

type Action = "confirm" | "unsubscribe" | "unsubscribe-site";
const ACTIONS: readonly string[] = ["confirm", "unsubscribe", "unsubscribe-site"] satisfies Action[];

interface Button {
  action: Action;
  label: ReaderKey;
  main?: boolean;
}

interface Shown {
  status: 200 | 400 | 403 | 404 | 410;
  lang: string;
  say: Say;
  message: string;
  buttons?: Button[];
}

async function render(c: Context<AppEnv>, shown: Shown): Promise<Response> {
  const { say } = shown;
  const forms = (shown.buttons ?? []).map(
    (button) =>
      `<form method="post" action="?action=${button.action}"><button type="submit"${button.main ? ' class="main"' : ""}>${escapeHtml(say(button.label))}</button></form>`,
  );
  const html = [
    `<!doctype html><html lang="${shown.lang}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(say("page.title"))}</title><style>${STYLE}</style></head>`,
    `<body><h1>${escapeHtml(say("page.title"))}</h1><p>${escapeHtml(shown.message)}</p>`,
    ...forms,
    "</body></html>",
  ].join("\n");
  return c.body(html, shown.status, await headers());
}

interface Holder {
  subscriber: SubscriberRow;
  /** The subscription the mail was about, if it is still there: its thread is "this thread". */
  thread: { thread_id: number; page: string; title: string | null } | null;
  lang: string;
  say: Say;
}

/** The subscriber the token names, or the page to answer instead (forged, expired, gone). */
async function holder(c: Context<AppEnv>): Promise<Holder | Shown> {
  const token = c.req.param("token") ?? "";
  const verdict = await checkLink(c.env.HASH_SALT, "subscription", token, Date.now());
  if (!verdict.ok) {
    // An expired token's signature was good: its subject names a real subscriber, whose site's language the page takes.
    const site =
      verdict.reason === "expired" ? await siteOf(c, (await findSubscriber(c.env.DB, token.split(".")[0] ?? ""))?.site_key) : null;
    const locale = site ?? "en";
    const forged = verdict.reason === "forged";
    const say = readerWords(locale);
    return { status: forged ? 403 : 410, lang: readerLang(locale), say, message: say(forged ? "page.forged" : "page.expired") };
  }
  const subscriber = await findSubscriber(c.env.DB, verdict.claims.subject);
  const locale = (await siteOf(c, subscriber?.site_key)) ?? "en";
  const say = readerWords(locale);
  const lang = readerLang(locale);
  // Erased (by e-mail) or the site deleted: nothing is sent to it any more, which is what the reader wants to know.
  if (subscriber === null) return { status: 404, lang, say, message: say("page.gone") };
  const detail = verdict.claims.detail;
  const thread = detail === undefined ? null : await findSubscriptionThread(c.env.DB, subscriber.id, detail);
  return { subscriber, thread, lang, say };
}

async function siteOf(c: Context<AppEnv>, key: string | undefined): Promise<string | null> {
  return key === undefined ? null : ((await findSite(c.env.DB, key))?.settings.locale ?? null);
}

/** What the page offers the subscriber as they are now. */
function state(found: Holder, message?: ReaderKey): Shown {
  const { subscriber, thread, lang, say } = found;
  const base = { status: 200 as const, lang, say };
  if (subscriber.unsubscribed_at !== null) return { ...base, message: say("page.leftSite") };
  const leave: Button[] = [
    ...(thread === null ? [] : [{ action: "unsubscribe", label: "page.unsubscribeThread" } as const]),
    { action: "unsubscribe-site", label: "page.unsubscribeSite" },
  ];
  if (subscriber.confirmed_at === null) {
    const title = thread?.title ?? thread?.page ?? "";
    // "Not me" is answered too: leaving the site stops even the confirmation mails.
    return {
      ...base,
      message: say("page.unconfirmed", { title }),
      buttons: [
        { action: "confirm", label: "page.confirm", main: true },
        { action: "unsubscribe-site", label: "page.unsubscribeSite" },
      ],
    };
  }
  return { ...base, message: say(message ?? "page.confirmed"), buttons: leave };
}

export const subscription = new Hono<AppEnv>()
  .get("/subscription/:token", async (c) => {
    const found = await holder(c);
    return render(c, "subscriber" in found ? state(found) : found);
  })
  .post("/subscription/:token", limitBody(BODY_BYTES.small), async (c) => {
    const found = await holder(c);
    if (!("subscriber" in found)) return render(c, found);
    const { subscriber, thread, say } = found;
    const form = await formBody(c);
    const action = c.req.query("action") ?? form.action;
    if (typeof action !== "string" || !ACTIONS.includes(action)) {
      return render(c, { status: 400, lang: found.lang, say, message: say("page.badAction") });
    }
    const db = c.env.DB;
    const now = new Date().toISOString();
    switch (action as Action) {
      case "confirm": {
        // Idempotent: a second press keeps the first confirmation.
        await confirmSubscriber(db, subscriber.id, now).run();
        const confirmed = subscriber.confirmed_at === null && subscriber.unsubscribed_at === null;
        return render(
          c,
          state(
            { ...found, subscriber: { ...subscriber, confirmed_at: subscriber.confirmed_at ?? now } },
            confirmed ? "page.justConfirmed" : undefined,
          ),
        );
      }
      case "unsubscribe":
        // RFC 8058 one-click lands here. Already gone (a second click): the same answer.
        if (thread !== null) await unsubscribeThread(db, subscriber.id, thread.thread_id).run();
        return render(c, { ...state({ ...found, thread: null }), message: say("page.leftThread") });
      case "unsubscribe-site":
        await db.batch(unsubscribeSite(db, subscriber.id, now));
        return render(c, state({ ...found, subscriber: { ...subscriber, unsubscribed_at: subscriber.unsubscribed_at ?? now } }));
    }
  });

/** The form's fields (the page's buttons send none; a mail client sends List-Unsubscribe=One-Click). */
async function formBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return {};
  try {
    return await c.req.parseBody();
  } catch {
    return {};
  }
}
