// The admin page's "Import and export" section (issue 6) in a DOM, with fetch stubbed: the format
// guess, what goes over the wire, and how the answers read. The real routes run end to end in
// test/e2e/admin.test.ts.

import { readFileSync } from "node:fs";
import { h, render } from "preact";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createAdminApi, type ImportAnswer } from "../../admin/api.ts";
import { TransferSection } from "../../admin/components/transfer-section.tsx";
import { createI18n } from "../../admin/i18n/index.ts";
import { exportFileName, guessFormat } from "../../admin/transfer-files.ts";

/** From the repository's root, where vitest runs: ../shared beside it. */
const FIXTURES = "../shared/fixtures/";
const fixture = (file: string) => readFileSync(FIXTURES + file, "utf8");

const mounted: HTMLElement[] = [];

afterEach(() => {
  for (const root of mounted.splice(0)) render(null, root);
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe("the import's format guess", () => {
  test("knows each format's real exports by their first bytes, whatever the file is called", () => {
    const head = (text: string) => text.slice(0, 16 * 1024);
    expect(guessFormat("export.xml", head(fixture("isso/wordpress.xml")))).toBe("wxr");
    expect(guessFormat("export.xml", head(fixture("wordpress/themeunittestdata.wordpress.xml")))).toBe("wxr");
    expect(guessFormat("export.xml", head(fixture("isso/disqus.xml")))).toBe("disqus");
    expect(guessFormat("comments.json", head(fixture("isso/generic.json")))).toBe("isso");
    const bascule = JSON.stringify({ format: "bascule", version: 1, site: {}, threads: [] }, null, 2);
    expect(guessFormat("backup.json", `\ufeff${bascule}`)).toBe("bascule");
  });

  test("falls back on the file's name, and says nothing rather than guess wrong", () => {
    expect(guessFormat("disqus-export.xml", "")).toBe("disqus");
    expect(guessFormat("blog.WordPress.2024-01-01.xml", "<?xml version")).toBe("wxr");
    expect(guessFormat("isso.json", "")).toBe("isso");
    expect(guessFormat("feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel>')).toBeNull();
    expect(guessFormat("data.json", '{"comments": []}')).toBeNull();
    expect(guessFormat("notes.txt", "hello")).toBeNull();
  });
});

describe("the export's file name", () => {
  test("is the worker's when it gives one, else made the same way", () => {
    expect(exportFileName("blog", "bascule", 'attachment; filename="bascule-blog-2026-11-26.json"')).toBe("bascule-blog-2026-11-26.json");
    expect(exportFileName("blog", "wxr", null, new Date("2026-03-04T23:00:00Z"))).toBe("bascule-blog-2026-03-04.xml");
    expect(exportFileName("blog", "bascule", 'attachment; filename="../../etc/passwd"', new Date("2026-03-04T00:00:00Z"))).toBe(
      "bascule-blog-2026-03-04.json",
    );
  });

  test("sizes read as each language writes them", () => {
    expect(createI18n("en").size(3 * 1024 * 1024 + 400 * 1024)).toBe("3.4 MB");
    // A no-break space before the unit, narrow or not depending on the ICU version.
    expect(createI18n("fr").size(3 * 1024 * 1024 + 400 * 1024)).toMatch(/^3,4[\u00a0\u202f]Mo$/);
    expect(createI18n("en").size(12)).toBe("12 bytes");
  });
});

// ---------------------------------------------------------------------------------------------

interface Call {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

/** Stubs fetch with `answer`; every call is kept. */
function stubFetch(answer: (call: Call) => Response | Promise<Response>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { method: init.method ?? "GET", url, headers: new Headers(init.headers), body: init.body };
      calls.push(call);
      return answer(call);
    }),
  );
  return calls;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function renderSection(lang = "en"): HTMLElement {
  const root = document.createElement("div");
  document.body.append(root);
  mounted.push(root);
  render(h(TransferSection, { api: createAdminApi("s3cret"), i18n: createI18n(lang), site: "blog" }), root);
  return root;
}

function pickFile(root: HTMLElement, file: File): void {
  const input = root.querySelector<HTMLInputElement>("#import-file")!;
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, " ").trim() ?? "";

function buttonNamed(root: HTMLElement, name: string): HTMLButtonElement {
  const button = Array.from(root.querySelectorAll("button")).find((b) => text(b) === name);
  if (!button) throw new Error(`no button named ${name}`);
  return button;
}

describe("the section, rendered", () => {
  test("a picked file's format is preselected; the file goes as the body; progress, then the counts and problems", async () => {
    let answer!: (response: Response) => void;
    const calls = stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const root = renderSection();
    const disqus = fixture("isso/disqus.xml");
    // Named like nothing: the content says Disqus.
    const file = new File([disqus], "export-2024.xml", { type: "text/xml" });
    pickFile(root, file);
    const select = root.querySelector<HTMLSelectElement>("#import-format")!;
    await vi.waitFor(() => expect(select.value).toBe("disqus"));
    expect(select.labels?.[0]?.textContent).toBe("Format");
    expect(text(root.querySelector(`#${select.getAttribute("aria-describedby")}`))).toMatch(/guessed from the file/i);

    buttonNamed(root, "Import").click();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const [call] = calls;
    expect(call).toMatchObject({ method: "POST", url: "/api/v1/admin/import?site=blog&format=disqus", body: file });
    expect(call?.headers.get("content-type")).toBe("application/xml");
    expect(call?.headers.get("authorization")).toBe("Bearer s3cret");
    const status = root.querySelector("#import-title")!.closest("section")!.querySelector('[role="status"]')!;
    await vi.waitFor(() => expect(text(status)).toBe(`Importing “export-2024.xml” (${createI18n("en").size(file.size)})…`));
    expect(status.querySelector("progress")).not.toBeNull();
    expect(buttonNamed(root, "Import").disabled).toBe(true);

    const result: ImportAnswer = {
      threads: 1,
      comments: 5,
      existing: 0,
      skipped: 1,
      problems: [
        {
          code: "thread_missing",
          message: "Post 6 is on thread 7, which the file doesn't have: it is skipped.",
          line: 84,
          source: "disqus:6",
        },
      ],
    };
    answer(json(result));
    await vi.waitFor(() => expect(text(status)).toBe("“export-2024.xml” imported into blog."));
    const counts = Array.from(root.querySelectorAll(".counts div"), (row) => [
      text(row.querySelector("dt")),
      text(row.querySelector("dd")),
    ]);
    expect(counts).toEqual([
      ["Threads created", "1"],
      ["Comments created", "5"],
      ["Already there", "0"],
      ["Skipped", "1"],
    ]);
    expect(text(root.querySelector("#import-problems"))).toBe("1 problem");
    expect(Array.from(root.querySelectorAll(".problems li"), text)).toEqual([
      "thread_missing Post 6 is on thread 7, which the file doesn't have: it is skipped. (line 84)",
    ]);
  });

  test("a refused file shows the worker's message, which names the format the file looks like", async () => {
    const message = "This file looks like an Isso JSON export, not a Bascule export. Import it with format=isso.";
    stubFetch(() => json({ error: { code: "wrong_format", message } }, 400));
    const root = renderSection();
    pickFile(root, new File(["<not>json"], "mystery.dat"));
    const select = root.querySelector<HTMLSelectElement>("#import-format")!;
    await vi.waitFor(() => expect(text(root.querySelector("#import-format-hint"))).toMatch(/could not be guessed/i));
    select.value = "bascule";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    buttonNamed(root, "Import").click();
    await vi.waitFor(() => expect(text(root.querySelector('[role="alert"]'))).toBe(message));
    expect(root.querySelector(".counts")).toBeNull();
  });

  test("Import with no file asks for one and sends nothing", async () => {
    const calls = stubFetch(() => json({}));
    const root = renderSection("fr");
    buttonNamed(root, "Importer").click();
    await vi.waitFor(() => expect(text(root.querySelector("#import-file-error"))).toBe("Choisissez le fichier d’export à importer."));
    expect(root.querySelector("#import-file")?.getAttribute("aria-invalid")).toBe("true");
    expect(calls).toEqual([]);
  });

  test("an export is fetched with the token and saved through a blob: URL and <a download>, the token in no URL", async () => {
    const exported = { format: "bascule", version: 1, threads: [] };
    const calls = stubFetch(() => json(exported, 200, { "content-disposition": 'attachment; filename="bascule-blog-2026-11-26.json"' }));
    const created: Blob[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      created.push(blob as Blob);
      return "blob:http://localhost/1234";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
    const clicked: Array<{ href: string; download: string; inDocument: boolean }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: this.isConnected });
    });
    const root = renderSection();
    buttonNamed(root, "Bascule JSON").click();
    await vi.waitFor(() => expect(clicked).toHaveLength(1));
    expect(calls.map((call) => [call.method, call.url, call.headers.get("authorization")])).toEqual([
      ["GET", "/api/v1/admin/export?site=blog&format=bascule", "Bearer s3cret"],
    ]);
    expect(clicked).toEqual([{ href: "blob:http://localhost/1234", download: "bascule-blog-2026-11-26.json", inDocument: true }]);
    expect(JSON.parse(await created[0]!.text())).toEqual(exported);
    expect(root.querySelector("a[download]"), "the temporary link is gone").toBeNull();
    const status = root.querySelector("#export-title")!.closest("section")!.querySelector('[role="status"]');
    await vi.waitFor(() => expect(text(status)).toBe("Downloaded “bascule-blog-2026-11-26.json”."));
  });

  test("moving a thread and rewriting a prefix send JSON and list what moved", async () => {
    const calls = stubFetch((call) =>
      call.url.endsWith("/move")
        ? json({ moved: [{ from: "http://old.example/a", to: "https://new.example/a", merged: true }] })
        : json({ moved: [] }),
    );
    const root = renderSection();
    const fill = (id: string, value: string) => {
      const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
    };
    fill("move-from", " http://old.example/a ");
    fill("move-to", "https://new.example/a");
    buttonNamed(root, "Move").click();
    const moveSection = root.querySelector("#move-title")!.closest("section")!;
    await vi.waitFor(() => expect(text(moveSection.querySelector('[role="status"]'))).toBe("1 thread moved."));
    expect(Array.from(moveSection.querySelectorAll(".moves li"), text)).toEqual(["http://old.example/a → https://new.example/a merged"]);

    fill("rewrite-from", "http://nowhere.example/");
    buttonNamed(root, "Rewrite").click();
    const rewriteSection = root.querySelector("#rewrite-title")!.closest("section")!;
    await vi.waitFor(() => expect(text(rewriteSection.querySelector('[role="status"]'))).toBe("No thread matched: nothing moved."));

    expect(calls.map((call) => [call.url, call.headers.get("content-type"), JSON.parse(String(call.body))])).toEqual([
      ["/api/v1/admin/threads/move", "application/json", { site: "blog", from: "http://old.example/a", to: "https://new.example/a" }],
      ["/api/v1/admin/threads/rewrite", "application/json", { site: "blog", prefixFrom: "http://nowhere.example/", prefixTo: "" }],
    ]);
  });

  test("a move or rewrite with only spaces in a required field says to fill it in, and sends nothing", async () => {
    const calls = stubFetch(() => json({ moved: [] }));
    const root = renderSection();
    const fill = (id: string, value: string) => (root.querySelector<HTMLInputElement>(`#${id}`)!.value = value);
    fill("move-from", "   ");
    fill("move-to", "https://new.example/a");
    buttonNamed(root, "Move").click();
    const moveSection = root.querySelector("#move-title")!.closest("section")!;
    await vi.waitFor(() => expect(text(moveSection.querySelector('[role="alert"]'))).toBe("Fill in the required fields."));

    fill("rewrite-from", " ");
    buttonNamed(root, "Rewrite").click();
    const rewriteSection = root.querySelector("#rewrite-title")!.closest("section")!;
    await vi.waitFor(() => expect(text(rewriteSection.querySelector('[role="alert"]'))).toBe("Fill in the required fields."));
    expect(calls).toEqual([]);
  });
});
