import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ApiErrorBody } from "../../worker/api-types.ts";
import { freshSite, importFile, imported, owner, storedComments, storedThreads, unusedSite } from "./import-helpers.ts";

// Every way a file can be bad: each answer is a 400 that says where, and nothing is written.

async function refused(site: string, format: string, body: string): Promise<ApiErrorBody["error"]> {
  const res = await importFile(site, format, body);
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as ApiErrorBody;
  expect(await storedThreads(site)).toEqual([]);
  expect(await storedComments(site)).toEqual([]);
  return error;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;

describe("a malformed or truncated file", () => {
  const wxr = env.FIXTURE_WP_THEME_WXR;

  it("a WXR file cut off in the middle: 400 naming the last line and the element left open, nothing written", async () => {
    const cut = wxr.slice(0, wxr.indexOf("Comment Depth 05"));
    const error = await refused(await freshSite("cut-wxr"), "wxr", cut);
    expect(error.code).toBe("malformed_file");
    expect(error.message).toContain(`line ${cut.split("\n").length}`);
    expect(error.message).toMatch(/, inside <wp:comment_content> opened on line \d+/);
  });

  it("a WXR file cut between two comments is still refused whole: no thread half-imported", async () => {
    const cut = wxr.slice(0, wxr.indexOf("<wp:comment_id>910</wp:comment_id>"));
    const error = await refused(await freshSite("cut-wxr-2"), "wxr", cut);
    expect(error.message).toMatch(/inside <wp:comment> opened on line \d+/);
  });

  it("a tag closed wrongly: 400 naming its line and column", async () => {
    const at = wxr.indexOf("<wp:comment_id>906</wp:comment_id>");
    const broken = wxr.replace("<wp:comment_id>906</wp:comment_id>", "<wp:comment_id>906</wp:comment_idd>");
    const error = await refused(await freshSite("bad-tag"), "wxr", broken);
    expect(error.message).toBe(
      `The XML is malformed at line ${lineOf(wxr, at)}, column 37: unexpected close tag, inside <wp:comment> opened on line ${lineOf(wxr, at) - 1} (the line reads "<wp:comment_id>906</wp:comment_idd>").`,
    );
  });

  it("a WXR comment with no date, or an item with comments but no link: 400 naming the element and line", async () => {
    const noDate = wxr.replace(
      /<wp:comment_date>2013-03-14 08:01:21<\/wp:comment_date>\s*<wp:comment_date_gmt>2013-03-14 15:01:21<\/wp:comment_date_gmt>/,
      "",
    );
    expect(noDate).not.toBe(wxr);
    const dateError = await refused(await freshSite("no-date"), "wxr", noDate);
    expect(dateError.message).toBe(
      `The <wp:comment> on line ${lineOf(noDate, noDate.indexOf("<wp:comment_id>905</wp:comment_id>")) - 1} has no usable <wp:comment_date_gmt> or <wp:comment_date>.`,
    );

    const noLink = `<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<item><title>Lost</title><wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt></wp:comment></item>
</channel></rss>`;
    const linkError = await refused(await freshSite("no-link"), "wxr", noLink);
    expect(linkError.message).toBe('The <item> "Lost" on line 2 has comments but no <link> or <guid> to name its page.');
  });

  it("a Disqus file cut off, or a post without its dsq:id", async () => {
    const disqus = env.FIXTURE_ISSO_DISQUS;
    const cut = disqus.slice(0, disqus.indexOf("<isSpam>", disqus.indexOf('<post dsq:id="8">')));
    const cutError = await refused(await freshSite("cut-disqus"), "disqus", cut);
    expect(cutError.message).toContain(`line ${cut.split("\n").length}`);
    expect(cutError.message).toContain("inside <post> opened on line");

    const noId = disqus.replace('<post dsq:id="5">', "<post>");
    const idError = await refused(await freshSite("no-dsq-id"), "disqus", noId);
    expect(idError.message).toBe(`The <post> on line ${lineOf(noId, noId.indexOf("<post>"))} has no dsq:id attribute.`);
  });

  it("JSON cut off or wrong inside: 400 naming the line and column, or the element", async () => {
    const isso = JSON.stringify(JSON.parse(env.FIXTURE_ISSO_GENERIC), null, 2);
    const cut = isso.slice(0, isso.indexOf('"text"'));
    const cutError = await refused(await freshSite("cut-isso"), "isso", cut);
    expect(cutError.message).toMatch(
      new RegExp(`^This Isso file is not valid JSON at line ${cut.split("\n").length}, column \\d+ \\(the file ends too soon`),
    );

    const syntax = isso.replace('"title": "Test+post"', '"title": "Test+post",,');
    const syntaxError = await refused(await freshSite("syntax-isso"), "isso", syntax);
    expect(syntaxError.message).toMatch(
      new RegExp(`^This Isso file is not valid JSON at line ${lineOf(syntax, syntax.indexOf(",,"))}, column \\d+:`),
    );

    const badDate = isso.replace('"created": "2005-05-08 06:50:26"', '"created": "last Tuesday"');
    const dateError = await refused(await freshSite("date-isso"), "isso", badDate);
    expect(dateError.message).toBe("This Isso file has a problem at [1].comments[0].created: must be a date like 2005-02-24 04:03:37.");
  });

  it("a Bascule export with a wrong field, or from a newer version", async () => {
    const file = {
      format: "bascule",
      version: 1,
      site: { origins: ["https://blog.example"], settings: {}, createdAt: "2024-01-01T00:00:00.000Z" },
      threads: [
        {
          page: "p",
          url: null,
          title: null,
          createdAt: "2024-01-01T00:00:00.000Z",
          closed: false,
          source: null,
          comments: [
            {
              id: "bascule:a",
              parent: null,
              author: null,
              body: "",
              status: "deleted",
              createdAt: "2024-01-01T00:00:00.000Z",
              editedAt: null,
              likes: 0,
              likeRecords: [],
              pinned: false,
              ipHash: null,
            },
            {
              id: "bascule:b",
              parent: null,
              author: null,
              body: "x",
              status: "shown",
              createdAt: "2024-01-01T00:00:00.000Z",
              editedAt: null,
              likes: 0,
              likeRecords: [],
              pinned: false,
              ipHash: null,
            },
          ],
        },
      ],
    };
    const site = await freshSite("bad-bascule");
    const error = await refused(site, "bascule", JSON.stringify(file));
    expect(error.message).toMatch(/^This Bascule export has a problem at threads\[0\]\.comments\[1\]\.status: /);
    const newer = await refused(site, "bascule", JSON.stringify({ ...file, version: 2 }));
    expect(newer.code).toBe("unsupported_version");
    const valid = { ...file, threads: [{ ...file.threads[0], comments: file.threads[0]?.comments.slice(0, 1) }] };
    // Its one comment is a placeholder nobody replied to: left out, as Bascule does.
    expect(await imported(await freshSite("good-bascule"), "bascule", JSON.stringify(valid))).toMatchObject({
      comments: 0,
      skipped: 1,
      problems: [],
    });
    const settings = await refused(
      site,
      "bascule",
      JSON.stringify({ ...valid, site: { ...file.site, settings: { moderation: "sometimes" } } }),
    );
    expect(settings.message).toMatch(/^This Bascule export has a problem at site\.settings\.moderation: /);
  });

  it("an empty body", async () => {
    expect((await refused(await freshSite("empty"), "wxr", "")).code).toBe("empty_file");
  });
});

describe("a file in the wrong format", () => {
  const cases: [string, string, string][] = [
    ["disqus", "FIXTURE_WP_THEME_WXR", "This file looks like a WordPress export (WXR), not a Disqus export. Import it with format=wxr."],
    ["wxr", "FIXTURE_ISSO_DISQUS", "This file looks like a Disqus export, not a WordPress export (WXR). Import it with format=disqus."],
    ["wxr", "FIXTURE_ISSO_GENERIC", "This file looks like an Isso JSON export, not a WordPress export (WXR). Import it with format=isso."],
    ["bascule", "FIXTURE_ISSO_GENERIC", "This file looks like an Isso JSON export, not a Bascule export. Import it with format=isso."],
  ];
  for (const [format, fixture, message] of cases) {
    it(`${fixture} sent as format=${format}: 400 naming the format it looks like`, async () => {
      const error = await refused(await freshSite("wrong"), format, env[fixture as "FIXTURE_ISSO_GENERIC"]);
      expect(error).toEqual({ code: "wrong_format", message });
    });
  }

  it("a file that is no export at all", async () => {
    const site = await freshSite("no-export");
    expect((await refused(site, "wxr", '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).message).toBe(
      "This file looks like an XML file whose root is <feed>, not a WordPress export (WXR).",
    );
    expect((await refused(site, "isso", "<!doctype html><html></html>")).message).toBe(
      "This file looks like an HTML page, not an Isso JSON export.",
    );
    expect((await refused(site, "bascule", '{"comments": []}')).message).toBe(
      "This file looks like a JSON object that is not a Bascule export, not a Bascule export.",
    );
  });

  it("a Bascule export sent as a Bascule export imports", async () => {
    const site = await freshSite("right");
    const file = {
      format: "bascule",
      version: 1,
      site: { origins: ["https://blog.example"], settings: {}, createdAt: "2024-01-01T00:00:00.000Z" },
      threads: [],
    };
    expect(await imported(site, "bascule", JSON.stringify(file))).toEqual({
      threads: 0,
      comments: 0,
      skipped: 0,
      existing: 0,
      problems: [],
    });
  });
});

describe("the requests themselves", () => {
  it("asks for a known site and format", async () => {
    const missing = await importFile(unusedSite("nobody"), "wxr", env.FIXTURE_ISSO_WXR);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "site_not_found", field: "site" } });
    const format = await importFile(await freshSite("format"), "csv", "a,b");
    expect(format.status).toBe(400);
    expect(await format.json()).toMatchObject({ error: { code: "format_invalid", field: "format" } });
    expect((await owner(`/export?site=${unusedSite("nobody")}`)).status).toBe(404);
  });

  it("answers 401 to a missing or wrong admin token on every route, and writes nothing", async () => {
    const site = await freshSite("auth");
    const requests: [string, RequestInit & { json?: unknown }][] = [
      [`/import?site=${site}&format=isso`, { method: "POST", body: env.FIXTURE_ISSO_GENERIC }],
      [`/export?site=${site}&format=bascule`, {}],
      [`/export?site=${site}&format=wxr`, {}],
      ["/threads/move", { method: "POST", json: { site, from: "/posts/0001/", to: "/new" } }],
      ["/threads/rewrite", { method: "POST", json: { site, prefixFrom: "/", prefixTo: "/x/" } }],
    ];
    for (const [path, init] of requests) {
      for (const token of [null, "wrong-token", ""]) {
        const res = await owner(path, { ...init, token });
        expect(res.status, `${path} with ${String(token)}`).toBe(401);
        expect(await res.json()).toMatchObject({ error: { code: "admin_token_required" } });
      }
    }
    expect(await storedThreads(site)).toEqual([]);
  });
});
