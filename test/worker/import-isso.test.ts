import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../worker/lib/markdown.ts";
import { BODY_MAX } from "../../worker/lib/fields.ts";
import { freshSite, imported, storedComments, storedThreads } from "./import-helpers.ts";

describe("Isso JSON import", () => {
  it("imports Isso's generic file with exact counts; Isso text is Markdown", async () => {
    const file = JSON.parse(env.FIXTURE_ISSO_GENERIC) as {
      id: string;
      title: string;
      comments: { author: string; email: string; website: string; created: string; text: string }[];
    }[];
    const site = await freshSite("isso");
    const answer = await imported(site, "isso", env.FIXTURE_ISSO_GENERIC);
    expect(answer).toEqual({
      threads: file.length,
      comments: file.flatMap((thread) => thread.comments).length,
      skipped: 0,
      existing: 0,
      problems: [],
    });

    const threads = await storedThreads(site);
    expect(threads.map((thread) => [thread.page, thread.title, thread.comment_count])).toEqual(
      file.map((thread) => [thread.id, thread.title, thread.comments.length]),
    );
    const stored = await storedComments(site);
    for (const thread of file) {
      for (const [index, comment] of thread.comments.entries()) {
        const row = stored.filter((candidate) => candidate.page === thread.id)[index];
        expect(row).toMatchObject({
          author_name: comment.author,
          author_email: comment.email === "" ? null : comment.email,
          author_website: comment.website === "" ? null : comment.website,
          created_at: `${comment.created.replace(" ", "T")}.000Z`,
          body: comment.text,
          status: "approved",
          depth: 0,
        });
      }
    }
    // "0.0.0.0" is no address: no IP hash is made from it.
    expect(stored.every((row) => row.ip_hash === null)).toBe(true);
    expect(stored.find((row) => row.author_name === "Richard Crinshaw")?.html).toBe("<p>Ja-make-a me crazzy mon :)</p>");
    expect(await imported(site, "isso", env.FIXTURE_ISSO_GENERIC)).toEqual({
      threads: 0,
      comments: 0,
      skipped: 0,
      existing: 2,
      problems: [],
    });
  });

  it("reads parent and mode when a file has them", async () => {
    const file = [
      {
        id: "https://blog.example/notes/",
        title: "Notes",
        comments: [
          { id: 1, author: "A", created: "2021-01-01 10:00:00", text: "**one**" },
          { id: 2, author: "B", created: "2021-01-02 10:00:00", text: "two", parent: 1, mode: 2 },
          { id: 3, created: "2021-01-03 10:00:00", text: "gone", mode: 4 },
          { id: 4, author: "D", created: "2021-01-04 10:00:00", text: "four", parent: 3 },
        ],
      },
    ];
    const site = await freshSite("isso-modes");
    expect(await imported(site, "isso", JSON.stringify(file))).toMatchObject({ threads: 1, comments: 4 });
    const rows = (await storedComments(site)).sort((a, b) => ((a.source_id ?? "") < (b.source_id ?? "") ? -1 : 1));
    expect(rows.map((row) => [row.source_id, row.status, row.depth, row.html])).toEqual([
      ["https://blog.example/notes/#1", "approved", 0, "<p><strong>one</strong></p>"],
      ["https://blog.example/notes/#2", "pending", 1, "<p>two</p>"],
      ["https://blog.example/notes/#3", "deleted", 0, ""],
      ["https://blog.example/notes/#4", "approved", 1, "<p>four</p>"],
    ]);
    expect((await storedThreads(site))[0]).toMatchObject({
      page: "https://blog.example/notes",
      url: "https://blog.example/notes/",
      comment_count: 2,
    });
  });

  it("cuts a comment longer than a reader may write, and says so; one nested too deep reads as text", async () => {
    const long = `<b>${"word ".repeat(2_500)}</b>\n\nsecond paragraph`;
    const deep = `${"> ".repeat(4_000)}deep`;
    const file = [
      {
        id: "/odd",
        title: "Odd",
        comments: [
          { id: 1, author: "A", created: "2021-01-01 10:00:00", text: long },
          { id: 2, author: "B", created: "2021-01-02 10:00:00", text: deep },
          { id: 3, author: "C", created: "2021-01-03 10:00:00", text: "*fine*" },
        ],
      },
    ];
    const site = await freshSite("isso-odd");
    const answer = await imported(site, "isso", JSON.stringify(file));
    expect(answer.comments).toBe(3);
    expect(answer.problems.map((problem) => [problem.code, problem.source])).toEqual([["body_truncated", "isso:/odd#1"]]);
    const rows = Object.fromEntries((await storedComments(site)).map((row) => [row.source_id, row]));
    const cut = `${long.slice(0, BODY_MAX - 1).trimEnd()}…`;
    expect(rows["/odd#1"]?.body === cut).toBe(true);
    expect(rows["/odd#1"]?.html === renderMarkdown(cut)).toBe(true);
    expect(rows["/odd#2"]?.html).toBe(`<p>${"&gt; ".repeat(4_000)}deep</p>`);
    expect(rows["/odd#3"]?.html).toBe("<p><em>fine</em></p>");
  });

  it("imports a comment of several megabytes cut to the longest body, instead of failing the import", async () => {
    const huge = "A long story. ".repeat(250_000);
    const file = [
      {
        id: "/huge",
        title: "Huge",
        comments: [
          { id: 1, author: "A", created: "2021-01-01 10:00:00", text: huge },
          { id: 2, author: "B", created: "2021-01-02 10:00:00", text: "short", parent: 1 },
        ],
      },
    ];
    const site = await freshSite("isso-huge");
    const answer = await imported(site, "isso", JSON.stringify(file));
    expect(answer).toMatchObject({ threads: 1, comments: 2, skipped: 0 });
    expect(answer.problems).toEqual([
      expect.objectContaining({ code: "body_truncated", source: "isso:/huge#1", message: expect.stringContaining(`${huge.length}`) }),
    ]);
    const rows = Object.fromEntries((await storedComments(site)).map((row) => [row.source_id, row]));
    expect(rows["/huge#1"]?.body.length).toBeLessThanOrEqual(BODY_MAX);
    expect(rows["/huge#2"]?.parent_id).toBe(rows["/huge#1"]?.id);
  });

  it("cleans imported text like typed text: no control characters, no lone surrogates, NFC; blank names are none", async () => {
    const file = [
      {
        id: "/clean",
        title: "Ti\u0007tle \ud800",
        comments: [
          {
            id: 1,
            author: "Zoe\u0301\u0000 \udc00",
            email: "Zo\u0000e@Example.org",
            website: "https://blog.example/\u0007zoe",
            created: "2021-01-01 10:00:00",
            text: "a\u0001b\u0085c \ud83d d\u200b",
          },
          { id: 2, author: "\u200b\u0000 ", created: "2021-01-02 10:00:00", text: "x" },
        ],
      },
    ];
    const site = await freshSite("isso-clean");
    await imported(site, "isso", JSON.stringify(file));
    const rows = Object.fromEntries((await storedComments(site)).map((row) => [row.source_id, row]));
    expect(rows["/clean#1"]).toMatchObject({
      author_name: "Zoé \ufffd",
      author_email: "zoe@example.org",
      author_website: "https://blog.example/zoe",
      body: "abc \ufffd d\u200b",
      html: "<p>abc \ufffd d\u200b</p>",
    });
    expect(rows["/clean#2"]?.author_name).toBeNull();
    expect((await storedThreads(site))[0]?.title).toBe("Title \ufffd");
  });

  it("leaves out mode-4 (deleted) comments nobody replied to", async () => {
    const file = [
      {
        id: "/gone",
        title: "Gone",
        comments: [
          { id: 1, author: "A", created: "2021-01-01 10:00:00", text: "stays" },
          { id: 2, created: "2021-01-02 10:00:00", text: "", mode: 4 },
          { id: 3, created: "2021-01-03 10:00:00", text: "", mode: 4, parent: 1 },
        ],
      },
    ];
    const site = await freshSite("isso-gone");
    expect(await imported(site, "isso", JSON.stringify(file))).toEqual({ threads: 1, comments: 1, skipped: 2, existing: 0, problems: [] });
    expect((await storedComments(site)).map((row) => row.source_id)).toEqual(["/gone#1"]);
  });
});
