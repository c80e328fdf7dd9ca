// The owner's page in a real Chromium (issue 4): a reader's first comment on a `first`-mode site
// is held, the owner opens /admin at phone width, pastes the token, approves it with j/k + a, and
// the reader sees it after a reload. Also: /admin's security headers, no CSP violation, and undo.
// (Settings, threads and import/export are admin-site.test.ts.)

import { describe, expect, it } from "vitest";
import { uniquePage } from "./harness/api.ts";
import { skipE2E } from "./harness/skip.ts";
import { expectClean, owner, press, reader, SITE, useAdminE2E, visible } from "./admin-page.ts";

const { e2e, queue, heldComment, newContext, hostPage, openAdmin } = useAdminE2E();

// ---------------------------------------------------------------------------------------------

describe.skipIf(skipE2E)("end to end: the owner's page at /admin", () => {
  it("serves /admin with strict security headers, and its bundle apart from embed.js", async () => {
    const response = await fetch(`${e2e.worker.url}/admin`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      csp.split(";").map((part) => {
        const [name = "", ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    const scriptSrc = directives.get("script-src") ?? directives.get("default-src");
    expect(scriptSrc, csp).toEqual(["'self'"]);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toMatch(/<script src="\/admin\.js"/);
    expect(html, "no inline script in the shell").not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);

    const script = await fetch(`${e2e.worker.url}/admin.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    const css = await fetch(`${e2e.worker.url}/admin.css`);
    expect(css.headers.get("content-type")).toMatch(/text\/css/);
    const embed = await (await fetch(`${e2e.worker.url}/embed.js`)).text();
    expect(embed, "the admin page is not inside embed.js").not.toContain("sessionStorage");
  });

  it("a reader's first comment is held; the owner approves it with j/k + a; the reader sees it after a reload", async () => {
    const key = uniquePage("owner");
    const host = await hostPage(key);
    const text = `Mon tout premier commentaire ${key}`;

    // The reader posts and is told the comment waits for moderation.
    const { context: readerContext, activity: readerActivity } = await newContext({ locale: "fr-FR" });
    const readerPage = await readerContext.newPage();
    await readerPage.goto(host.url);
    const form = reader.form(readerPage);
    await form.getByRole("textbox", { name: /nom/i }).fill("Ada");
    await form.getByRole("textbox", { name: /e-?mail/i }).fill("ada@example.org");
    await form.getByRole("textbox", { name: /commentaire/i }).fill(text);
    await form.getByRole("button", { name: /publier/i }).click();
    await visible(reader.widget(readerPage).getByText(reader.held).first());
    expect((await queue()).map((c) => c.body)).toContain(text);

    // A second held comment, newer, so that j/k have somewhere to go.
    const other = `Un autre commentaire ${key}`;
    await heldComment(host, key, "Bob", other);

    // The owner, on a phone-width screen.
    const { context: ownerContext, activity } = await newContext({ locale: "en-GB", phone: true });
    const admin = await openAdmin(ownerContext, SITE);
    await visible(owner.card(admin, text));
    await visible(owner.card(admin, other));
    const card = owner.card(admin, text);
    await expect.poll(() => card.textContent()).toContain("ada@example.org");
    // The thread's title links to the page the widget reported; the IP hash is shown.
    expect(await card.getByRole("link", { name: "Un article de test" }).getAttribute("href")).toBe(host.url);
    expect(await card.textContent()).toMatch(/[0-9a-f]{64}/);

    // Newest first: Bob's, then the reader's. Move down, up, down, then approve.
    await press(admin, "j", other);
    await press(admin, "j", text);
    await press(admin, "k", other);
    await press(admin, "j", text);
    await press(admin, "a");
    await visible(owner.toast(admin).getByText(/comment approved/i));
    await owner.card(admin, text).waitFor({ state: "detached" });
    await expect.poll(() => owner.selected(admin).textContent(), { message: "the next comment is selected" }).toContain(other);
    expect((await queue()).map((c) => c.body)).toEqual([other]);

    // Nothing spills sideways at 360 px.
    const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "horizontal overflow at 360 px").toBeLessThanOrEqual(0);

    // French on demand.
    await admin.getByRole("button", { name: "Français" }).click();
    await visible(admin.getByRole("heading", { name: /^commentaires$/i }));
    await expect.poll(() => admin.evaluate(() => document.documentElement.lang)).toBe("fr");

    // The reader reloads: published, no longer waiting.
    await readerPage.reload();
    const shown = reader.comment(readerPage, text);
    await visible(shown);
    await visible(reader.heading(readerPage, /\b1 commentaire\b/i));
    expect(await shown.textContent()).not.toMatch(reader.held);

    await expectClean(admin, activity);
    expect(readerActivity.pageErrors).toEqual([]);
  }, 120_000);

  it("undo: spam comes back, a delete waits behind its toast and goes when the toast does or the page goes", async () => {
    const key = uniquePage("undo");
    const host = await hostPage(key);
    const spamText = `Achetez maintenant ${key}`;
    const doomedText = `À supprimer ${key}`;
    const spamId = await heldComment(host, key, "Carl", spamText);
    const doomedId = await heldComment(host, key, "Dora", doomedText);

    const { context, activity } = await newContext({ locale: "en-GB" });
    const admin = await openAdmin(context, SITE);
    await admin.getByRole("searchbox").fill(key);
    await admin.getByRole("button", { name: /^search$/i }).click();
    await visible(owner.card(admin, spamText));

    // s, then u: back in the queue.
    await press(admin, "j", doomedText);
    await press(admin, "j", spamText);
    await press(admin, "s");
    await visible(owner.toast(admin).getByText(/marked as spam/i));
    await expect.poll(async () => (await queue("spam")).map((c) => c.id)).toContain(spamId);
    await press(admin, "u");
    await visible(owner.toast(admin).getByText(/undone/i));
    await expect.poll(async () => (await queue()).map((c) => c.id)).toContain(spamId);

    // d, then the Undo button: the DELETE never went.
    await owner
      .card(admin, doomedText)
      .getByRole("button", { name: /^delete$/i })
      .click();
    await owner.card(admin, doomedText).waitFor({ state: "detached" });
    await owner.toast(admin).getByRole("button", { name: /undo/i }).click();
    await visible(owner.card(admin, doomedText));
    expect((await queue()).map((c) => c.id)).toContain(doomedId);

    // d again and wait: the DELETE goes when the toast expires.
    await owner.card(admin, doomedText).getByRole("heading").click();
    await press(admin, "d");
    await visible(owner.toast(admin).getByText(/comment deleted/i));
    expect(
      (await queue()).map((c) => c.id),
      "held back while the toast shows",
    ).toContain(doomedId);
    await expect.poll(async () => (await queue()).map((c) => c.id), { timeout: 10_000 }).not.toContain(doomedId);
    await expectClean(admin, activity);

    // d, then the owner leaves at once: the DELETE still goes (keepalive, on pagehide).
    await visible(owner.selected(admin).getByText(spamText));
    await press(admin, "d");
    await visible(owner.toast(admin).getByText(/comment deleted/i));
    await admin.goto("about:blank");
    await expect.poll(async () => (await queue()).map((c) => c.id), { timeout: 4_000 }).not.toContain(spamId);
  }, 120_000);
});
