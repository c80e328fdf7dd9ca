import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { onError } from "../../worker/http/errors.ts";
import { postJson } from "./helpers.ts";

// Errors log one structured line for Workers Logs (issue 14): the route pattern, the status,
// the code and the request id, and never what the reader wrote, their e-mail or their IP.

function logged(spy: { mock: { calls: unknown[][] } }): Array<Record<string, unknown>> {
  return spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe("error logs", () => {
  it("a refused comment logs its route, status, code and request id, and nothing the reader sent", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const secret = "my very private words";
    const res = await postJson(
      "/api/v1/comments",
      { site: "no-such-site", page: "/p", body: secret, author: { email: "reader@mail.example" } },
      { headers: { "cf-ray": "8f00ba11-CDG", "cf-connecting-ip": "203.0.113.9" } },
    );
    expect(res.status).toBe(404);
    const lines = logged(warn);
    expect(lines).toEqual([
      { level: "warn", requestId: "8f00ba11-CDG", method: "POST", route: "/api/v1/comments", status: 404, code: "site_not_found" },
    ]);
    const text = JSON.stringify(lines);
    for (const personal of [secret, "reader@mail.example", "203.0.113.9"]) expect(text).not.toContain(personal);
  });

  it("an unexpected error logs its name and stack frames without its message, and answers the request id", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const app = new Hono().post("/api/v1/things/:id", () => {
      throw new TypeError("cannot read 'reader@mail.example' of my very private words");
    });
    app.onError(onError);
    const res = await app.request("/api/v1/things/abc123", { method: "POST" });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    const [line] = logged(error);
    expect(line).toMatchObject({ level: "error", method: "POST", route: "/api/v1/things/:id", status: 500, code: "internal_error" });
    expect(line?.requestId).toBe(body.error.requestId);
    const { name, frames } = (line?.error ?? {}) as { name?: string; frames?: string[] };
    expect(name).toBe("TypeError");
    expect(frames?.length).toBeGreaterThan(0);
    expect(JSON.stringify(line)).not.toMatch(/private|reader@|abc123/);
  });
});
