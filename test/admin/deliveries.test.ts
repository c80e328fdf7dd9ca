// The admin page's side of issue 11, "Delivery, with proof": the Deliveries view (the log,
// paged with "Load more"), and in the settings the warning when mail isn't configured and
// "Send a test e-mail", whose result is read back from the log. Fetch is stubbed; the real
// routes are tested in test/worker/deliveries.test.ts.

import { h, render } from "preact";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { AdminDelivery, MailHealth } from "../../worker/api-types.ts";
import { createAdminApi } from "../../admin/api.ts";
import { Deliveries } from "../../admin/components/deliveries.tsx";
import { MailPanel } from "../../admin/components/mail-panel.tsx";
import { createI18n } from "../../admin/i18n/index.ts";
import { en } from "../../admin/i18n/en.ts";
import { fr } from "../../admin/i18n/fr.ts";

const mounted: HTMLElement[] = [];

afterEach(() => {
  for (const root of mounted.splice(0)) render(null, root);
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

interface Call {
  method: string;
  url: string;
  headers: Headers;
}

function stubFetch(answer: (call: Call) => Response | Promise<Response>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { method: init.method ?? "GET", url, headers: new Headers(init.headers) };
      calls.push(call);
      return answer(call);
    }),
  );
  return calls;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, " ").trim() ?? "";

function buttonNamed(root: HTMLElement, name: string): HTMLButtonElement {
  const button = Array.from(root.querySelectorAll("button")).find((b) => text(b) === name);
  if (!button) throw new Error(`no button named ${name}`);
  return button;
}

function mount(node: Parameters<typeof render>[0]): HTMLElement {
  const root = document.createElement("div");
  document.body.append(root);
  mounted.push(root);
  render(node, root);
  return root;
}

let sequence = 0;
function delivery(fields: Partial<AdminDelivery> = {}): AdminDelivery {
  sequence += 1;
  return {
    id: `d${sequence}`,
    kind: "reader.reply",
    channel: "email",
    to: `reader${sequence}@mail.example`,
    status: "sent",
    attempts: 1,
    lastError: null,
    createdAt: "2026-12-02T10:00:00.000Z",
    sentAt: "2026-12-02T10:00:02.000Z",
    ...fields,
  };
}

describe("the Deliveries view", () => {
  test("shows the log as a table, and Load more asks for the next page with the cursor", async () => {
    const first = [
      delivery({ kind: "owner.comment", to: "owner@blog.example", channel: "postmark" }),
      delivery({ status: "failed", attempts: 5, lastError: "Postmark 422 ErrorCode 406: inactive recipient", sentAt: null }),
    ];
    const second = [
      delivery({ kind: "webhook", channel: "webhook", to: "https://hooks.slack.com/…xyz9", status: "queued", attempts: 2, sentAt: null }),
    ];
    const calls = stubFetch((call) =>
      call.url.includes("cursor=") ? json({ deliveries: second, nextCursor: null }) : json({ deliveries: first, nextCursor: "CUR" }),
    );
    const root = mount(h(Deliveries, { api: createAdminApi("s3cret"), i18n: createI18n("en"), site: "blog" }));
    await vi.waitFor(() => expect(root.querySelectorAll("tbody tr")).toHaveLength(2));
    expect(calls[0]?.url).toBe("/api/v1/admin/deliveries?site=blog");
    expect(calls[0]?.headers.get("authorization")).toBe("Bearer s3cret");
    expect(Array.from(root.querySelectorAll("thead th")).map(text)).toEqual([
      "When",
      "What",
      "To",
      "Channel",
      "Status",
      "Attempts",
      "Last error",
    ]);
    const cells = (row: number) => Array.from(root.querySelectorAll(`tbody tr:nth-child(${row}) td`)).map(text);
    expect(cells(1).slice(1)).toEqual(["New comment", "owner@blog.example", "Postmark", "Sent", "1", ""]);
    expect(cells(2).slice(1)).toEqual([
      "Reply to a reader",
      first[1]?.to,
      "Email Service",
      "Failed",
      "5",
      "Postmark 422 ErrorCode 406: inactive recipient",
    ]);

    buttonNamed(root, "Load more").click();
    await vi.waitFor(() => expect(root.querySelectorAll("tbody tr")).toHaveLength(3));
    expect(calls[1]?.url).toBe("/api/v1/admin/deliveries?site=blog&cursor=CUR");
    expect(cells(3).slice(1)).toEqual(["Webhook", "https://hooks.slack.com/…xyz9", "Webhook", "Queued", "2", ""]);
    // The last page: no more button.
    expect(Array.from(root.querySelectorAll("button")).map(text)).not.toContain("Load more");
  });

  test("an empty log says so; a kind added later shows as itself; French labels", async () => {
    stubFetch(() => json({ deliveries: [], nextCursor: null }));
    const root = mount(h(Deliveries, { api: createAdminApi("t"), i18n: createI18n("fr"), site: "blog" }));
    await vi.waitFor(() => expect(text(root.querySelector(".empty"))).toBe("Rien n’a encore été envoyé."));
    expect(text(root.querySelector("h2"))).toBe("Envois");

    vi.unstubAllGlobals();
    stubFetch(() => json({ deliveries: [delivery({ kind: "owner.something-new", status: "suppressed" })], nextCursor: null }));
    const other = mount(h(Deliveries, { api: createAdminApi("t"), i18n: createI18n("fr"), site: "blog" }));
    await vi.waitFor(() => expect(other.querySelectorAll("tbody tr")).toHaveLength(1));
    const cells = Array.from(other.querySelectorAll("tbody td")).map(text);
    expect(cells[1]).toBe("owner.something-new");
    expect(cells[4]).toBe("Adresse bloquée");
  });
});

describe("the settings' mail panel", () => {
  function routes(health: MailHealth, log: () => AdminDelivery[], testAnswer?: () => Response) {
    return stubFetch((call) => {
      if (call.url === "/api/v1/health") return json({ ok: true, writes: "accepted", problems: [], mail: health });
      if (call.url.endsWith("/test-mail")) {
        if (testAnswer) return testAnswer();
        const queued = log().map((line) => ({ ...line, status: "queued" as const, attempts: 0, sentAt: null }));
        return json({ delivery: queued[0], deliveries: queued }, 202);
      }
      if (call.url.startsWith("/api/v1/admin/deliveries")) return json({ deliveries: log(), nextCursor: null });
      return json({ error: { code: "not_found", message: "no" } }, 404);
    });
  }

  test("warns clearly when mail isn't configured, naming what to set", async () => {
    routes(
      { configured: false, transport: null, problem: "Set MAIL_FROM to the sender address, e.g. comments@your-domain.example." },
      () => [],
    );
    const root = mount(h(MailPanel, { api: createAdminApi("t"), i18n: createI18n("en"), site: "blog", notify: () => {} }));
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')).not.toBeNull());
    const warning = text(root.querySelector('[role="alert"]'));
    expect(warning).toContain("Mail is not configured");
    expect(warning).toContain("Set MAIL_FROM to the sender address");
    expect(warning).toContain("MAIL_PROVIDER");
  });

  test("says which transport is in use when it is, with no warning", async () => {
    routes({ configured: true, transport: "resend" }, () => []);
    const root = mount(h(MailPanel, { api: createAdminApi("t"), i18n: createI18n("en"), site: "blog", notify: () => {} }));
    await vi.waitFor(() => expect(text(root)).toContain("Mail leaves through Resend"));
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  test("Send a test e-mail queues it, then reads the log until it has left the queue, and shows how it went", async () => {
    let reads = 0;
    const lines = [
      delivery({ kind: "test", to: "owner@blog.example" }),
      delivery({ kind: "test", to: "second@blog.example", status: "failed", lastError: "Resend 403 invalid_api_key: API key is invalid" }),
    ];
    // The first read of the log still finds them queued; the second, settled.
    const calls = routes({ configured: true, transport: "email" }, () => {
      reads += 1;
      return reads <= 1 ? lines.map((line) => ({ ...line, status: "queued" as const })) : lines;
    });
    const toasts: string[] = [];
    const root = mount(
      h(MailPanel, {
        api: createAdminApi("t"),
        i18n: createI18n("en"),
        site: "blog",
        notify: (message) => toasts.push(message),
        pollMs: 1,
      }),
    );
    await vi.waitFor(() => expect(text(root)).toContain("Email Service"));
    reads = -1; // the 202's own lines don't count as a read of the log
    buttonNamed(root, "Send a test e-mail").click();
    await vi.waitFor(() => expect(text(root.querySelector(".mail-results"))).toContain("owner@blog.example: Sent"));
    expect(calls.find((call) => call.url.endsWith("/test-mail"))).toMatchObject({
      method: "POST",
      url: "/api/v1/admin/sites/blog/test-mail",
    });
    expect(toasts).toEqual(["Test e-mail queued to 2 addresses."]);
    const results = text(root.querySelector(".mail-results"));
    expect(results).toContain("second@blog.example: Failed — Resend 403 invalid_api_key: API key is invalid");
    // It stopped reading once both had left the queue: one read found them queued, the next settled.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.filter((call) => call.url.startsWith("/api/v1/admin/deliveries"))).toHaveLength(2);
    expect(buttonNamed(root, "Send a test e-mail").disabled).toBe(false);
  });

  test("with no owner e-mail, the API's message is shown", async () => {
    routes(
      { configured: true, transport: "email" },
      () => [],
      () =>
        json(
          {
            error: {
              code: "owner_email_missing",
              message: "The site has no owner e-mail: add one to ownerEmails in its settings first.",
              field: "ownerEmails",
            },
          },
          409,
        ),
    );
    const toasts: Array<{ message: string; error?: boolean }> = [];
    const root = mount(
      h(MailPanel, {
        api: createAdminApi("t"),
        i18n: createI18n("en"),
        site: "blog",
        notify: (message, options) => toasts.push({ message, error: options?.error }),
      }),
    );
    buttonNamed(root, "Send a test e-mail").click();
    await vi.waitFor(() => expect(toasts).toHaveLength(1));
    expect(toasts[0]).toEqual({ message: "The site has no owner e-mail: add one to ownerEmails in its settings first.", error: true });
  });
});

test("every delivery kind and status the worker writes has a label in both languages", () => {
  const kinds = [
    "owner.comment",
    "owner.digest",
    "reader.confirm",
    "reader.reply",
    "reader.approved",
    "reader.gathered",
    "test",
    "webhook",
  ];
  const statuses = ["queued", "sent", "failed", "suppressed"];
  for (const catalogue of [en, fr]) {
    for (const kind of kinds) expect(catalogue).toHaveProperty([`deliveries.kind.${kind}`]);
    for (const status of statuses) expect(catalogue).toHaveProperty([`deliveries.status.${status}`]);
  }
});
