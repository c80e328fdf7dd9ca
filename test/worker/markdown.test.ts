import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../worker/lib/markdown.ts";
import { unsafeParts } from "./safe-html.ts";

describe("renderMarkdown", () => {
  it("renders the Markdown readers use", () => {
    expect(renderMarkdown("**gras** et *italique*, `code` et ~~barré~~")).toBe(
      "<p><strong>gras</strong> et <em>italique</em>, <code>code</code> et <del>barré</del></p>",
    );
    expect(renderMarkdown("> citation\n\n- un\n- deux")).toBe("<blockquote><p>citation</p></blockquote><ul><li>un</li><li>deux</li></ul>");
  });

  it("marks every link nofollow ugc noopener and keeps only http, https and mailto", () => {
    expect(renderMarkdown("[site](https://example.org/a?b=1)")).toBe(
      '<p><a href="https://example.org/a?b=1" rel="nofollow ugc noopener">site</a></p>',
    );
    expect(renderMarkdown("<mailto:moi@example.org>")).toContain('href="mailto:moi@example.org"');
    expect(renderMarkdown("voir www.example.org")).toContain('href="http://www.example.org/" rel="nofollow ugc noopener"');
    expect(renderMarkdown("[x](javascript:alert(1))")).toBe("<p>x</p>");
    expect(renderMarkdown("[x](data:text/html,hi)")).toBe("<p>x</p>");
    expect(renderMarkdown("[x](/relative)")).toBe("<p>x</p>");
  });

  it("shows raw HTML as text", () => {
    expect(renderMarkdown('<b onclick="x()">hi</b>')).toBe("<p>&lt;b onclick=&quot;x()&quot;&gt;hi&lt;/b&gt;</p>");
  });

  it("turns images into links so no reader's browser calls another host", () => {
    expect(renderMarkdown("![un chat](https://cats.example/c.png)")).toBe(
      '<p><a href="https://cats.example/c.png" rel="nofollow ugc noopener">un chat</a></p>',
    );
  });

  it("renders headings as strong paragraphs and escapes code", () => {
    expect(renderMarkdown("# Titre")).toBe("<p><strong>Titre</strong></p>");
    expect(renderMarkdown("```\n<script>\n```")).toBe("<pre><code>&lt;script&gt;</code></pre>");
  });

  it("never emits script, event handlers or unsafe URLs for the XSS payload corpus", () => {
    const payloads = env.XSS_PAYLOADS.split("\n").filter((line) => line.trim() !== "");
    expect(payloads.length).toBeGreaterThan(6000);
    const failures = payloads
      .map((payload) => ({ payload, problems: unsafeParts(renderMarkdown(payload)) }))
      .filter(({ problems }) => problems.length > 0);
    expect(failures).toEqual([]);
  });

  it.each([
    ["quotes", "> ".repeat(4999) + "x"],
    ["list items", "- ".repeat(3000) + "x"],
    ["emphasis", "*".repeat(5000) + "x" + "*".repeat(5000)],
    ["emphasis openers", "*x ".repeat(3000) + "y" + " x*".repeat(300)],
  ])("shows absurdly nested %s as plain text instead of running out of stack", (_, source) => {
    const html = renderMarkdown(source);
    expect(html.startsWith("<p>")).toBe(true);
    expect(html).not.toContain("<blockquote>");
    expect(html).not.toContain("<em>");
    expect(unsafeParts(html)).toEqual([]);
  });

  it("still renders ordinary nesting", () => {
    expect(renderMarkdown("> > cité deux fois")).toBe("<blockquote><blockquote><p>cité deux fois</p></blockquote></blockquote>");
  });

  it("the safety check itself catches unsafe HTML", () => {
    expect(unsafeParts('<img src=x onerror="alert(1)">').sort()).toEqual(["<img> element", "onerror attribute", 'src="x"']);
    expect(unsafeParts('<a href="javascript:alert(1)">x</a>')).toEqual(['href="javascript:alert(1)"']);
    expect(unsafeParts('<a href="https://ok.example">x</a>')).toEqual([]);
  });
});
