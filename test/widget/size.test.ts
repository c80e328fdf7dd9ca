// @vitest-environment node
// esbuild refuses to run inside a DOM environment (its TextEncoder check), hence node here.

import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { BUDGET_GZIP_BYTES, buildWidget, partsHash } from "../../scripts/build-widget.ts";

test("embed.js, JS and CSS together, stays within 12 KB gzip", async () => {
  const { code } = await buildWidget({ write: false });
  const gzip = gzipSync(code, { level: 9 }).byteLength;
  console.log(`embed.js: ${gzip} bytes gzip (budget ${BUDGET_GZIP_BYTES})`);
  expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  // The styles are inside the bundle, minified, starting with the host reset.
  expect(code).toContain(":host{display:block}.bascule-root{all:initial;display:block;font-family:inherit;font-size:inherit;");
  // One IIFE, no module syntax, no cookies.
  expect(code).not.toMatch(/\bimport\s*[({"']|\bexport\s*\{/);
  expect(code).not.toContain("document.cookie");
}, 30_000);

test("the parts loaded later are plain scripts too, named by their content, and use embed.js's Preact rather than a copy", async () => {
  const { code, parts } = await buildWidget({ write: false });
  expect(Object.keys(parts)).toEqual(expect.arrayContaining(["extra", "fr", "de", "pl", "ru", "ja", "ar"]));
  const hash = partsHash(Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part.code])));
  // embed.js asks for `embed-<name>.<hash>.js` (PARTS_HASH in widget/parts.ts).
  expect(code).toContain(`.${hash}.js`);
  for (const [name, part] of Object.entries(parts)) {
    console.log(`embed-${name}: ${part.gzipBytes} bytes gzip`);
    expect(part.path, name).toMatch(/[/\\]public[/\\]embed-[a-z]+\.[0-9a-f]{8}\.js$/);
    expect(basename(part.path), name).toBe(`embed-${name}.${hash}.js`);
    expect(part.code, name).not.toMatch(/\bimport\s*[({"']|\bexport\s*\{/);
    expect(part.code, name).toContain("window.__basculeShared");
    expect(part.code, name).toContain(`"${name}"`); // definePart("<name>", …)
    // Preact's vnodes carry mangled `__k` fields: a bundled Preact would show them.
    expect(part.code, name).not.toContain("__k");
    expect(part.gzipBytes, name).toBeLessThan(4 * 1024);
  }
}, 30_000);

test("the parts' hash changes with any part's content, and only with it", () => {
  const hash = partsHash({ extra: "a", fr: "b" });
  expect(hash).toMatch(/^[0-9a-f]{8}$/);
  expect(partsHash({ extra: "a", fr: "b" })).toBe(hash);
  expect(partsHash({ extra: "a", fr: "c" })).not.toBe(hash);
  expect(partsHash({ extra: "ab", fr: "" })).not.toBe(hash);
});

test("a build leaves only its own parts beside embed.js: earlier builds' parts go, other files stay", async () => {
  const dir = await mkdtemp(join(tmpdir(), "bascule-widget-"));
  try {
    for (const stale of ["embed-extra.js", "embed-fr.js", "embed-extra.00000000.js", "embed-fr.00000000.js"])
      await writeFile(join(dir, stale), "");
    await writeFile(join(dir, "index.html"), "");
    await writeFile(join(dir, "admin.js"), "");
    const { parts } = await buildWidget({ dir });
    const expected = ["admin.js", "embed.js", "index.html", ...Object.values(parts).map((part) => basename(part.path))];
    expect((await readdir(dir)).sort()).toEqual(expected.sort());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 30_000);

test("the one other host any file names is Cloudflare Turnstile's script (besides the XML namespaces in Preact)", async () => {
  const { code, parts } = await buildWidget({ write: false });
  const hosts = new Set<string>();
  for (const text of [code, ...Object.values(parts).map((part) => part.code)]) {
    for (const [url] of text.matchAll(/https?:\/\/[^\s"'`)]+/g)) hosts.add(new URL(url).host);
  }
  expect([...hosts].sort()).toEqual(["challenges.cloudflare.com", "www.w3.org"]);
  expect(parts.extra?.code).toContain("https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit");
  expect(code).not.toContain("challenges.cloudflare.com");
}, 30_000);
