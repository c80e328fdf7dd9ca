// @vitest-environment node
// esbuild refuses to run inside a DOM environment (its TextEncoder check), hence node here.

import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";
import { buildWidget } from "../../scripts/build-widget.ts";

test("embed.js, JS and CSS together, stays within 12 KB gzip", async () => {
  const { code } = await buildWidget({ write: false });
  const gzip = gzipSync(code, { level: 9 }).byteLength;
  expect(gzip).toBeLessThanOrEqual(12 * 1024);
  // The styles are inside the bundle, minified, starting with the host reset.
  expect(code).toContain(":host{all:initial;display:block;font-family:inherit;color:inherit;font-size:inherit;line-height:1.5}");
  // One IIFE, no module syntax, no cookies.
  expect(code).not.toMatch(/\bimport\s*[({"']|\bexport\s*\{/);
  expect(code).not.toContain("document.cookie");
}, 30_000);

test("the parts loaded later are plain scripts too, and use embed.js's Preact rather than a copy", async () => {
  const { parts } = await buildWidget({ write: false });
  expect(Object.keys(parts).sort()).toEqual(["extra", "fr"]);
  for (const [name, part] of Object.entries(parts)) {
    expect(part.path, name).toMatch(new RegExp(`public/embed-${name}\\.js$`));
    expect(part.code, name).not.toMatch(/\bimport\s*[({"']|\bexport\s*\{/);
    expect(part.code, name).toContain("window.__basculeShared");
    expect(part.code, name).toContain(`"${name}"`); // definePart("<name>", …)
    // Preact's vnodes carry mangled `__k` fields: a bundled Preact would show them.
    expect(part.code, name).not.toContain("__k");
    expect(part.gzipBytes, name).toBeLessThan(4 * 1024);
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
