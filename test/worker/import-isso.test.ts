import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { freshSite, imported, storedComments, storedThreads } from "./import-helpers.ts";

describe("Isso JSON import", () => {
  it("imports Isso's generic file with exact counts; Isso text is Markdown", async () => {
    const file = JSON.parse(env.FIXTURE_ISSO_GENERIC) as { id: string; title: string; comments: { author: string; email: string; website: string; created: string; text: string }[] }[];
    const site = await freshSite("isso");
    const answer = await imported(site, "isso", env.FIXTURE_ISSO_GENERIC);
    expect(answer).toEqual({ threads: file.length, comments: file.flatMap((thread) => thread.comments).length, skipped: 0, existing: 0, problems: [] });

    const threads = await storedThreads(site);
    expect(threads.map((thread) => [thread.page, thread.title, thread.comment_count])).toEqual(file.map((thread) => [thread.id, thread.title, thread.comments.length]));
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
    expect(await imported(site, "isso", env.FIXTURE_ISSO_GENERIC)).toEqual({ threads: 0, comments: 0, skipped: 0, existing: 2, problems: [] });
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
    expect((await storedThreads(site))[0]).toMatchObject({ page: "https://blog.example/notes", url: "https://blog.example/notes/", comment_count: 2 });
  });

  it("shows a comment too long or too deeply nested for the renderer as plain text, and says so", async () => {
    const long = `<b>${"word ".repeat(2_500)}</b>\n\nsecond paragraph`;
    const deep = `${"> ".repeat(5_000)}deep`;
    const file = [{ id: "/odd", title: "Odd", comments: [
      { id: 1, author: "A", created: "2021-01-01 10:00:00", text: long },
      { id: 2, author: "B", created: "2021-01-02 10:00:00", text: deep },
      { id: 3, author: "C", created: "2021-01-03 10:00:00", text: "*fine*" },
    ] }];
    const site = await freshSite("isso-odd");
    const answer = await imported(site, "isso", JSON.stringify(file));
    expect(answer.comments).toBe(3);
    expect(answer.problems.map((problem) => [problem.code, problem.source])).toEqual([
      ["shown_as_text", "isso:/odd#1"],
      ["shown_as_text", "isso:/odd#2"],
    ]);
    const html = Object.fromEntries((await storedComments(site)).map((row) => [row.source_id, row.html]));
    expect(html["/odd#1"] === `<p>&lt;b&gt;${"word ".repeat(2_500)}&lt;/b&gt;</p><p>second paragraph</p>`).toBe(true);
    expect(html["/odd#2"]).toBe(`<p>${"&gt; ".repeat(5_000)}deep</p>`);
    expect(html["/odd#3"]).toBe("<p><em>fine</em></p>");
  });
});
