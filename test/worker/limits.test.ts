import { describe, expect, it } from "vitest";
import { COMMENTS_PER_HOUR, DUPLICATE_WINDOW_MS, isDuplicate, limitPerHour, limitPerMinute } from "../../worker/lib/limits.ts";

const now = Date.parse("2026-01-01T12:00:30Z");
const at = (msAgo: number) => new Date(now - msAgo).toISOString();

describe("limits return verdicts", () => {
  it("limitPerMinute: null while the binding allows, else the seconds to the next minute", async () => {
    const limiter = (success: boolean) => ({ limit: async () => ({ success }) }) as unknown as RateLimit;
    expect(await limitPerMinute(limiter(true), "k", now)).toBeNull();
    expect(await limitPerMinute(limiter(false), "k", now)).toBe(30);
  });

  it("limitPerHour: null under the limit, else the seconds until the oldest counted comment is an hour old", () => {
    const recent = Array.from({ length: COMMENTS_PER_HOUR }, (_, index) => ({ created_at: at((COMMENTS_PER_HOUR - index) * 60_000) }));
    expect(limitPerHour(recent.slice(1), now)).toBeNull();
    expect(limitPerHour(recent, now)).toBe(3600 - COMMENTS_PER_HOUR * 60);
  });

  it("isDuplicate: the same body on the same page within the window", () => {
    const earlier = { created_at: at(60_000), body: "Hello", page: "/a" };
    expect(isDuplicate([earlier], { page: "/a", body: "Hello" }, now)).toBe(true);
    expect(isDuplicate([earlier], { page: "/b", body: "Hello" }, now)).toBe(false);
    expect(isDuplicate([earlier], { page: "/a", body: "Hello!" }, now)).toBe(false);
    expect(isDuplicate([{ ...earlier, created_at: at(DUPLICATE_WINDOW_MS) }], { page: "/a", body: "Hello" }, now)).toBe(false);
  });
});
