import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { generateWxr } from "../../bench/wxr-generator.ts";
import type { BasculeExport } from "../../worker/lib/export/bascule-format.ts";
import type { ImportFormat } from "../../worker/lib/import/model.ts";
import { splitExport } from "../../worker/lib/import/split.ts";
import { exported, freshSite, imported } from "./import-helpers.ts";

// The command line cuts big files into requests of whole threads (worker/lib/import/split.ts):
// importing the pieces one by one must give exactly what importing the whole file gives.

async function threadsOf(site: string): Promise<unknown> {
  const data = (await (await exported(site)).json()) as BasculeExport;
  // Comment ids are fresh per import; everything else must match.
  return data.threads.map((thread) => ({ ...thread, comments: thread.comments.map(({ id: _id, parent: _parent, ...rest }) => rest) }));
}

describe("splitting a file for the command line", () => {
  const cases: [ImportFormat, () => string, number][] = [
    ["wxr", () => env.FIXTURE_WP_THEME_WXR, 20_000],
    ["wxr", () => generateWxr({ posts: 40, comments: 800, seed: 3 }).xml, 60_000],
    ["disqus", () => env.FIXTURE_ISSO_DISQUS, 1_500],
    ["isso", () => env.FIXTURE_ISSO_GENERIC, 300],
  ];
  for (const [format, read, maxChars] of cases) {
    it(`${format} in pieces of ${maxChars} characters imports like the whole file`, async () => {
      const text = read();
      const pieces = splitExport(format, text, maxChars);
      expect(pieces.length).toBeGreaterThan(1);
      const whole = await freshSite("whole");
      const split = await freshSite("split");
      const answer = await imported(whole, format, text);
      const sums = { threads: 0, comments: 0, skipped: 0 };
      for (const piece of pieces) {
        const part = await imported(split, format, piece);
        sums.threads += part.threads;
        sums.comments += part.comments;
        sums.skipped += part.skipped;
      }
      expect(sums).toEqual({ threads: answer.threads, comments: answer.comments, skipped: answer.skipped });
      expect(await threadsOf(split)).toEqual(await threadsOf(whole));
    });
  }

  it("a Bascule export in pieces keeps its site in each", async () => {
    const site = await freshSite("bascule-whole");
    await imported(site, "wxr", env.FIXTURE_WP_THEME_WXR);
    const text = await (await exported(site)).text();
    const pieces = splitExport("bascule", text, 20_000);
    expect(pieces.length).toBeGreaterThan(1);
    const copy = await freshSite("bascule-split");
    for (const piece of pieces) await imported(copy, "bascule", piece);
    expect(await threadsOf(copy)).toEqual(await threadsOf(site));
  });
});
