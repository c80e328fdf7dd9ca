import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { xmlCdata, xmlComment, xmlText } from "../../worker/lib/export/xml-writer.ts";
import { createSite } from "./helpers.ts";
import { exported, imported, unusedSite } from "./import-helpers.ts";

// The WXR export is well-formed XML whatever the site holds (issue 10, item 15): `---` in a
// site key made `- --` inside an XML comment. Checked with a real XML parser (saxes).

/** Everything saxes reads: the comments and the CDATA sections, in order; throws on malformed XML. */
function parse(xml: string): { comments: string[]; cdata: string[] } {
  const parser = new SaxesParser();
  const read = { comments: [] as string[], cdata: [] as string[] };
  parser.on("comment", (text) => read.comments.push(text));
  parser.on("cdata", (text) => read.cdata.push(text));
  parser.write(xml).close();
  return read;
}

describe("the XML writer", () => {
  it("writes comments that parse, whatever dashes they hold", () => {
    for (const text of ["---", "a--b", "-", "--", "a-", "-a", "-- --- ----", "<!-- -->", "x\u0000y"]) {
      const [comment] = parse(`<r>${xmlComment(text)}</r>`).comments;
      expect(comment?.replaceAll(" ", "")).toBe(text.replaceAll(" ", "").replace("\u0000", ""));
    }
  });

  it("writes CDATA and text that read back exactly", () => {
    const nasty = 'a]]>b]]]]>c <x> & "q" \u0001\ud800 end';
    const expected = nasty.replace("\u0001", "").replace("\ud800", "");
    expect(parse(`<r>${xmlCdata(nasty)}</r>`).cdata.join("")).toBe(expected);
    const parser = new SaxesParser();
    let text = "";
    let attribute = "";
    parser.on("text", (value) => (text += value));
    parser.on("opentag", (tag) => (attribute = String(tag.attributes.a ?? "")));
    parser.write(`<r a="${xmlText(nasty)}">${xmlText(nasty)}</r>`).close();
    expect(text).toBe(expected);
    expect(attribute).toBe(expected);
  });
});

describe("the WXR export", () => {
  it("of a site whose key holds --- parses, and says the key", async () => {
    for (const key of [`---${unusedSite("k").slice(0, 20)}`, `${unusedSite("dash").slice(0, 30)}---`, "-".repeat(40)]) {
      await createSite(key, { moderation: "none" });
      const file = JSON.stringify({
        format: "bascule",
        version: 1,
        site: { origins: ["https://x.example"], settings: {}, createdAt: "2020-01-01T00:00:00.000Z" },
        threads: [
          {
            page: "https://x.example/a--b",
            url: "https://x.example/a--b",
            title: "]]> -- <!-- & title",
            createdAt: "2020-01-01T00:00:00.000Z",
            closed: false,
            source: null,
            comments: [
              {
                id: "isso:1",
                parent: null,
                author: { name: "A ]]> --", email: null, website: null },
                body: "body ]]> with -- and <b> & ---",
                status: "approved",
                createdAt: "2020-01-01T00:00:00.000Z",
                editedAt: null,
                likes: 0,
                pinned: false,
                ipHash: null,
              },
            ],
          },
        ],
      });
      await imported(key, "bascule", file);
      const xml = await (await exported(key, "wxr")).text();
      const read = parse(xml);
      expect(read.comments[0]?.replaceAll(" ", "")).toContain(`site"${key}"`);
      // A "]]>" is split across two CDATA sections: the element's text is their concatenation.
      expect(read.cdata.join("")).toContain("]]> -- <!-- & title");
      expect(read.cdata.join("")).toContain("body ]]> with -- and <b> & ---");
    }
  });
});
