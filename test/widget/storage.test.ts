import { afterEach, expect, test } from "vitest";
import { saveToken } from "../../widget/extra/tokens.ts";
import { editable, readAuthor, readTokens } from "../../widget/storage.ts";
import { cleanup } from "./helpers.ts";

afterEach(cleanup);

const DAY = 86400_000;

test("the author is read back, and garbage in storage reads as empty fields", () => {
  expect(readAuthor()).toEqual({ name: "", email: "", website: "" });
  localStorage.setItem("bascule:author", JSON.stringify({ name: "Ann", email: "ann@example.org", website: "" }));
  expect(readAuthor()).toEqual({ name: "Ann", email: "ann@example.org", website: "" });
  localStorage.setItem("bascule:author", '{"name": 42');
  expect(readAuthor()).toEqual({ name: "", email: "", website: "" });
  localStorage.setItem("bascule:author", '{"name": 42, "email": null}');
  expect(readAuthor()).toEqual({ name: "", email: "", website: "" });
});

test("tokens are kept 30 days after their edit window (to see one's held comments); edit and delete only while it is open", () => {
  const now = Date.parse("2025-03-10T12:00:00Z");
  localStorage.setItem("bascule:tokens", JSON.stringify({ old: { token: "t-old", until: new Date(now - 31 * DAY).toISOString() } }));
  saveToken("held", { token: "t-held", until: new Date(now - 10 * DAY).toISOString(), body: "mine" }, now);
  saveToken("live", { token: "t-live", until: "2025-03-10T12:10:00Z" }, now);
  expect(Object.keys(readTokens(now)).sort()).toEqual(["held", "live"]);
  expect(Object.keys(JSON.parse(localStorage.getItem("bascule:tokens") ?? "{}")).sort()).toEqual(["held", "live"]);
  expect(readTokens(now).held).toEqual({ token: "t-held", until: new Date(now - 10 * DAY).toISOString(), body: "mine" });
  expect(editable(readTokens(now).live, now)).toBe(true);
  expect(editable(readTokens(now).held, now)).toBe(false);
  expect(editable(undefined, now)).toBe(false);
});

test("saving again replaces the entry (an edit keeps the new text); saving nothing forgets it", () => {
  saveToken("a", { token: "t", until: "2999-01-01T00:00:00Z", body: "first" });
  saveToken("a", { token: "t", until: "2999-01-01T00:00:00Z", body: "second" });
  expect(readTokens().a?.body).toBe("second");
  saveToken("a");
  expect(readTokens()).toEqual({});
});

test("only the newest 50 are kept: the thread read sends at most 50", () => {
  const now = Date.now();
  for (let i = 0; i < 55; i++) saveToken(`c${i}`, { token: `t${i}`, until: new Date(now + i * 60_000).toISOString() }, now);
  const kept = Object.keys(readTokens(now));
  expect(kept).toHaveLength(50);
  expect(kept).not.toContain("c0");
  expect(kept).toContain("c54");
});

test("a malformed token store is replaced rather than breaking the next post", () => {
  localStorage.setItem("bascule:tokens", '{"a": null, "b": 3, "c": {"until": 5}}');
  saveToken("new", { token: "t", until: "2999-01-01T00:00:00Z" });
  expect(readTokens()).toEqual({ new: { token: "t", until: "2999-01-01T00:00:00Z" } });
  localStorage.setItem("bascule:tokens", "[not json");
  saveToken("next", { token: "u", until: "2999-01-01T00:00:00Z" });
  expect(readTokens()).toEqual({ next: { token: "u", until: "2999-01-01T00:00:00Z" } });
});

test("reading prunes what is too old from storage, so it is never sent again", () => {
  const now = Date.now();
  localStorage.setItem(
    "bascule:tokens",
    JSON.stringify({
      stale: { token: "s", until: new Date(now - 31 * DAY).toISOString() },
      fresh: { token: "f", until: new Date(now).toISOString() },
    }),
  );
  expect(Object.keys(readTokens(now))).toEqual(["fresh"]);
  expect(Object.keys(JSON.parse(localStorage.getItem("bascule:tokens") ?? "{}"))).toEqual(["fresh"]);
});
