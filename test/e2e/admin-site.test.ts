// The owner's page in a real Chromium, a site's own pages: the settings form shows the API's
// errors, threads close from their list, and (issue 6) an import through the page, the export's
// downloads and a moved thread.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ThreadResponse } from "../../worker/api-types.ts";
import { uniquePage } from "./harness/api.ts";
import { sharedDir } from "./harness/paths.ts";
import { skipE2E } from "./harness/skip.ts";
import { expectClean, owner, useAdminE2E, visible } from "./admin-page.ts";

const { e2e, ownerFetch, createSite, heldComment, newContext, hostPage, openAdmin } = useAdminE2E();

// ---------------------------------------------------------------------------------------------

// Under the same name as admin.test.ts, so each test keeps its full name.
describe.skipIf(skipE2E)("end to end: the owner's page at /admin", () => {
  it("the settings form shows the API's error next to the field, and threads close from the list", async () => {
    const site = "e2e-settings";
    await createSite(site);
    const key = uniquePage("settings");
    const host = await hostPage(key);
    await heldComment(host, key, "Eve", `Bonjour ${key}`, site);

    const { context, activity } = await newContext({ locale: "en-GB", phone: true });
    const admin = await openAdmin(context, site);
    await visible(owner.card(admin, `Bonjour ${key}`));
    await admin.getByRole("link", { name: /^settings$/i }).click();
    const maxLinks = admin.getByLabel(/more links than/i);
    await expect.poll(() => maxLinks.inputValue()).toBe("2");
    await maxLinks.fill("-1");
    await admin.getByRole("button", { name: /save settings/i }).click();
    await expect.poll(() => maxLinks.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await maxLinks.getAttribute("aria-describedby")) ?? "";
    const message = await admin.locator(`[id="${describedBy.split(" ").find((id) => id.endsWith("-error"))}"]`).textContent();
    expect(message).toMatch(/\S/);
    await maxLinks.fill("3");
    await admin.getByRole("button", { name: /save settings/i }).click();
    await visible(owner.toast(admin).getByText(/settings saved/i));
    const saved = (await (await ownerFetch(`sites/${site}`)).json()) as { maxLinks: number; moderation: string };
    expect(saved).toMatchObject({ maxLinks: 3, moderation: "first" });

    await admin.getByRole("link", { name: /^threads$/i }).click();
    await admin.getByRole("button", { name: new RegExp(`close comments on .*${key}`, "i") }).click();
    await visible(admin.getByRole("button", { name: new RegExp(`reopen comments on .*${key}`, "i") }));
    const thread = (await (
      await fetch(`${e2e.worker.url}/api/v1/threads?site=${site}&page=${key}`, { headers: { origin: host.origin } })
    ).json()) as ThreadResponse;
    expect(thread.thread.closed).toBe(true);

    // The refused save is logged by Chromium as a failed resource; that one is expected.
    await expectClean(admin, activity, new RegExp(`status of 400 .*/api/v1/admin/sites/${site}\\b`));
  }, 120_000);

  it("imports a Disqus export through the page, downloads the site back as Bascule JSON and WXR, and moves a thread", async () => {
    const site = "e2e-transfer";
    await createSite(site);
    const { context, activity } = await newContext({ locale: "en-GB", phone: true });
    const admin = await openAdmin(context, site);
    await admin.getByRole("link", { name: /^import and export$/i }).click();

    // The format is guessed from the file; a wrong one is refused with the worker's message.
    await admin.getByLabel("Export file", { exact: true }).setInputFiles(path.join(sharedDir, "fixtures/isso/disqus.xml"));
    const format = admin.getByLabel("Format", { exact: true });
    await expect.poll(() => format.inputValue()).toBe("disqus");
    const importButton = admin.getByRole("button", { name: "Import", exact: true });
    await format.selectOption("wxr");
    await importButton.click();
    await visible(admin.getByRole("alert").getByText(/looks like a Disqus export/));

    await format.selectOption("disqus");
    await importButton.click();
    await visible(admin.getByText("“disqus.xml” imported into e2e-transfer."));
    // Posts 4, 5, 8, 9 (deleted, but replied to) and 11 on threads 2 and 7; post 6's thread is not in the file.
    expect(await admin.locator(".counts div").allTextContents()).toEqual([
      "Threads created2",
      "Comments created5",
      "Already there0",
      "Skipped1",
    ]);
    await visible(admin.locator(".problems li").filter({ hasText: "thread_missing" }));

    // Downloads: fetched with the token, saved from a blob: URL.
    const save = async (button: string) => {
      const [download] = await Promise.all([
        admin.waitForEvent("download"),
        admin.getByRole("button", { name: button, exact: true }).click(),
      ]);
      expect(download.url()).toMatch(/^blob:/);
      return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
    };
    const json = await save("Bascule JSON");
    expect(json.name).toMatch(/^bascule-e2e-transfer-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(json.text) as {
      format: string;
      threads: Array<{ page: string; comments: Array<{ id: string; status: string }> }>;
    };
    expect(exported.format).toBe("bascule");
    expect(exported.threads.map((thread) => thread.page).sort()).toEqual([
      "http://example.org/",
      "http://localhost:4000/blog/2013/02/12/redacted/index.html",
    ]);
    expect(exported.threads.flatMap((thread) => thread.comments.map((comment) => comment.id)).sort()).toEqual([
      "disqus:11",
      "disqus:4",
      "disqus:5",
      "disqus:8",
      "disqus:9",
    ]);
    await visible(admin.getByText(`Downloaded “${json.name}”.`));
    const wxr = await save("WordPress WXR");
    expect(wxr.name).toMatch(/^bascule-e2e-transfer-\d{4}-\d{2}-\d{2}\.xml$/);
    expect(wxr.text).toMatch(/^<\?xml/);
    expect(wxr.text.match(/<wp:comment>/g)).toHaveLength(5);

    // When URLs change.
    await admin.getByLabel("Current page key").fill("http://example.org/");
    await admin.getByLabel("New page key").fill("https://example.org/hello");
    await admin.getByRole("button", { name: "Move", exact: true }).click();
    await visible(admin.getByText("1 thread moved."));
    const threads = (await (await ownerFetch(`threads?site=${site}`)).json()) as { threads: Array<{ page: string }> };
    expect(threads.threads.map((thread) => thread.page)).toContain("https://example.org/hello");

    const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "horizontal overflow at 360 px").toBeLessThanOrEqual(0);
    // The refused import is logged by Chromium as a failed resource; that one is expected.
    await expectClean(admin, activity, new RegExp(`status of 400 .*/api/v1/admin/import\\?site=${site}&format=wxr`));
  }, 120_000);
});
