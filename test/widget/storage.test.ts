import { afterEach, expect, test } from "vitest";
import { readAuthor, readTokens, saveAuthor, saveToken } from "../../widget/storage.ts";
import { cleanup } from "./helpers.ts";

afterEach(cleanup);

test("the author is read back, and garbage in storage reads as empty fields", () => {
  expect(readAuthor()).toEqual({ name: "", email: "", website: "" });
  saveAuthor({ name: "Ann", email: "ann@example.org", website: "" });
  expect(readAuthor()).toEqual({ name: "Ann", email: "ann@example.org", website: "" });
  localStorage.setItem("bascule:author", '{"name": 42');
  expect(readAuthor()).toEqual({ name: "", email: "", website: "" });
  localStorage.setItem("bascule:author", '{"name": 42, "email": null}');
  expect(readAuthor()).toEqual({ name: "", email: "", website: "" });
});

test("edit tokens are kept per comment until their window ends; expired ones are dropped", () => {
  const now = Date.parse("2025-03-10T12:00:00Z");
  saveToken("old", "t-old", "2025-03-10T11:00:00Z", now - 2 * 3600_000);
  saveToken("live", "t-live", "2025-03-10T12:10:00Z", now);
  saveToken("new", "t-new", "2025-03-10T12:15:00Z", now);
  expect(readTokens()).toEqual({
    live: { token: "t-live", until: "2025-03-10T12:10:00Z" },
    new: { token: "t-new", until: "2025-03-10T12:15:00Z" },
  });
});

test("a malformed token store is replaced rather than breaking the next post", () => {
  localStorage.setItem("bascule:tokens", '{"a": null, "b": 3, "c": {"until": 5}}');
  saveToken("new", "t", "2999-01-01T00:00:00Z");
  expect(readTokens()).toEqual({ new: { token: "t", until: "2999-01-01T00:00:00Z" } });
  localStorage.setItem("bascule:tokens", "[not json");
  saveToken("next", "u", "2999-01-01T00:00:00Z");
  expect(readTokens()).toEqual({ next: { token: "u", until: "2999-01-01T00:00:00Z" } });
});
