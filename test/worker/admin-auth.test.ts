import { describe, expect, it } from "vitest";
import { admin } from "./helpers.ts";

// Every owner route, with a body that would be valid: without the right token each must
// answer 401 and do nothing.
const OWNER_ROUTES: Array<[method: string, path: string, json?: unknown]> = [
  ["GET", "/sites"],
  ["POST", "/sites", { key: "auth-probe", origins: ["https://x.example"] }],
  ["GET", "/sites/demo"],
  ["PUT", "/sites/demo", { moderation: "all" }],
  ["GET", "/comments?site=demo"],
  ["PATCH", "/comments/some-id", { status: "approved" }],
  ["DELETE", "/comments/some-id"],
  ["POST", "/erase", { site: "demo", email: "a@example.org" }],
  ["GET", "/threads?site=demo"],
  ["POST", "/threads/close", { site: "demo", page: "x", closed: true }],
  ["GET", "/bans?site=demo"],
  ["POST", "/bans", { site: "demo", kind: "name", value: "x" }],
  ["DELETE", "/bans?site=demo&kind=name&value=x"],
  ["GET", "/nonexistent-owner-route"],
];

describe("owner routes need the admin token", () => {
  it.each(OWNER_ROUTES)("%s %s", async (method, path, json) => {
    for (const token of [null, "", "wrong-token", "test-admin-token-but-longer", "TEST-ADMIN-TOKEN"]) {
      const res = await admin(path, { method, json, token });
      expect(res.status, `token ${JSON.stringify(token)}`).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "admin_token_required" } });
    }
    const settings = await admin("/sites/demo");
    expect(((await settings.json()) as { moderation: string }).moderation).toBe("none");
  });

  it("the right token gets through", async () => {
    const res = await admin("/sites/demo");
    expect(res.status).toBe(200);
  });
});

describe("a worker with no admin token configured", () => {
  it("refuses every owner request, even one sending an empty token", async () => {
    const { env } = await import("cloudflare:workers");
    const { default: app } = await import("../../worker/index.ts");
    for (const authorization of ["Bearer ", "Bearer undefined", "Bearer null"]) {
      const res = await app.fetch(new Request("http://localhost/api/v1/admin/sites", { headers: { authorization } }), {
        ...env,
        ADMIN_TOKEN: "",
      });
      expect(res.status).toBe(401);
    }
  });
});
