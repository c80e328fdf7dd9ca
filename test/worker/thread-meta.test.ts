// Issue 10, item 8: a thread's title and URL come only from a comment not judged spam, its URL
// is on one of the site's origins, and the owner can correct both.
import { describe, expect, it } from "vitest";
import type { AdminThread } from "../../worker/api-types.ts";
import { admin, freshPage, ORIGIN } from "./helpers.ts";
import { post, site } from "./moderation-helpers.ts";

async function threadOf(key: string, page: string): Promise<AdminThread | undefined> {
  const { threads } = (await (await admin(`/threads?site=${key}`)).json()) as { threads: AdminThread[] };
  return threads.find((thread) => thread.page === page);
}

describe("thread title and URL", () => {
  it("a spam comment names nothing; the next good one does", async () => {
    const key = await site({ moderation: "none", blockWords: ["casino"] });
    const page = freshPage();
    await post(key, page, { body: "casino", title: "FREE CASINO", url: "https://spam.example/x" });
    expect(await threadOf(key, page)).toMatchObject({ title: null, url: null });
    await post(key, page, { body: "Bien vu", title: "Mon billet", url: `${ORIGIN}/billet` });
    expect(await threadOf(key, page)).toMatchObject({ title: "Mon billet", url: `${ORIGIN}/billet` });
  });

  it("keeps no URL that is off the site's origins", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    await post(key, page, { body: "Salut", title: "Titre", url: "https://elsewhere.example/billet" });
    expect(await threadOf(key, page)).toMatchObject({ title: "Titre", url: null });
  });

  it("the owner corrects them with PATCH /admin/threads, only to a URL on the site", async () => {
    const key = await site({ moderation: "none" });
    const page = freshPage();
    await post(key, page, { body: "Salut", title: "Mauvais titre" });
    const res = await admin("/threads", { method: "PATCH", json: { site: key, page, title: "Bon titre", url: `${ORIGIN}/bon` } });
    expect(res.status).toBe(200);
    expect(await threadOf(key, page)).toMatchObject({ title: "Bon titre", url: `${ORIGIN}/bon` });
    const off = await admin("/threads", { method: "PATCH", json: { site: key, page, url: "https://evil.example/" } });
    expect(off.status).toBe(400);
    expect(await off.json()).toMatchObject({ error: { code: "url_other_origin", field: "url" } });
    expect((await admin("/threads", { method: "PATCH", json: { site: key, page, title: null } })).status).toBe(200);
    expect(await threadOf(key, page)).toMatchObject({ title: null, url: `${ORIGIN}/bon` });
    expect((await admin("/threads", { method: "PATCH", json: { site: key, page: freshPage(), title: "x" } })).status).toBe(404);
    expect((await admin("/threads", { method: "PATCH", json: { site: key, page } })).status).toBe(400);
  });
});
