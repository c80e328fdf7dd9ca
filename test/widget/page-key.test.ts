import { afterEach, describe, expect, test } from "vitest";
import { normalisePageKey, pageKey, pageUrl } from "../../widget/page-key.ts";
import { cleanup, happyDOM } from "./helpers.ts";

afterEach(cleanup);

describe("normalisePageKey", () => {
  test.each([
    ["HTTPS://Blog.Example.COM/Post", "https://blog.example.com/Post"],
    ["https://blog.example:443/a", "https://blog.example/a"],
    ["http://blog.example:80/a", "http://blog.example/a"],
    ["http://blog.example:8080/a", "http://blog.example:8080/a"],
    ["https://blog.example/a/?utm_source=x&b=2#comments", "https://blog.example/a"],
    ["https://blog.example/a//", "https://blog.example/a"],
    ["https://blog.example/", "https://blog.example/"],
    ["https://blog.example", "https://blog.example/"],
    ["https://blog.example/?p=12", "https://blog.example/"],
    ["  https://blog.example/Case/Kept/  ", "https://blog.example/Case/Kept"],
  ])("%s → %s", (raw, expected) => {
    expect(normalisePageKey(raw)).toBe(expected);
  });

  test("an id that is not a web address is only trimmed", () => {
    expect(normalisePageKey("  post-42/ ")).toBe("post-42/");
    expect(normalisePageKey("urn:isbn:123#x")).toBe("urn:isbn:123#x");
  });
});

describe("pageKey", () => {
  test("data-page is used as given after trimming, even when it looks like a URL", () => {
    happyDOM.setURL("https://blog.example/elsewhere/");
    expect(pageKey(document, "  Post 42/ ")).toBe("Post 42/");
  });

  test("without data-page the canonical link wins over the address, resolved and normalised", () => {
    happyDOM.setURL("https://blog.example/2024/hello/?utm_campaign=x");
    const link = document.createElement("link");
    link.rel = "canonical";
    link.setAttribute("href", "/2024/Hello/#top");
    document.head.append(link);
    expect(pageKey(document, undefined)).toBe("https://blog.example/2024/Hello");
  });

  test("without data-page or canonical link, location.href is normalised", () => {
    happyDOM.setURL("HTTPS://BLOG.example:443/2024/hello/?utm_campaign=x#comment-9");
    expect(pageKey(document, "   ")).toBe("https://blog.example/2024/hello");
  });

  test("the url sent with a post is the address without its fragment", () => {
    happyDOM.setURL("https://blog.example/a/?page=2#comment-9");
    expect(pageUrl(document)).toBe("https://blog.example/a/?page=2");
  });
});
