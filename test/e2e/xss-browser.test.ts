// Issue 5, "Proof, in tests", in the browser: a thread holding 300 payloads of the XSS
// corpus (as comment bodies, author names and inside author websites) renders in a real
// Chromium on a host page served with a strict CSP. alert, prompt, confirm and print are
// trapped, CSP violations, dialogs, pop-ups and navigations are recorded: nothing may
// fire, and all 300 comments must be on screen (so a blank widget can't pass).

import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { NewCommentResponse, ThreadResponse } from "../../worker/api-types.ts";
import { uniquePage, updateSite } from "./harness/api.ts";
import { watchBrowser } from "./harness/browser-activity.ts";
import { sharedDir } from "./harness/paths.ts";
import { skipE2E } from "./harness/skip.ts";
import type { RunningWorker } from "./harness/worker.ts";
import { useE2E } from "./suite.ts";

const COMMENTS = 300;
const WIDTH = 8;

/** What the test needs of the widget's markup, in one place (open shadow root on #bascule-comments). */
const ui = {
  host: "#bascule-comments",
  comment: "article",
  /** The server's HTML for a comment body: the one place raw HTML enters the page. */
  body: ".bascule-body",
  author: ".bascule-author",
  /** "Load more" under the thread. */
  more: ".bascule-more",
};

// The API's promise for free text (issue 5 "Input rules"): NFC, no control characters but newline and tab.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const cleaned = (text: string): string => text.normalize("NFC").replace(CONTROL, "");

/** 300 lines spread evenly over the corpus, so every family of payload is in the thread. */
function corpusSample(): string[] {
  const lines = readFileSync(path.join(sharedDir, "fixtures/xss/xss-payload-list.txt"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  const step = lines.length / COMMENTS;
  return Array.from({ length: COMMENTS }, (_, i) => lines[Math.floor(i * step)] ?? "");
}

/** As much of `text` as fits a name (80 UTF-16 units once cleaned), never splitting a character. */
function asName(text: string): string {
  let name = "";
  for (const char of text) {
    if (cleaned(name + char).length > 80) break;
    name += char;
  }
  return name;
}

interface Seeded {
  id: string;
  name: string;
}

/**
 * Posts the payloads through the API as readers on the host page would: its Origin, one IP
 * each, and each its own form token from a read of the thread (a token carries a few comments).
 */
async function seed(worker: RunningWorker, origin: string, key: string, payloads: readonly string[]): Promise<Seeded[]> {
  const formToken = async (): Promise<string> => {
    const read = await fetch(`${worker.url}/api/v1/threads?site=demo&page=${encodeURIComponent(key)}&limit=1`, { headers: { origin } });
    return ((await read.json()) as ThreadResponse).form.token;
  };
  const seeded: Seeded[] = new Array(payloads.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < payloads.length) {
      const index = next++;
      const payload = payloads[index] ?? "";
      const website = `https://example.org/${payload}`;
      const name = asName(payload);
      const response = await fetch(`${worker.url}/api/v1/comments`, {
        method: "POST",
        headers: {
          origin,
          "content-type": "application/json",
          // Every reader its own /64 (documentation prefix, never routed): the rate limit counts per writer.
          "cf-connecting-ip": `2001:db8:0:${index.toString(16)}::1`,
        },
        body: JSON.stringify({
          site: "demo",
          page: key,
          body: payload,
          author: { name, website: website.length <= 2000 ? website : undefined },
          formToken: await formToken(),
        }),
      });
      const text = await response.text();
      if (response.status !== 201) throw new Error(`seeding payload ${index} ${JSON.stringify(payload)}: ${response.status} ${text}`);
      seeded[index] = { id: (JSON.parse(text) as NewCommentResponse).comment.id, name };
    }
  };
  await Promise.all(Array.from({ length: WIDTH }, lane));
  return seeded;
}

/** The host page, served with a CSP that allows nothing inline: only the widget's own origin may run or be fetched. */
async function serveStrictHostPage(worker: RunningWorker, key: string): Promise<{ url: string; origin: string; close(): Promise<void> }> {
  const csp = [
    "default-src 'none'",
    // 'report-sample' puts the first characters of blocked inline code in the violation report.
    `script-src ${worker.url} 'report-sample'`,
    `connect-src ${worker.url}`,
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  const html = `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8"><title>Un article hostile</title></head>
  <body>
    <main><h1>Un article</h1><div id="bascule-comments"></div></main>
    <script src="${worker.url}/embed.js" data-site="demo" data-page="${key}" data-lang="fr" data-limit="200" async></script>
  </body>
</html>
`;
  const server: Server = createServer((request, response) => {
    if (request.url === "/article/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": csp, "cache-control": "no-store" });
      response.end(html);
    } else {
      response.writeHead(request.url === "/favicon.ico" ? 204 : 404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/article/`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Runs in the page before any of its scripts: every way a payload could make itself seen.
function installTraps(): void {
  const fired: string[] = [];
  (window as unknown as { __xssFired: string[] }).__xssFired = fired;
  for (const name of ["alert", "prompt", "confirm", "print"] as const) {
    Object.defineProperty(window, name, {
      value: (...args: unknown[]) => {
        fired.push(`${name}(${args.map(String).join(", ")})`);
        return null;
      },
      writable: false,
      configurable: false,
    });
  }
  const onViolation = (event: SecurityPolicyViolationEvent) =>
    fired.push(`CSP ${event.effectiveDirective}: ${event.blockedURI || "inline"} ${event.sample}`.trim());
  // Fired at the element (composed, so out of the shadow root too) and bubbling: the window sees every one.
  window.addEventListener("securitypolicyviolation", onViolation, true);
}

/** Everything inside the comment bodies a real DOM built from the server's HTML that could run or load something. */
function unsafeInDom(args: { ui: typeof ui }): string[] {
  const { ui } = args;
  const root = document.querySelector(ui.host)?.shadowRoot;
  if (!root) return ["no shadow root"];
  const forbidden = new Set([
    "script",
    "iframe",
    "object",
    "embed",
    "style",
    "form",
    "img",
    "svg",
    "math",
    "link",
    "meta",
    "base",
    "input",
    "button",
    "textarea",
    "frame",
    "frameset",
    "video",
    "audio",
    "source",
    "template",
  ]);
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background"]);
  const safeUrl = (value: string, schemes: string[]) => {
    try {
      return schemes.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  };
  const problems: string[] = [];
  for (const body of root.querySelectorAll(ui.body)) {
    for (const element of body.querySelectorAll("*")) {
      if (forbidden.has(element.localName)) problems.push(`<${element.localName}> in a comment body`);
      for (const { name, value } of element.attributes) {
        if (name.startsWith("on") || name === "style") problems.push(`${name}="${value}" in a comment body`);
        if (urlAttributes.has(name) && !safeUrl(value, ["http:", "https:", "mailto:"]))
          problems.push(`${name}="${value}" in a comment body`);
      }
    }
  }
  for (const link of root.querySelectorAll(`${ui.author}[href]`)) {
    const href = link.getAttribute("href") ?? "";
    if (!safeUrl(href, ["http:", "https:"])) problems.push(`author link href="${href}"`);
  }
  return problems;
}

const e2e = useE2E({
  // Published at once, links and all (some payloads hold more links than the default 2),
  // and no wait for the form token: the bot trap has its own tests.
  prepare: (worker) => updateSite(worker, "demo", { moderation: "none", minSubmitSeconds: 0, maxLinks: 100 }),
});

describe.skipIf(skipE2E)("300 XSS payloads in a real Chromium", () => {
  it("renders every one with nothing firing: no dialog, no CSP violation, no script in the DOM", async () => {
    const key = uniquePage("xss");
    const host = await serveStrictHostPage(e2e.worker, key);
    try {
      const started = Date.now();
      const seeded = await seed(e2e.worker, host.origin, key, corpusSample());
      const seedMs = Date.now() - started;

      const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const activity = watchBrowser(context);
      await context.addInitScript(installTraps);
      const page = await context.newPage();
      const seen: string[] = [];
      page.on("dialog", (dialog) => {
        seen.push(`dialog ${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on("popup", (popup) => seen.push(`popup ${popup.url()}`));
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame() && frame.url() !== host.url) seen.push(`navigated to ${frame.url()}`);
      });

      await page.goto(host.url);
      const count = () => page.evaluate((s) => document.querySelector(s.host)?.shadowRoot?.querySelectorAll(s.comment).length ?? 0, ui);
      await expect.poll(count, { timeout: 30_000, message: `no comment appeared\n${activity.summary()}` }).toBeGreaterThan(0);
      // The widget pages the thread: follow "load more" until all of it is there.
      const more = page.locator(`${ui.host} ${ui.more}`);
      for (let clicks = 0; (await count()) < COMMENTS && clicks < 20; clicks++) {
        const before = await count();
        await more.click({ timeout: 15_000 });
        await expect.poll(count, { timeout: 15_000 }).toBeGreaterThan(before);
      }
      // Payloads that wait (setTimeout, onload of something slow) get their chance.
      await page.waitForTimeout(2_000);
      const renderMs = Date.now() - started - seedMs;

      const fired = await page.evaluate(() => (window as unknown as { __xssFired?: string[] }).__xssFired ?? ["traps missing"]);
      const unsafe = await page.evaluate(unsafeInDom, { ui });
      const names = await page.evaluate(
        ({ s, ids }) => {
          const root = document.querySelector(s.host)?.shadowRoot;
          return ids.map((id) => root?.getElementById(`comment-${id}`)?.querySelector(s.author)?.textContent ?? null);
        },
        { s: ui, ids: seeded.map((one) => one.id) },
      );
      console.log(
        `XSS in Chromium: ${COMMENTS} payloads seeded in ${(seedMs / 1000).toFixed(1)} s, rendered and watched in ${(renderMs / 1000).toFixed(1)} s`,
      );

      expect({ fired, seen, unsafe }).toEqual({ fired: [], seen: [], unsafe: [] });
      expect(await count()).toBe(COMMENTS);
      expect(await page.evaluate((s) => document.querySelector(s.host)?.shadowRoot?.querySelectorAll(s.body).length ?? 0, ui)).toBe(
        COMMENTS,
      );
      // Names are text, shown exactly as sent (JSX escapes them), not parsed as HTML.
      const mismatched = seeded
        .map((one, index) => ({ sent: cleaned(one.name).trim(), shown: names[index] }))
        .filter(({ sent, shown }) => sent !== "" && shown !== sent);
      expect(mismatched).toEqual([]);
      expect({ pageErrors: activity.pageErrors, consoleErrors: activity.consoleErrors, foreign: activity.foreignRequests() }).toEqual({
        pageErrors: [],
        consoleErrors: [],
        foreign: [],
      });
      await context.close();
    } finally {
      await host.close();
    }
  }, 300_000);
});
