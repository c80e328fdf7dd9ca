// axe-core in real Chromium: the widget's shadow root has no WCAG 2.1 A/AA violation (and
// passes WCAG 2.2's target-size rule) on a light host page and on a dark one, with a thread that
// holds a reply, the owner's answer (the "Auteur" badge), the reader's own comment held for
// moderation (its badge, Edit and Delete), the sort menu and an open reply form.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { NewCommentResponse } from "../../worker/api-types.ts";
import { postComment, uniquePage, updateSite } from "./harness/api.ts";
import { skipE2E } from "./harness/skip.ts";
import { appears, ui, useWidgetE2E } from "./widget-page.ts";

const { e2e, newBrowserContext, hostPage, expectCleanRun } = useWidgetE2E();

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** A thread with a reply, the owner's answer and a held comment of the reader's own (its edit token). */
async function threadFor(key: string, origin: string): Promise<{ held: NewCommentResponse }> {
  const worker = e2e.worker;
  const first = await postComment(
    worker,
    origin,
    { page: key, author: { name: "Lin" }, body: "Un premier avis, avec un [lien](http://127.0.0.1/docs)." },
    { ip: "203.0.113.1" },
  );
  await postComment(
    worker,
    origin,
    { page: key, parentId: first.id, author: { name: "Sam" }, body: "> Un premier avis\n\nJe réponds." },
    { ip: "203.0.113.2" },
  );
  const reply = await fetch(`${worker.url}/api/v1/admin/comments/${first.id}/reply`, {
    method: "POST",
    headers: { authorization: `Bearer ${worker.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ body: "Merci, l'autrice répond." }),
  });
  expect(reply.status, await reply.clone().text()).toBe(201);
  // Held for moderation: only its author (who holds the token) sees it.
  await updateSite(worker, "demo", { moderation: "all" });
  try {
    const thread = (await (await fetch(`${worker.url}/api/v1/threads?site=demo&page=${encodeURIComponent(key)}&limit=1`)).json()) as {
      form: { token: string };
    };
    const response = await fetch(`${worker.url}/api/v1/comments`, {
      method: "POST",
      headers: { origin, "content-type": "application/json", "cf-connecting-ip": "203.0.113.3" },
      body: JSON.stringify({ site: "demo", page: key, formToken: thread.form.token, author: { name: "Moi" }, body: "En attente." }),
    });
    expect(response.status).toBe(202);
    return { held: (await response.json()) as NewCommentResponse };
  } finally {
    await updateSite(worker, "demo", { moderation: "none" });
  }
}

/** axe on the widget's host element (its open shadow root included), WCAG 2.0/2.1 A and AA, then target-size. */
async function axeViolations(page: Page): Promise<{ violations: Violation[]; inShadow: number }> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[]; passes: Violation[] }> } }
    ).axe;
    // Everything inside the shadow root (axe's shadow DOM selector: host, then inside).
    const context = { include: [{ fromShadowDom: ["#bascule-comments", ".bascule-root"] }] };
    const wcag = await axe.run(context, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    const size = await axe.run(context, { runOnly: { type: "rule", values: ["target-size"] } });
    // A node in a shadow root has a target of two selectors: the host, then inside its shadow root.
    const inShadow = [...wcag.passes, ...size.passes]
      .flatMap((rule) => rule.nodes)
      .filter((node) => JSON.stringify(node.target).includes("bascule-comments")).length;
    return { violations: [...wcag.violations, ...size.violations], inShadow };
  });
}

function describeViolations(violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)}\n    ${n.failureSummary?.replace(/\n/g, "\n    ")}`).join("\n")}`,
    )
    .join("\n");
}

describe.skipIf(skipE2E)("end to end: widget + API in Chromium", () => {
  describe("axe-core finds no WCAG 2.1 A/AA or target-size violation in the widget", () => {
    for (const [name, head, theme] of [
      ["a light page", "", "light"],
      ["a dark page (#111)", "<style>body { background: #111; color: #e8e8e8; } a { color: #9ecbff; }</style>", "dark"],
    ] as const) {
      it(`on ${name}`, async () => {
        const key = uniquePage(`a11y-${theme}`);
        const host = await hostPage({ page: key, themed: false, head });
        const { held } = await threadFor(key, host.origin);
        const { context, activity } = await newBrowserContext();
        // The reader holds the held comment's edit token, as after posting it.
        await context.addInitScript(
          // Every document of the context runs it: only the host page's has storage to write.
          ([id, token, until]) =>
            location.protocol === "http:" &&
            localStorage.setItem("bascule:tokens", JSON.stringify({ [id]: { token, until, body: "En attente." } })),
          [held.comment.id, held.editToken, held.editableUntil] as const,
        );
        const page = await context.newPage();
        await page.goto(host.url);
        const widget = ui.widget(page);
        await appears(ui.comments(widget).nth(3), "the fourth comment", activity);
        await appears(widget.getByText(/attente de modération|awaiting/i).first(), "the held comment's badge", activity);
        await appears(widget.getByRole("button", { name: /modifier/i }), "the held comment's Edit button", activity);
        await ui.replyButton(ui.comments(widget).first()).click();
        await appears(ui.forms(widget).nth(1), "the reply form", activity);
        expect(await widget.evaluate((element) => element.shadowRoot?.querySelector(".bascule-root")?.getAttribute("data-theme"))).toBe(
          theme,
        );

        const { violations, inShadow } = await axeViolations(page);
        expect(violations, `axe violations on ${name}:\n${describeViolations(violations)}`).toEqual([]);
        // Not a vacuous pass: axe did check nodes inside the shadow root.
        expect(inShadow).toBeGreaterThan(20);
        expectCleanRun(activity);
      });
    }
  });
});
