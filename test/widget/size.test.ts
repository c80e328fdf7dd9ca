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
