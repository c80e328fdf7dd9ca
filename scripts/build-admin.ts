// Bundles the owner's page (admin/) into public/admin.js and public/admin.css, and prints
// their size. A bundle of its own: none of it ever ships inside embed.js (issue 4).
// Run with `node scripts/build-admin.ts` (Node strips the types: erasable syntax only).
// No budget: only site owners load it, but the size is printed so growth is seen.

import { build } from "esbuild";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));

export interface AdminFile {
  /** public/admin.js or public/admin.css */
  name: string;
  text: string;
  bytes: number;
  gzipBytes: number;
}

/** Builds admin.js and admin.css; `write: false` only returns them (tests must not touch public/). */
export async function buildAdmin(options: { write?: boolean } = {}): Promise<AdminFile[]> {
  const write = options.write ?? true;
  const result = await build({
    absWorkingDir: root,
    // The stylesheet is an entry of its own: the CSP allows /admin.css, never a <style> a script adds.
    entryPoints: [
      { in: "admin/main.tsx", out: "admin" },
      { in: "admin/styles.css", out: "admin" },
    ],
    outdir: "public",
    tsconfig: "admin/tsconfig.json",
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["es2022", "chrome100", "firefox100", "safari15"],
    minify: true,
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  if (result.outputFiles.length !== 2)
    throw new Error(`esbuild produced ${result.outputFiles.length} files, expected admin.js and admin.css`);
  if (write) await mkdir(resolve(root, "public"), { recursive: true });
  const files: AdminFile[] = [];
  for (const file of result.outputFiles) {
    if (write) await writeFile(file.path, file.contents);
    files.push({
      name: `public/${basename(file.path)}`,
      text: file.text,
      bytes: file.contents.byteLength,
      gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength,
    });
  }
  return files;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const { name, bytes, gzipBytes } of await buildAdmin()) {
    console.log(`${name}: ${kb(bytes)} raw, ${kb(gzipBytes)} gzip (${gzipBytes} bytes)`);
  }
}
