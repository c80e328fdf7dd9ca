import { describe, expect, it } from "vitest";
import { checkEditToken } from "../../worker/lib/edit-token.ts";
import { sha256Hex } from "../../worker/lib/hash.ts";

describe("checkEditToken", () => {
  it("returns the reason an edit is refused, or ok", async () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    const token = "abcdefghijklmnopqrstuv";
    const comment = { edit_token_hash: await sha256Hex(token), created_at: new Date(now - 5 * 60_000).toISOString() };
    expect(await checkEditToken(undefined, comment, 15, now)).toBe("token_required");
    expect(await checkEditToken("Bearer someone-elses-token", comment, 15, now)).toBe("token_invalid");
    expect(await checkEditToken(`Bearer ${token}`, comment, 15, now)).toBe("ok");
    expect(await checkEditToken(`Bearer ${token}`, comment, 4, now)).toBe("edit_window_over");
  });
});
