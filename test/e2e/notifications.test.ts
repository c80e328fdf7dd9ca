// Issue 11 end to end, in real Chromium against `wrangler dev`, with the mail the EMAIL
// binding simulates read back from the local explorer: a reader posts with "notify me" on a
// site that holds first comments; the confirmation mail's link is opened and confirmed; the
// owner's mail leads to its moderation page, where the owner approves and then replies; the
// reader is mailed that the comment is published and that someone replied; the reply mail's
// one-click unsubscribe (RFC 8058) works, and nothing more is sent after it.

import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { uniquePage } from "./harness/api.ts";
import { linkIn, mailText, sentMails, waitForMail } from "./harness/mail.ts";
import { hostPageHtml, serveHostPage } from "./harness/host-page.ts";
import { skipE2E } from "./harness/skip.ts";
import type { RunningWorker } from "./harness/worker.ts";
import { useE2E } from "./suite.ts";

const SITE = "mailed";
const OWNER = "owner@blog.example";
const READER = "ada@reader.example";
const TIMEOUT = 20_000;

async function owner(worker: RunningWorker, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${worker.url}/api/v1/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${worker.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const e2e = useE2E({
  prepare: async (worker) => {
    const res = await owner(worker, "POST", "/sites", {
      key: SITE,
      origins: ["http://127.0.0.1:*"],
      moderation: "first",
      minSubmitSeconds: 0,
      locale: "fr",
      ownerEmails: [OWNER],
    });
    if (res.status !== 201) throw new Error(`creating the site answered ${res.status}: ${await res.text()}`);
  },
});

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe.skipIf(skipE2E)("end to end: notifications", () => {
  it("notify me, confirm, the owner approves and replies from the mail, the reader is told, one-click unsubscribe", async () => {
    const key = uniquePage("notify");
    const host = await serveHostPage(hostPageHtml({ workerUrl: e2e.worker.url, page: key, themed: false, site: SITE }));
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 800 } });
    e2e.cleanups.push(
      () => context.close(),
      () => host.close(),
    );
    context.setDefaultTimeout(TIMEOUT);

    // 1. The reader writes, gives an e-mail and ticks "notify me".
    const page = await open(context, host.url);
    const form = page.locator("#bascule-comments form").last();
    const body = `Une question sur cet article, ${key}`;
    await form.getByRole("textbox", { name: /^nom$/i }).fill("Ada");
    await form.getByRole("textbox", { name: /^commentaire$/i }).fill(body);
    await form.getByRole("textbox", { name: /e-mail/i }).fill(READER);
    const notify = form.getByRole("checkbox", { name: /avertir des réponses/i });
    await notify.check();
    await form.getByRole("button", { name: /publier/i }).click();
    await page
      .locator("#bascule-comments")
      .getByText(/en attente/i)
      .first()
      .waitFor({ timeout: TIMEOUT });

    // 2. The confirmation mail comes first; its page confirms with a button.
    const confirmation = await waitForMail(e2e.worker, { to: READER, subject: /^Confirmez/ });
    const confirmUrl = linkIn(await mailText(e2e.worker, confirmation), `${e2e.worker.url}/subscription/`);
    const confirmPage = await open(context, confirmUrl);
    await confirmPage.getByRole("button", { name: "Confirmer" }).click();
    await confirmPage.getByText(/votre adresse est confirmée/i).waitFor({ timeout: TIMEOUT });

    // 3. The owner's mail says the comment waits, and links to its moderation page.
    const ownerMail = await waitForMail(e2e.worker, { to: OWNER, subject: /vous attend/ });
    const ownerText = await mailText(e2e.worker, ownerMail);
    expect(ownerText).toContain(body);
    expect(ownerText).toContain(READER);
    const moderation = await open(context, linkIn(ownerText, `${e2e.worker.url}/moderate/`));
    await moderation.getByRole("button", { name: "Approuver" }).click();
    await moderation.getByText(/le commentaire est publié/i).waitFor({ timeout: TIMEOUT });
    const approved = await waitForMail(e2e.worker, { to: READER, subject: /est publié$/ });
    expect(approved.subject).toMatch(/Votre commentaire/);

    // 4. The owner replies from the same page; the reader is mailed the reply.
    const reply = `Merci Ada, voici la réponse, ${key}`;
    await moderation.getByRole("textbox").fill(reply);
    await moderation.getByRole("button", { name: "Publier la réponse" }).click();
    await moderation.getByText(/votre réponse est publiée/i).waitFor({ timeout: TIMEOUT });
    const replyMail = await waitForMail(e2e.worker, { to: READER, subject: /^Nouvelle réponse/ });
    const replyText = await mailText(e2e.worker, replyMail);
    expect(replyText).toContain("Merci Ada");

    // The reply is in the thread, with the owner's badge.
    await page.reload();
    await page.locator("#bascule-comments").getByText(reply).waitFor({ timeout: TIMEOUT });

    // 5. One-click unsubscribe, as a mail client does it: a POST, no page, no Origin.
    const unsubscribe = `${linkIn(replyText, `${e2e.worker.url}/subscription/`).split("?")[0]}?action=unsubscribe`;
    const oneClick = await fetch(unsubscribe, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);

    // A second reply by the owner is published, and the reader gets nothing more.
    const threads = await fetch(`${e2e.worker.url}/api/v1/threads?site=${SITE}&page=${encodeURIComponent(key)}`, {
      headers: { origin: host.origin },
    });
    const { comments } = (await threads.json()) as { comments: Array<{ id: string; html: string }> };
    const readerComment = comments.find((comment) => comment.html.includes("Une question"));
    expect(readerComment).toBeDefined();
    const before = await sentMails(e2e.worker);
    const second = await owner(e2e.worker, "POST", `/comments/${readerComment?.id}/reply`, { body: `Encore un mot, ${key}` });
    expect(second.status).toBe(201);
    // The owner's own reply mails the owner nothing, and the unsubscribed reader nothing: wait for the queue, then count.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const after = await sentMails(e2e.worker);
    expect(after.filter((mail) => mail.to.includes(READER)).length).toBe(before.filter((mail) => mail.to.includes(READER)).length);
  });
});
