import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PublicComment } from "../../worker/api-types.ts";
import { editedStatus, findWord, initialStatus } from "../../worker/lib/moderation.ts";
import { DEFAULT_SETTINGS } from "../../worker/lib/settings.ts";
import { admin, freshPage, getThread, postJson } from "./helpers.ts";
import { post, site } from "./moderation-helpers.ts";

async function storedStatus(id: string): Promise<string | undefined> {
  const row = await env.DB.prepare("SELECT status FROM comments WHERE id = ?").bind(id).first<{ status: string }>();
  return row?.status;
}

describe("moderation modes", () => {
  it("none publishes at once", async () => {
    const key = await site({ moderation: "none" });
    expect((await post(key, freshPage())).status).toBe(201);
  });

  it("all holds everything, even a known author", async () => {
    const key = await site({ moderation: "all" });
    const first = await post(key, freshPage(), { author: { email: "known@example.org" } });
    await admin(`/comments/${first.comment.id}`, { method: "PATCH", json: { status: "approved" } });
    expect((await post(key, freshPage(), { author: { email: "known@example.org" } })).status).toBe(202);
  });

  it("first holds an unknown author's first comment, and publishes once one is approved and its token is shown", async () => {
    const key = await site({ moderation: "first" });
    const page = freshPage();
    const first = await post(key, page, { author: { name: "Nina", email: "nina@example.org" } });
    expect(first.status).toBe(202);
    const proof = { headers: { "bascule-tokens": first.editToken } };
    expect((await post(key, page, { author: { email: "NINA@example.org" } }, proof)).status).toBe(202); // still unknown
    const approve = await admin(`/comments/${first.comment.id}`, { method: "PATCH", json: { status: "approved" } });
    expect(approve.status).toBe(200);
    expect((await post(key, page, { author: { email: "nina@example.org" } }, proof)).status).toBe(201);
    expect((await post(key, page, { author: { email: "other@example.org" } }, proof)).status).toBe(202);
    expect((await post(key, page, {}, proof)).status).toBe(202); // no e-mail: always held
  });

  it("first is per site: approval on another site does not count", async () => {
    const a = await site({ moderation: "none" });
    const b = await site({ moderation: "first" });
    await post(a, freshPage(), { author: { email: "roamer@example.org" } });
    expect((await post(b, freshPage(), { author: { email: "roamer@example.org" } })).status).toBe(202);
  });
});

describe("hold and block rules", () => {
  it("holds a comment with more links than maxLinks", async () => {
    const key = await site({ moderation: "none", maxLinks: 2 });
    const links = (n: number) => Array.from({ length: n }, (_, i) => `https://l${i}.example`).join(" ");
    expect((await post(key, freshPage(), { body: links(2) })).status).toBe(201);
    expect((await post(key, freshPage(), { body: links(3) })).status).toBe(202);
  });

  it("holds a comment with a hold word, as a whole word, in any case", async () => {
    const key = await site({ moderation: "none", holdWords: ["casino", "prêt rapide"] });
    expect((await post(key, freshPage(), { body: "Le CASINO du coin" })).status).toBe(202);
    expect((await post(key, freshPage(), { body: "un prêt rapide ?" })).status).toBe(202);
    expect((await post(key, freshPage(), { body: "casinos et casinotiers" })).status).toBe(201);
  });

  it("sends a block word to spam with the same 202 a held comment gets, never shown", async () => {
    const key = await site({ moderation: "none", blockWords: ["viagra"] });
    const page = freshPage();
    const res = await post(key, page, { author: { name: "Cheap Viagra" } });
    expect(res.status).toBe(202);
    expect(res.comment.status).toBe("pending");
    expect(await storedStatus(res.comment.id)).toBe("spam");
    expect((await getThread(page, "", key)).comments).toEqual([]);
  });

  it.each([
    ["email", "banned@example.org", { author: { email: "Banned@Example.org" } }],
    ["name", "Spammy McSpam", { author: { name: "spammy mcspam" } }],
    ["ip", "198.51.100.77", {}],
  ])("sends a writer banned by %s to spam", async (kind, value, extra) => {
    const key = await site({ moderation: "none" });
    expect((await admin("/bans", { method: "POST", json: { site: key, kind, value } })).status).toBe(201);
    const res = await postJson(
      "/api/v1/comments",
      { site: key, page: freshPage(), body: "salut", ...extra },
      { headers: { "cf-connecting-ip": "198.51.100.77" } },
    );
    expect(res.status).toBe(202);
    const { comment } = (await res.json()) as { comment: PublicComment };
    expect(await storedStatus(comment.id)).toBe("spam");
    // An unbanned writer on the same site is published.
    const other = await postJson(
      "/api/v1/comments",
      { site: key, page: freshPage(), body: "salut" },
      { headers: { "cf-connecting-ip": "203.0.113.1" } },
    );
    expect(other.status).toBe(201);
  });

  it("findWord matches whole words and phrases only", () => {
    expect(findWord(["Acheter du Cialis"], ["cialis"])).toBe("cialis");
    expect(findWord(["specialist"], ["cialis"])).toBeNull();
    expect(findWord(["a.b"], ["."])).toBeNull();
  });

  it("initialStatus puts bans and blocks before holds, and holds before the mode", () => {
    const facts = {
      settings: { ...DEFAULT_SETTINGS, moderation: "none" as const, blockWords: ["x"], holdWords: ["y"] },
      knownAuthor: "edit_token" as const,
      banned: false,
      links: 0,
    };
    expect(initialStatus({ ...facts, texts: ["x y"] }).status).toBe("spam");
    expect(initialStatus({ ...facts, texts: ["y"] }).status).toBe("pending");
    expect(initialStatus({ ...facts, texts: ["z"], banned: true }).status).toBe("spam");
    expect(initialStatus({ ...facts, texts: ["z"] }).status).toBe("approved");
  });

  it("editedStatus applies the text rules, then the site's mode, and never publishes", () => {
    const settings = { ...DEFAULT_SETTINGS, moderation: "none" as const, blockWords: ["x"], holdWords: ["y"], maxLinks: 1 };
    const edit = { settings, status: "approved" as const, banned: false, links: 0 };
    expect(editedStatus({ ...edit, texts: ["x y"] }).status).toBe("spam");
    expect(editedStatus({ ...edit, texts: ["y"] }).status).toBe("pending");
    expect(editedStatus({ ...edit, texts: ["z"], links: 2 }).status).toBe("pending");
    expect(editedStatus({ ...edit, texts: ["z"], links: 1 }).status).toBe("approved");
    expect(editedStatus({ ...edit, texts: ["z"], settings: { ...settings, moderation: "all" } }).status).toBe("pending");
    expect(editedStatus({ ...edit, texts: ["z"], status: "pending" }).status).toBe("pending");
    expect(editedStatus({ ...edit, texts: ["z"], banned: true }).status).toBe("spam");
  });
});
