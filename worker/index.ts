import { Hono } from "hono";
import type { AppEnv } from "./app-env.ts";
import { errorBody, onError } from "./http/errors.ts";
import { requireAdmin } from "./http/admin-auth.ts";
import { preflight } from "./http/cors.ts";
import { dropLocalVersions } from "./http/read-cache.ts";
import { writeSession } from "./http/d1-session.ts";
import { adminBans } from "./routes/admin/bans.ts";
import { adminComments } from "./routes/admin/comments.ts";
import { adminPage } from "./routes/admin/page.ts";
import { adminSites } from "./routes/admin/sites.ts";
import { adminThreads } from "./routes/admin/threads.ts";
import { transfer } from "./routes/admin/transfer.ts";
import { adminDeliveries } from "./routes/admin/deliveries.ts";
import { adminInstallation } from "./routes/admin/installation.ts";
import { noteWidgetSighting } from "./http/sightings.ts";
import { feed } from "./routes/feed.ts";
import { moderate } from "./routes/moderate.ts";
import { subscription } from "./routes/subscription.ts";
import { comments } from "./routes/comments.ts";
import { counts } from "./routes/counts.ts";
import { likes } from "./routes/likes.ts";
import { preview } from "./routes/preview.ts";
import { threads } from "./routes/threads.ts";
import { health } from "./routes/health.ts";
import { home } from "./routes/home.ts";
import { refuseWritesWhenUnconfigured } from "./http/writer.ts";
import { scheduled } from "./scheduled.ts";
import { queue } from "./notify/queue.ts";
import type { QueueMessage } from "./notify/events.ts";

// The worker answers /api/*, /admin and / (the demo article under `npm run dev`, a short page
// for the owner elsewhere); everything else (the widget bundle /embed.js, …) is served from
// public/ by Workers static assets before the worker runs.
const app = new Hono<AppEnv>();

app.use("/api/*", async (c, next) => {
  await next();
  c.header("X-Content-Type-Options", "nosniff");
});
app.use("/api/*", preflight);
// A write here starts a new local epoch of cached reads' versions (issue 12, worker/http/read-cache.ts).
app.use("*", dropLocalVersions);
// Writes answer their D1 bookmark, for the writer's next read (PLATFORM.md §9).
app.use("/api/v1/*", writeSession);
// No write without a usable HASH_SALT (issue 10, item 11); reads go on.
app.use("/api/*", refuseWritesWhenUnconfigured);

// "Is it installed?": a thread read from one of the site's pages is noted now and then.
app.use("/api/v1/threads", noteWidgetSighting);

app.route("/api/v1", health);
app.route("/api/v1", threads);
app.route("/api/v1", comments);
app.route("/api/v1", likes);
app.route("/api/v1", counts);
app.route("/api/v1", preview);
app.route("/api/v1", feed);

// Owner routes: the admin token first, before anything else is read.
app.use("/api/v1/admin/*", requireAdmin);
app.route("/api/v1/admin", adminSites);
app.route("/api/v1/admin", adminComments);
app.route("/api/v1/admin", adminThreads);
app.route("/api/v1/admin", adminBans);
app.route("/api/v1/admin", transfer); // import and export
app.route("/api/v1/admin", adminDeliveries);
app.route("/api/v1/admin", adminInstallation);

// Pages that links in mails open: the signed token in the path is the credential (issue 11).
app.route("/", moderate);
app.route("/", subscription);

// The owner's page at /admin (run_worker_first): the static shell with strict security headers.
app.route("/", adminPage);
app.route("/", home);

// A path that exists under other methods is 405 with Allow; anything else is 404.
app.notFound((c) => {
  const allowed = methodsFor(c.req.path);
  if (allowed.length > 0) {
    c.header("Allow", allowed.join(", "));
    return c.json(errorBody("method_not_allowed", `${c.req.method} is not allowed here. Use ${allowed.join(" or ")}.`), 405);
  }
  return c.json(errorBody("not_found", `There is nothing at ${c.req.method} ${c.req.path}.`), 404);
});

function methodsFor(path: string): string[] {
  const methods = app.routes.filter((route) => route.method !== "ALL" && routePattern(route.path).test(path)).map((route) => route.method);
  return [...new Set(methods)];
}

function routePattern(path: string): RegExp {
  const pattern = path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z]+/g, "[^/]+");
  return new RegExp(`^${pattern}$`);
}

app.onError(onError);

export default { fetch: app.fetch, scheduled, queue } satisfies ExportedHandler<Env, QueueMessage>;
