// The host page: a cross-origin, WordPress-like blog page that embeds the widget, served by a
// tiny node:http server on a free port of 127.0.0.1, with the theme stylesheets it links.

import { readFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { isFile, sharedDir } from "./paths.ts";

/** The theme stylesheets from ../shared/fixtures/host-page, by the URL path the host page links them at. */
export const THEME_FILES: Readonly<Record<string, string>> = {
  "/theme/twentytwelve-style.css": path.join(sharedDir, "fixtures/host-page/twentytwelve-style.css"),
  "/theme/twentytwentyone-style.css": path.join(sharedDir, "fixtures/host-page/twentytwentyone-style.css"),
};

export interface HostPageOptions {
  workerUrl: string;
  /** The thread key (`data-page`), also the byline's `data-bascule-count`. */
  page: string;
  /** Link the Twenty Twelve then Twenty Twenty-One stylesheets (the hostile host). */
  themed: boolean;
  lang?: string;
  site?: string;
  /** Extra markup for <head>, e.g. a <style> block. */
  head?: string;
  /** More attributes for the embed <script> tag, e.g. `{ "data-limit": "3" }`. */
  scriptAttributes?: Record<string, string>;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * A WordPress-like article page. It has its own button, inputs, textarea and links (a search form,
 * a byline link) so a test can check that the theme really styles the host's controls.
 */
export function hostPageHtml(options: HostPageOptions): string {
  const { workerUrl, page, themed, lang = "fr", site = "demo", head = "", scriptAttributes = {} } = options;
  const extraAttributes = Object.entries(scriptAttributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join("");
  const stylesheets = themed
    ? Object.keys(THEME_FILES)
        .map((href) => `<link rel="stylesheet" href="${href}">`)
        .join("\n    ")
    : "";
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Un article de test</title>
    <link rel="icon" href="data:,">
    ${stylesheets}
    ${head}
  </head>
  <body class="single single-post">
    <div id="page" class="site">
      <header id="masthead" class="site-header">
        <p class="site-title"><a href="/">Un blog de test</a></p>
        <form role="search" class="search-form" action="/" onsubmit="return false">
          <label for="host-search">Rechercher</label>
          <input type="search" id="host-search" class="search-field" name="s">
          <input type="text" id="host-text" name="t">
          <textarea id="host-textarea" rows="2"></textarea>
          <button type="submit" id="host-button" class="search-submit">Chercher</button>
        </form>
      </header>
      <main id="main" class="site-main">
        <article class="post type-post hentry entry">
          <header class="entry-header">
            <h1 class="entry-title">Un article de test</h1>
            <div class="entry-meta">Par <a id="host-link" href="/auteur/">Camille</a> ·
              <span data-bascule-count="${escapeHtml(page)}"></span></div>
          </header>
          <div class="entry-content">
            <p>Un paragraphe d'article, pour que la page ressemble à un vrai billet de blog.</p>
          </div>
        </article>
        <div id="comments" class="comments-area">
          <div id="bascule-comments"></div>
        </div>
      </main>
    </div>
    <script src="${escapeHtml(workerUrl)}/embed.js" data-site="${escapeHtml(site)}" data-page="${escapeHtml(page)}" data-lang="${escapeHtml(lang)}"${extraAttributes} async></script>
  </body>
</html>
`;
}

export interface HostPage {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The article: origin + "/article/". */
  url: string;
  close(): Promise<void>;
}

/** Serves `html` at /article/ and `files` (URL path → file on disk) on a free port of 127.0.0.1. */
export async function serveHostPage(html: string, files: Readonly<Record<string, string>> = THEME_FILES): Promise<HostPage> {
  for (const file of Object.values(files)) {
    if (!isFile(file)) throw new Error(`Host page fixture missing: ${file} (is ../shared beside the repository?)`);
  }
  const types: Record<string, string> = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".html": "text/html; charset=utf-8",
  };
  const server: Server = createHttpServer((request, response) => {
    void (async () => {
      const pathname = new URL(request.url ?? "/", "http://host").pathname;
      if (pathname === "/article/") {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        response.end(html);
      } else if (pathname === "/article") {
        response.writeHead(301, { location: "/article/" });
        response.end();
      } else if (pathname === "/favicon.ico") {
        response.writeHead(204);
        response.end();
      } else if (Object.hasOwn(files, pathname)) {
        const file = files[pathname]!;
        const body = await readFile(file);
        response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
        response.end(body);
      } else {
        response.writeHead(404, { "content-type": "text/plain" });
        response.end("not found");
      }
    })().catch((error: unknown) => {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/article/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
