import { describe, expect, it } from "vitest";
import { postJson } from "./helpers.ts";

describe("POST /api/v1/preview", () => {
  it("renders Markdown exactly as a posted comment would be", async () => {
    const res = await postJson("/api/v1/preview", { site: "demo", body: "**oui** <script>alert(1)</script>" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ html: "<p><strong>oui</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>" });
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:8787");
  });

  it("refuses a site's preview from a foreign origin", async () => {
    const res = await postJson("/api/v1/preview", { site: "demo", body: "x" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });

  it("answers deeply nested quotes with text, not a 5xx", async () => {
    const res = await postJson("/api/v1/preview", { body: "> ".repeat(4999) + "x" });
    expect(res.status).toBe(200);
  });

  it("rejects a missing body with a field error", async () => {
    const res = await postJson("/api/v1/preview", {});
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "body_required", field: "body" } });
  });
});
