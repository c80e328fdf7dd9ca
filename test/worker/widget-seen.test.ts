import { beforeEach, describe, expect, it } from "vitest";
import { forgetSightings } from "../../worker/http/sightings.ts";
import { admin, call, createSite, freshPage, ORIGIN } from "./helpers.ts";

// "Is it installed?" (issue 14): the owner sees where and when the site's widget last read a thread.

interface Installation {
  widget: { origin: string; page: string; seenAt: string } | null;
}

async function installation(site: string): Promise<Installation> {
  const res = await admin(`/sites/${site}/installation`);
  expect(res.status).toBe(200);
  return res.json();
}

/** The sighting is written after the answer (waitUntil): wait until it shows, or give up. */
async function seen(site: string): Promise<Installation["widget"]> {
  for (let tries = 0; tries < 50; tries += 1) {
    const { widget } = await installation(site);
    if (widget !== null) return widget;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

beforeEach(() => forgetSightings());

describe("widget sightings", () => {
  it("a site whose widget never read a thread is not seen yet", async () => {
    await createSite("seen-never", {});
    expect(await installation("seen-never")).toEqual({ widget: null });
  });

  it("a thread read from one of the site's pages is noted with its origin, page and time", async () => {
    await createSite("seen-read", {});
    const page = freshPage("/articles/hello");
    const before = Date.now();
    expect((await call(`/api/v1/threads?site=seen-read&page=${encodeURIComponent(page)}`)).status).toBe(200);
    const widget = await seen("seen-read");
    expect(widget).toMatchObject({ origin: ORIGIN, page });
    expect(Date.parse(widget?.seenAt ?? "")).toBeGreaterThanOrEqual(before - 1000);
  });

  it("a read from another origin, or with no origin (curl, a crawler), is not the widget", async () => {
    await createSite("seen-other", {});
    await call("/api/v1/threads?site=seen-other&page=/a", { origin: "https://elsewhere.example" });
    await call("/api/v1/threads?site=seen-other&page=/a", { origin: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await installation("seen-other")).toEqual({ widget: null });
  });

  it("an unknown site is a 404, and the route is the owner's", async () => {
    expect((await admin("/sites/no-such-site/installation")).status).toBe(404);
    expect((await admin("/sites/seen-never/installation", { token: "wrong" })).status).toBe(401);
  });
});
