import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import type { D1Reader } from "../db/batch.ts";
import { findSiteVersions, findThreadVersions } from "../db/versions.ts";
import { READER_TOKENS_HEADER } from "../lib/reader-tokens.ts";
import { allowOrigins } from "./cors.ts";
import { answerBookmark, openReadSession, requestBookmark } from "./d1-session.ts";

// Cached reads with exact invalidation (issue 12): the first page of a thread and the counts,
// answered from the Cache API (caches.default, one per data centre) without a D1 query.
//
// - An answer is stored under the hash of what was asked (site, cleaned page key, sort and limit,
//   or the set of pages) and of the versions of what it shows: threads.version and sites.version
//   for a thread, sites.version and sites.count_version for counts. Triggers bump them with every
//   write (migrations/0015_add_read_versions.sql), so a change makes a new key: nothing is ever
//   purged, an old answer is just never asked for again, and lives out its day.
// - A "hot entry" per request (the answer, its key and the site's origins) is kept VERSION_TTL
//   seconds (BASCULE_VERSION_TTL, default 5, at most 60). A warm read is two cache lookups and
//   no D1 query: the epoch, then the hot entry. Once the hot entry has expired, one indexed D1
//   query reads the versions again, and the answer under them is found in the cache if they
//   did not change (a third lookup), or read from D1 and stored if they did.
// - Hot entries are named under a local epoch, which every write through this worker replaces
//   (`dropLocalVersions`): a write is seen by the next read in the same data centre. Other data
//   centres have their own cache and learn of it when their hot entry expires: they can serve
//   the old answer for up to VERSION_TTL seconds after the write.
// - What is the reader's own never goes into the shared cache: the thread's form token is
//   signed afresh for each read, a reader with edit tokens (their held comments) reads from D1
//   (worker/routes/threads.ts), and one with a D1 bookmark (their own write) reads the versions
//   from D1, not from the hot entry.
// - Every answer carries a weak ETag made of the same key; If-None-Match gets a 304 from the
//   hot entry alone. Browsers are told `no-cache`: they keep the answer and revalidate it.
// - The Cache API does nothing on *.workers.dev: caching needs the worker on a custom domain.

/** Bump when the shape of a cached answer changes, so a deploy never serves the old shape. */
const GENERATION = 1;
const INTERNAL = "https://bascule.internal";
const EPOCH_URL = `${INTERNAL}/epoch`;
/** The hot entry's headers: the answer's key (its ETag) and the site's origins (its CORS). */
const KEY_HEADER = "Bascule-Answer-Key";
const ORIGINS_HEADER = "Bascule-Origins";
const VERSION_TTL_DEFAULT = 5;
/** A new version is a new key, so an answer may live long; a day bounds what an unused one costs. */
const ANSWER_TTL = 86_400;
/** A 304 reuses the form token the browser holds: a new ETag this often keeps it far from its 24 h lifetime. */
const FORM_TOKEN_REVALIDATE_MS = 6 * 60 * 60 * 1000;

type AppContext = Context<AppEnv>;

/** What a read of the versions gives: them as one string, and the site's origins for CORS. */
interface VersionEntry {
  stamp: string;
  origins: string[];
}

interface CachedRead {
  kind: "thread" | "counts";
  site: string;
  /** The normalised request: everything in it that changes the answer. */
  variant: readonly (string | number)[];
  /** Null when there is no such site: `render` then answers the 404, never cached. */
  readVersions(db: D1Reader): Promise<VersionEntry | null>;
  /** The shared answer; `maxAge` shortens how long it is kept (a thread closing by its age). */
  render(db: D1Reader): Promise<{ body: object; maxAge?: number }>;
  /** What each reader gets of their own, added to the JSON text on every read. */
  personalise?(text: string): Promise<string>;
  /** Part of the ETag but not of the cache key. */
  etagExtra?: string;
  vary: string;
}

export function versionTtl(env: AppEnv["Bindings"]): number {
  const ttl = Number(env.BASCULE_VERSION_TTL ?? VERSION_TTL_DEFAULT);
  return Number.isFinite(ttl) && ttl >= 0 ? Math.min(Math.floor(ttl), 60) : VERSION_TTL_DEFAULT;
}

/** True when the thread read is the same for every reader: the first page, without edit tokens. */
export function isSharedThreadRead(c: AppContext, query: { cursor?: string; parentId?: string }): boolean {
  return query.cursor === undefined && query.parentId === undefined && !c.req.header(READER_TOKENS_HEADER)?.trim();
}

/**
 * GET /threads, first page. `render` is the route's read but for the form token, which must come
 * last in the answer as `form: { turnstileSiteKey }`: `formToken` signs one for each read.
 */
export function cachedThreadRead(
  c: AppContext,
  key: { site: string; page: string; sort: string; limit: number; origin: string },
  render: CachedRead["render"],
  formToken: () => Promise<string>,
): Promise<Response> {
  return cachedRead(c, {
    kind: "thread",
    site: key.site,
    // The worker's origin too: the answer links to the thread's feed on it.
    variant: [key.origin, key.page, key.sort, key.limit],
    readVersions: async (db) => {
      const row = await findThreadVersions(db, key.site, key.page);
      if (row === null) return null;
      return { stamp: `${row.site_version}.${row.thread_id ?? "-"}.${row.thread_version ?? "-"}`, origins: JSON.parse(row.origins) };
    },
    render,
    personalise: async (text) => withFormToken(text, await formToken()),
    etagExtra: Math.floor(Date.now() / FORM_TOKEN_REVALIDATE_MS).toString(36),
    vary: `Origin, ${READER_TOKENS_HEADER}`,
  });
}

/** GET /counts: keyed by the set of pages asked for. */
export function cachedCountsRead(c: AppContext, key: { site: string; pages: readonly string[] }, render: CachedRead["render"]) {
  return cachedRead(c, {
    kind: "counts",
    site: key.site,
    variant: [...new Set(key.pages)].sort(),
    readVersions: async (db) => {
      const row = await findSiteVersions(db, key.site);
      if (row === null) return null;
      return { stamp: `${row.site_version}.${row.count_version}`, origins: JSON.parse(row.origins) };
    },
    render,
    vary: "Origin",
  });
}

/** Puts the token into the cached text, whose last field is `"form":{"turnstileSiteKey":…}`. */
function withFormToken(text: string, token: string): string {
  // Users' text is JSON-escaped (a quote is \"), so `"form":{` can only be the field itself.
  const at = text.lastIndexOf('"form":{');
  if (at === -1) throw new Error("A cached thread answer has no form field.");
  const end = at + '"form":{'.length;
  return `${text.slice(0, end)}"token":${JSON.stringify(token)},${text.slice(end)}`;
}

async function cachedRead(c: AppContext, read: CachedRead): Promise<Response> {
  const cache = caches.default;
  const ttl = versionTtl(c.env);
  let session: D1DatabaseSession | null = null;
  const db = () => {
    session ??= openReadSession(c);
    return session;
  };

  // A reader who sends a bookmark wants a D1 at least as recent as it: the hot entry may be older.
  const hotUrl = ttl > 0 && requestBookmark(c) === null ? await hotEntryUrl(cache, read) : null;
  const hot = hotUrl === null ? undefined : await cache.match(hotUrl);
  if (hot) {
    const origins = JSON.parse(hot.headers.get(ORIGINS_HEADER) ?? "[]") as string[];
    return serve(c, read, { key: hot.headers.get(KEY_HEADER) ?? "", origins, status: "HIT", session }, () => hot.text());
  }

  const versions = await read.readVersions(db());
  if (versions === null) {
    // No such site: the route's own read answers its 404 (or, if the site came meanwhile, the answer, uncached).
    const { body } = await read.render(db());
    answerBookmark(c, session);
    return answer(c, read, JSON.stringify(body));
  }
  const key = await digest([GENERATION, read.kind, read.site, ...read.variant, versions.stamp]);
  const answerUrl = `${INTERNAL}/answer/${key}`;
  const cached = await cache.match(answerUrl);
  return serve(c, read, { key, origins: versions.origins, status: cached ? "HIT" : "MISS", session }, async () => {
    let text: string;
    if (cached) {
      text = await cached.text();
    } else {
      const { body, maxAge } = await read.render(db());
      text = JSON.stringify(body);
      await cache.put(answerUrl, cacheable(text, Math.max(1, Math.min(ANSWER_TTL, maxAge ?? ANSWER_TTL))));
    }
    if (hotUrl !== null) {
      const entry = cacheable(text, ttl);
      entry.headers.set(KEY_HEADER, key);
      entry.headers.set(ORIGINS_HEADER, JSON.stringify(versions.origins));
      await cache.put(hotUrl, entry);
    }
    return text;
  });
}

/** The answer named by `key`, or a 304 when the browser holds it; `text` is read only for a 200. */
async function serve(
  c: AppContext,
  read: CachedRead,
  found: { key: string; origins: string[]; status: "HIT" | "MISS"; session: D1DatabaseSession | null },
  text: () => Promise<string>,
): Promise<Response> {
  allowOrigins(c, found.origins);
  c.header("Vary", read.vary);
  c.header("Cache-Control", "no-cache");
  const etag = `W/"${found.key.slice(0, 32)}${read.etagExtra ? `-${read.etagExtra}` : ""}"`;
  c.header("ETag", etag);
  if (matchesEtag(c.req.header("if-none-match"), etag)) {
    c.header("cf-cache-status", "HIT");
    answerBookmark(c, found.session);
    return c.body(null, 304);
  }
  const body = await text();
  c.header("cf-cache-status", found.status);
  answerBookmark(c, found.session);
  return answer(c, read, body);
}

async function answer(c: AppContext, read: CachedRead, text: string): Promise<Response> {
  return c.body(read.personalise ? await read.personalise(text) : text, 200, { "Content-Type": "application/json" });
}

/** The hot entry's name: the request, under the current epoch, which a write replaces. */
async function hotEntryUrl(cache: Cache, read: CachedRead): Promise<string> {
  const epoch = (await (await cache.match(EPOCH_URL))?.text()) ?? (await startEpoch(cache));
  return `${INTERNAL}/hot/${epoch}/${await digest([GENERATION, read.kind, read.site, ...read.variant])}`;
}

/**
 * Starts a new epoch in this data centre: every version entry is then read again from D1 (one
 * cheap query each), and the cached answers whose versions did not change are found again.
 */
async function startEpoch(cache: Cache): Promise<string> {
  const epoch = crypto.randomUUID();
  await cache.put(EPOCH_URL, cacheable(epoch, ANSWER_TTL));
  return epoch;
}

/**
 * After any request that may have written (every method but GET, HEAD and OPTIONS, and not a
 * refusal: a 4xx changed nothing), the next read here sees it. Cheaper than knowing what changed,
 * and no write path has to remember it; the versions decide which answers really are new.
 */
export const dropLocalVersions = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const method = c.req.method;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS" || READ_ONLY_POSTS.has(c.req.path)) return;
  if (c.res.status >= 400 && c.res.status < 500) return;
  await startEpoch(caches.default);
});

/** POST routes that never write. */
const READ_ONLY_POSTS = new Set(["/api/v1/preview"]);

function cacheable(body: string, maxAge: number): Response {
  return new Response(body, { headers: { "Cache-Control": `public, max-age=${maxAge}`, "Content-Type": "application/json" } });
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || weak(tag) === weak(etag));
}

async function digest(parts: readonly (string | number)[]): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(parts))));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
