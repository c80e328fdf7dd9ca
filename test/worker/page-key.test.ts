import { describe, expect, it } from "vitest";
import { normalisePageKey } from "../../worker/lib/page-key.ts";
import { freshPage, getThread, postComment } from "./helpers.ts";

describe("normalisePageKey", () => {
  it.each([
    ["drops the query string", "https://blog.example/post?utm_source=x&a=1", "https://blog.example/post"],
    ["drops the fragment", "https://blog.example/post#comment-12", "https://blog.example/post"],
    ["drops a trailing slash", "https://blog.example/2013/01/post/", "https://blog.example/2013/01/post"],
    ["drops several trailing slashes", "https://blog.example/post//", "https://blog.example/post"],
    ["keeps the root slash", "https://blog.example/", "https://blog.example/"],
    ["adds the root slash", "https://blog.example", "https://blog.example/"],
    ["lower-cases scheme and host", "HTTPS://Blog.EXAMPLE/Post", "https://blog.example/Post"],
    ["keeps the path's case", "https://blog.example/Un-Article", "https://blog.example/Un-Article"],
    ["drops the default https port", "https://blog.example:443/post", "https://blog.example/post"],
    ["drops the default http port", "http://blog.example:80/post", "http://blog.example/post"],
    ["keeps another port", "http://localhost:8787/post/", "http://localhost:8787/post"],
    ["trims an explicit id", "  article-42 ", "article-42"],
    ["keeps an explicit id as given", "Article/42/?x#y", "Article/42/?x#y"],
  ])("%s", (_, raw, expected) => {
    expect(normalisePageKey(raw)).toBe(expected);
  });

  it("makes every form of one URL reach the same thread", async () => {
    const base = `https://blog.example/${freshPage()}`;
    await postComment({ page: `${base}/?utm=1` });
    await postComment({ page: `HTTPS://BLOG.EXAMPLE:443${base.slice("https://blog.example".length)}#reply` });
    const { thread, comments } = await getThread(base);
    expect(thread.page).toBe(base);
    expect(comments).toHaveLength(2);
  });
});
