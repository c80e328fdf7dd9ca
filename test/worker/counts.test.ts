import { describe, expect, it } from "vitest";
import type { CountsResponse } from "../../worker/api-types.ts";
import { call, createSite, freshPage, postComment, postJson } from "./helpers.ts";

async function counts(site: string, pages: string[]): Promise<CountsResponse["counts"]> {
  const query = pages.map((page) => `page=${encodeURIComponent(page)}`).join("&");
  const res = await call(`/api/v1/counts?site=${site}&${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as CountsResponse).counts;
}

describe("GET /api/v1/counts", () => {
  it("counts many pages in one request, 0 for pages without comments", async () => {
    const [a, b, empty] = [freshPage("a"), freshPage("b"), freshPage("empty")];
    const first = await postComment({ page: a });
    await postComment({ page: a, parentId: first.comment.id });
    await postComment({ page: a });
    await postComment({ page: b });
    expect(await counts("demo", [a, b, empty])).toEqual({ [a]: 3, [b]: 1, [empty]: 0 });
  });

  it("answers a single page too, under the key as asked", async () => {
    const page = `https://blog.example/${freshPage()}`;
    await postComment({ page: `${page}/` });
    expect(await counts("demo", [`${page}?utm=x`])).toEqual({ [`${page}?utm=x`]: 1 });
  });

  it("counts published comments only", async () => {
    await createSite("counts-all-held", { moderation: "all" });
    const page = freshPage();
    const res = await postJson("/api/v1/comments", { site: "counts-all-held", page, body: "en attente" });
    expect(res.status).toBe(202);
    expect(await counts("counts-all-held", [page])).toEqual({ [page]: 0 });
  });

  it("refuses more than 100 pages", async () => {
    const pages = Array.from({ length: 101 }, (_, i) => `p${i}`);
    const res = await call(`/api/v1/counts?site=demo&${pages.map((p) => `page=${p}`).join("&")}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: "page" } });
  });

  it("needs at least one page", async () => {
    const res = await call("/api/v1/counts?site=demo");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "page_required", field: "page" } });
  });
});
