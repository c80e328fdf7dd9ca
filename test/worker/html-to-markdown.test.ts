import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { htmlToMarkdown } from "../../worker/lib/import/html-to-markdown.ts";
import { renderMarkdown } from "../../worker/lib/markdown.ts";
import { unsafeParts } from "./safe-html.ts";

describe("the HTML converter", () => {
  it("never lets an XSS payload through (the whole payload corpus, converted then rendered)", () => {
    const payloads = env.XSS_PAYLOADS.split("\n").filter((line) => line.trim() !== "");
    expect(payloads.length).toBeGreaterThan(6000);
    const failures = payloads
      .map((payload) => ({ payload, problems: unsafeParts(renderMarkdown(htmlToMarkdown(payload))) }))
      .filter(({ problems }) => problems.length > 0);
    expect(failures).toEqual([]);
  });

  it("copes with hostile shapes: deep nesting, broken tags, long runs", () => {
    const shapes = [
      "<b><i><s>".repeat(10_000) + "deep",
      "<ul><li>".repeat(10_000) + "deep",
      "<blockquote>".repeat(10_000) + "deep",
      "<a b".repeat(20_000),
      '<a href="'.repeat(20_000),
      "<b>a" + "<br>".repeat(20_000) + "b</b>",
      "<b>a" + " ".repeat(50_000) + "b</b>",
    ];
    for (const html of shapes) {
      const markdown = htmlToMarkdown(html);
      expect(unsafeParts(renderMarkdown(markdown.slice(0, 10_000))), html.slice(0, 20)).toEqual([]);
    }
  });

  it("keeps text that looks like Markdown as text", () => {
    const cases: [string, string][] = [
      ["1999. A good year", "<p>1999. A good year</p>"],
      ["# not a heading\n- not a list\n&gt; not a quote", "<p># not a heading<br>- not a list<br>&gt; not a quote</p>"],
      ["*stars* and _under_ and `ticks` and [brackets](x)", "<p>*stars* and _under_ and `ticks` and [brackets](x)</p>"],
      ["&amp;copy; stays &amp;copy;", "<p>&amp;copy; stays &amp;copy;</p>"],
      ["<b>a <b>nested</b></b>", "<p><strong>a nested</strong></p>"],
    ];
    for (const [html, rendered] of cases) expect(renderMarkdown(htmlToMarkdown(html)), html).toBe(rendered);
  });
});
