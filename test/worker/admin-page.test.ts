import { describe, expect, it } from "vitest";
import { call } from "./helpers.ts";

describe("GET /admin", () => {
  it("serves the owner page with strict security headers and no inline script", async () => {
    const res = await call("/admin", { origin: null });
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc.trim()).toBe("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await res.text();
    expect(html).toContain('src="/admin.js"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
