import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { htmlToMarkdown } from "../../worker/lib/import/html-to-markdown.ts";
import { renderMarkdown } from "../../worker/lib/markdown.ts";

// Bare URLs meeting Markdown escapes (issue 10, item 17). html-to-markdown writes a line
// break as `\` + newline and escapes `_`, `*`, `~`… in text; the renderer's bare-URL links
// took those backslashes into the address. Fixed in the renderer, so typed Markdown gets it too.

const links = (html: string) => [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((match) => [match[1], match[2]]);

// [the URL as written, its href, its text] for shapes seen in real exports and around them.
const URLS: [string, string, string][] = [
  [
    "https://www.youtube.com/watch?v=E3B__ovj2jU",
    "https://www.youtube.com/watch?v=E3B__ovj2jU",
    "https://www.youtube.com/watch?v=E3B__ovj2jU",
  ],
  ["https://example.com/trends_now_/", "https://example.com/trends_now_/", "https://example.com/trends_now_/"],
  ["https://example.com/_lead/_/x_", "https://example.com/_lead/_/x_", "https://example.com/_lead/_/x_"],
  ["https://example.com/a?b=1&c=2#frag_ment", "https://example.com/a?b=1&amp;c=2#frag_ment", "https://example.com/a?b=1&amp;c=2#frag_ment"],
  ["https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"],
  ["https://example.com/~user/~~x", "https://example.com/~user/~~x", "https://example.com/~user/~~x"],
  ["https://example.com/*star*/a**b", "https://example.com/*star*/a**b", "https://example.com/*star*/a**b"],
  ["http://example.com:8080/path_x", "http://example.com:8080/path_x", "http://example.com:8080/path_x"],
  ["https://bücher.example/a_b", "https://xn--bcher-kva.example/a_b", "https://bücher.example/a_b"],
  ["www.example.com/a_b_c", "http://www.example.com/a_b_c", "www.example.com/a_b_c"],
  ["https://example.com/[x]", "https://example.com/[x]", "https://example.com/[x]"],
];

describe("bare URLs from WordPress and Disqus comments", () => {
  it.each(URLS)("%s keeps its address, and the line break after it", (url, href, text) => {
    for (const html of [`see ${url}<br>next line`, `see ${url}\nnext line`, `<p>see ${url}<br />\nnext line</p>`]) {
      const rendered = renderMarkdown(htmlToMarkdown(html));
      expect(links(rendered), html).toEqual([[href, text]]);
      expect(rendered, html).toMatch(/<\/a><br>next line<\/p>$/);
    }
  });

  // A URL that ends in punctuation loses it before ")" as GFM says (its "trailing punctuation"), typed or imported.
  const plainEnds = URLS.filter(([url]) => !/[_\]]$/.test(url));
  it.each(plainEnds)("%s followed by punctuation, a space or the end", (url, href, text) => {
    for (const [html, after] of [
      [`(${url}).`, ").</p>"],
      [`${url}, then`, ", then</p>"],
      [`${url}`, "</p>"],
      [`${url} <b>bold</b>`, " <strong>bold</strong></p>"],
    ] as const) {
      const rendered = renderMarkdown(htmlToMarkdown(html));
      expect(links(rendered), html).toEqual([[href, text]]);
      expect(rendered.endsWith(after), `${html} → ${rendered}`).toBe(true);
      expect(rendered).not.toContain("\\");
    }
  });

  it("keeps the leading &nbsp; indentation of code lines", () => {
    expect(renderMarkdown(htmlToMarkdown("if (x) {<br>&nbsp;&nbsp;&nbsp;&nbsp;return 1;<br>}"))).toBe(
      "<p>if (x) {<br>\u00a0\u00a0\u00a0\u00a0return 1;<br>}</p>",
    );
    expect(renderMarkdown(htmlToMarkdown("<code>&nbsp;&nbsp;x = 1;</code>"))).toBe("<p><code>\u00a0\u00a0x = 1;</code></p>");
  });

  it("the WordPress fixture's comments keep every link's address free of backslashes", () => {
    const contents = [...env.FIXTURE_WP_THEME_WXR.matchAll(/<wp:comment_content><!\[CDATA\[([\s\S]*?)\]\]><\/wp:comment_content>/g)];
    expect(contents.length).toBeGreaterThan(10);
    for (const [, html] of contents) {
      for (const [href] of links(renderMarkdown(htmlToMarkdown(html ?? "")))) expect(href).not.toMatch(/\\|%5C/i);
    }
  });
});

describe("typed Markdown", () => {
  it("an escape inside a bare URL is an escape, as in a link destination", () => {
    expect(links(renderMarkdown("https://x.example/a\\_b\\_\\_c"))).toEqual([["https://x.example/a_b__c", "https://x.example/a_b__c"]]);
  });

  it("a hard line break (backslash) right after a bare URL is a line break", () => {
    expect(renderMarkdown("https://x.example/a\\\nnext")).toBe(
      '<p><a href="https://x.example/a" rel="nofollow ugc noopener">https://x.example/a</a><br>next</p>',
    );
  });

  it("a backslash ending a URL before a space stays as text, outside the link", () => {
    expect(renderMarkdown("https://x.example/a\\ b")).toBe(
      '<p><a href="https://x.example/a" rel="nofollow ugc noopener">https://x.example/a</a>\\ b</p>',
    );
  });

  it("links written [text](url) and <url> are left as they are", () => {
    expect(links(renderMarkdown("[a\\_b](https://x.example/a_b) <https://x.example/c_d>"))).toEqual([
      ["https://x.example/a_b", "a_b"],
      ["https://x.example/c_d", "https://x.example/c_d"],
    ]);
  });
});
