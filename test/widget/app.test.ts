import { afterEach, describe, expect, test, vi } from "vitest";
import type { PublicComment } from "../../worker/api-types.ts";
import {
  API,
  PAGE,
  apiError,
  article,
  buttonNamed,
  cleanup,
  fakeApi,
  fieldLabelled,
  headersOf,
  hold,
  makeComment,
  makeThread,
  mountThread,
  parentArticleOf,
} from "./helpers.ts";

afterEach(cleanup);

describe("the thread", () => {
  test("asks for the page's thread at the script's origin, oldest first, 50 at a time", async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
    await mountThread();
    const url = api.calls[0]?.url;
    expect(url?.origin + (url?.pathname ?? "")).toBe(`${API}/api/v1/threads`);
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({ site: "demo", page: PAGE, sort: "oldest", limit: "50" });
    expect(api.calls[0]?.init?.credentials).toBe("omit");
  });

  test("nests replies under the right parent, three levels deep", async () => {
    const a = makeComment();
    const b = makeComment({ parentId: a.id, depth: 1 });
    const c = makeComment({ parentId: b.id, depth: 2 });
    const d = makeComment({ parentId: c.id, depth: 3 });
    const e = makeComment({ parentId: a.id, depth: 1 });
    const f = makeComment();
    fakeApi({ thread: () => ({ body: makeThread([a, b, c, d, e, f]) }) });
    const { root } = await mountThread();

    expect(parentArticleOf(root, a.id)).toBeNull();
    expect(parentArticleOf(root, b.id)?.id).toBe(`comment-${a.id}`);
    expect(parentArticleOf(root, c.id)?.id).toBe(`comment-${b.id}`);
    expect(parentArticleOf(root, d.id)?.id).toBe(`comment-${c.id}`);
    expect(parentArticleOf(root, e.id)?.id).toBe(`comment-${a.id}`);
    expect(parentArticleOf(root, f.id)).toBeNull();
    const topLevel = Array.from(root.querySelectorAll(".bascule-list > li > article"), (el) => el.id);
    expect(topLevel).toEqual([`comment-${a.id}`, `comment-${f.id}`]);
  });

  test("a semantic structure: a labelled section, an h2 count, an article per comment in lists", async () => {
    fakeApi({ thread: () => ({ body: makeThread([makeComment(), makeComment()]) }) });
    const { root } = await mountThread();
    const section = root.querySelector("section");
    expect(section?.getAttribute("aria-label")).toBe("Comments");
    expect(section?.querySelector("h2")?.textContent).toBe("2 comments");
    expect(root.querySelectorAll("ol > li > article")).toHaveLength(2);
  });

  test.each([
    ["en", 0, "0 comments"],
    ["en", 1, "1 comment"],
    ["en", 2, "2 comments"],
    ["en", 5, "5 comments"],
    ["fr", 0, "0 commentaire"],
    ["fr", 1, "1 commentaire"],
    ["fr", 2, "2 commentaires"],
    ["fr", 5, "5 commentaires"],
  ])("the heading in %s for %i", async (lang, count, heading) => {
    const comments = Array.from({ length: count }, () => makeComment());
    fakeApi({ thread: () => ({ body: makeThread(comments) }) });
    const { root } = await mountThread({ lang });
    expect(root.querySelector("h2")?.textContent).toBe(heading);
  });

  test("the owner's replies carry a badge, in the reader's language", async () => {
    const question = makeComment({ author: { name: "Reader", website: null, avatar: null } });
    const answer = makeComment({ parentId: question.id, depth: 1, byOwner: true, author: { name: "Owner", website: null, avatar: null } });
    fakeApi({ thread: () => ({ body: makeThread([question, answer]) }) });
    const { root } = await mountThread({ lang: "fr" });
    expect(article(root, answer.id).querySelector(".bascule-badge")?.textContent).toBe("Auteur");
    expect(article(root, question.id).querySelector(".bascule-badge")).toBeNull();
  });

  test("a deleted comment stays as a placeholder that keeps its replies", async () => {
    const gone = makeComment({ deleted: true, author: null, html: "" });
    const reply = makeComment({ parentId: gone.id, depth: 1 });
    fakeApi({ thread: () => ({ body: makeThread([gone, reply]) }) });
    const { root } = await mountThread();
    expect(article(root, gone.id).textContent).toBe("Comment deleted");
    expect(article(root, gone.id).querySelector("button")).toBeNull();
    expect(parentArticleOf(root, reply.id)?.id).toBe(`comment-${gone.id}`);
  });

  test("author names are text, only the sanitised html is HTML, and only http(s) websites are links", async () => {
    const linked = makeComment({
      author: { name: "Ann", website: "https://ann.example/", avatar: null },
      html: "<p><strong>bold</strong> claim</p>",
    });
    const hostile = makeComment({ author: { name: '<img src=x onerror="alert(1)">', website: "javascript:alert(1)", avatar: null } });
    fakeApi({ thread: () => ({ body: makeThread([linked, hostile]) }) });
    const { root } = await mountThread();

    const link = article(root, linked.id).querySelector<HTMLAnchorElement>("a.bascule-author");
    expect(link?.href).toBe("https://ann.example/");
    expect(link?.rel).toBe("nofollow ugc noopener");
    expect(article(root, linked.id).querySelector(".bascule-body strong")?.textContent).toBe("bold");

    expect(article(root, hostile.id).querySelector("a.bascule-author")).toBeNull();
    expect(article(root, hostile.id).querySelector("img")).toBeNull();
    expect(article(root, hostile.id).querySelector(".bascule-author")?.textContent).toBe('<img src=x onerror="alert(1)">');
  });

  test("each comment shows a coloured initial, a relative date and the full date", async () => {
    const comment = makeComment({
      author: { name: "émile", website: null, avatar: null },
      createdAt: new Date(Date.now() - 2 * 86400_000).toISOString(),
    });
    fakeApi({ thread: () => ({ body: makeThread([comment]) }) });
    const { root } = await mountThread({ lang: "fr" });
    const avatar = article(root, comment.id).querySelector<HTMLElement>(".bascule-avatar");
    expect(avatar?.textContent).toBe("É");
    expect(avatar?.getAttribute("aria-hidden")).toBe("true");
    expect(avatar?.style.backgroundColor).not.toBe("");
    const time = article(root, comment.id).querySelector("time");
    expect(time?.textContent).toBe("avant-hier");
    expect(time?.getAttribute("datetime")).toBe(comment.createdAt);
    expect(time?.getAttribute("title")).toMatch(/\d{4}/);
    expect(time?.closest("a")?.getAttribute("href")).toBe(`#comment-${comment.id}`);
  });

  test("'load more' appends the next page, then goes away", async () => {
    const first = makeComment();
    const second = makeComment();
    const api = fakeApi({
      thread: ({ url }) =>
        url.searchParams.get("cursor") === "page-2"
          ? { body: makeThread([second], { nextCursor: null }) }
          : { body: makeThread([first], { nextCursor: "page-2" }) },
    });
    const { root } = await mountThread();
    buttonNamed(root, "Load more comments").click();
    await vi.waitFor(() => expect(root.getElementById(`comment-${second.id}`)).not.toBeNull());
    expect(api.calls[1]?.url.searchParams.get("cursor")).toBe("page-2");
    const order = Array.from(root.querySelectorAll("article"), (el) => el.id);
    expect(order).toEqual([`comment-${first.id}`, `comment-${second.id}`]);
    expect(() => buttonNamed(root, "Load more comments")).toThrow();
    expect(root.activeElement?.id).toBe(`comment-${second.id}`);
  });

  test("a failed load says so and offers to try again", async () => {
    let fail = true;
    vi.spyOn(console, "error").mockImplementation(() => {});
    fakeApi({
      thread: () => (fail ? { status: 503, body: apiError("unavailable", "Try later.") } : { body: makeThread([makeComment()]) }),
    });
    const { root } = await mountThread();
    expect(root.querySelector("[role=alert]")?.textContent).toBe("The comments could not be loaded.");
    fail = false;
    buttonNamed(root, "Try again").click();
    await vi.waitFor(() => expect(root.querySelector("h2")?.textContent).toBe("1 comment"));
    expect(root.querySelector("[role=alert]")).toBeNull();
  });

  test("a closed thread shows its comments but no form and no reply buttons (likes still count)", async () => {
    const response = makeThread([makeComment()]);
    response.thread.closed = true;
    fakeApi({ thread: () => ({ body: response }) });
    const { root } = await mountThread();
    expect(root.querySelector("form")).toBeNull();
    expect(Array.from(root.querySelectorAll("button"), (button) => button.getAttribute("aria-label"))).toEqual(["Like (0)"]);
    expect(root.textContent).toContain("Comments are closed.");
  });
});

describe("one's own held comments", () => {
  test("the tokens held go in a Bascule-Tokens header, and the reader's comment awaiting moderation shows", async () => {
    const held = makeComment({ status: "pending" });
    const other = makeComment();
    hold(held.id, { until: Date.now() - 86400_000 }); // edit window long over; still kept
    hold("gone", { until: Date.now() - 31 * 86400_000 });
    const api = fakeApi({
      thread: () => ({ body: makeThread([other, held], { thread: { page: PAGE, title: null, url: null, count: 1, closed: false } }) }),
    });
    const { root } = await mountThread();

    expect(headersOf(api.calls[0])["bascule-tokens"]).toBe(`token-${held.id}`);
    expect(article(root, held.id).querySelector(".bascule-pending")?.textContent).toBe("Awaiting moderation");
    expect(article(root, other.id).querySelector(".bascule-pending")).toBeNull();
    expect(root.querySelector("h2")?.textContent).toBe("1 comment");
    // Nobody likes or answers a comment that isn't published yet.
    expect(article(root, held.id).querySelector("button")).toBeNull();
  });

  test("without tokens the read has no custom header (no CORS preflight)", async () => {
    const api = fakeApi({ thread: () => ({ body: makeThread([]) }) });
    await mountThread();
    expect(headersOf(api.calls[0])["bascule-tokens"]).toBeUndefined();
  });
});

describe("display depth", () => {
  test("indentation stops at the site's display depth; deeper replies say whom they answer", async () => {
    const names = ["Ann", "Bob", "Cat", "Dan", "Eve"];
    const chain: PublicComment[] = [];
    for (const [depth, name] of names.entries()) {
      chain.push(makeComment({ depth, parentId: chain.at(-1)?.id ?? null, author: { name, website: null, avatar: null } }));
    }
    const sibling = makeComment({ depth: 3, parentId: chain[2]?.id ?? null, author: { name: "Fay", website: null, avatar: null } });
    const [ann, bob, cat, dan, eve] = chain as [PublicComment, PublicComment, PublicComment, PublicComment, PublicComment];
    fakeApi({
      thread: () => ({
        body: makeThread([ann, bob, cat, dan, eve, sibling], { site: { locale: "en", displayDepth: 2, editWindowMinutes: 15 } }),
      }),
    });
    const { root } = await mountThread();

    const listOf = (comment: PublicComment) => article(root, comment.id).closest("ol");
    expect(listOf(bob)?.className).toBe("bascule-replies");
    expect(listOf(cat)?.className).toBe("bascule-replies");
    expect(listOf(dan)?.className).toContain("bascule-flat");
    expect(listOf(eve)?.className).toContain("bascule-flat");
    const inReplyTo = (comment: PublicComment) =>
      article(root, comment.id).querySelector<HTMLAnchorElement>(`header a[href^="#comment-"]:not(.bascule-permalink)`);
    expect(inReplyTo(cat)).toBeNull();
    expect(inReplyTo(dan)?.textContent).toBe("in reply to Cat");
    expect(inReplyTo(dan)?.getAttribute("href")).toBe(`#comment-${cat.id}`);
    expect(inReplyTo(eve)?.textContent).toBe("in reply to Dan");
    expect(inReplyTo(sibling)?.textContent).toBe("in reply to Cat");
    // Replies stay under their parents, in the order the server sent them.
    expect(Array.from(root.querySelectorAll("article"), (el) => el.id.slice(8))).toEqual(
      [ann, bob, cat, dan, eve, sibling].map((c) => c.id),
    );
  });

  test("in French, and 6 levels by default", async () => {
    const chain: PublicComment[] = [];
    for (let depth = 0; depth < 8; depth++) chain.push(makeComment({ depth, parentId: chain.at(-1)?.id ?? null }));
    fakeApi({ thread: () => ({ body: makeThread(chain) }) });
    const { root } = await mountThread({ lang: "fr" });
    expect(article(root, chain[6]!.id).closest("ol")?.className).toBe("bascule-replies");
    expect(article(root, chain[7]!.id).closest("ol")?.className).toContain("bascule-flat");
    expect(article(root, chain[7]!.id).textContent).toContain("en réponse à Alice");
  });
});

describe("language", () => {
  test("the site's locale applies when the page says nothing", async () => {
    fakeApi({
      thread: () => ({ body: makeThread([makeComment()], { site: { locale: "fr-CA", displayDepth: 6, editWindowMinutes: 15 } }) }),
    });
    const { root, host } = await mountThread({ lang: null });
    await vi.waitFor(() => expect(root.querySelector("h2")?.textContent).toBe("1 commentaire"));
    expect(fieldLabelled(root, "Nom")).toBeTruthy();
    expect(host.shadowRoot?.querySelector(".bascule-root")?.getAttribute("lang")).toBe("fr");
  });

  test("the page's language wins over the site's", async () => {
    fakeApi({ thread: () => ({ body: makeThread([makeComment()], { site: { locale: "fr", displayDepth: 6, editWindowMinutes: 15 } }) }) });
    const { root } = await mountThread({ lang: "en" });
    expect(root.querySelector("h2")?.textContent).toBe("1 comment");
  });
});
