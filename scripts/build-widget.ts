// Bundles the widget into public/embed.js, the one file sites load, and prints its size.
// Run with `node scripts/build-widget.ts` (Node strips the types: erasable syntax only).
// The budget is 12 KB gzip for JS and CSS together; test/widget/size.test.ts enforces it.

import { build, transform, type Plugin } from "esbuild";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));

export const BUDGET_GZIP_BYTES = 12 * 1024;

export interface WidgetBuild {
  code: string;
  bytes: number;
  gzipBytes: number;
}

/** CSS is imported as text (the shadow root takes a string); minify that text first. */
const minifiedCss: Plugin = {
  name: "minified-css",
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const css = await transform(await readFile(path, "utf8"), { loader: "css", minify: true, target: ["chrome90", "firefox90", "safari14"] });
      return { contents: css.code.trim(), loader: "text" };
    });
  },
};

/** Builds embed.js; `write: false` only returns it (tests must not touch public/). */
export async function buildWidget(options: { write?: boolean } = {}): Promise<WidgetBuild> {
  const write = options.write ?? true;
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["widget/embed.tsx"],
    outfile: "public/embed.js",
    tsconfig: "widget/tsconfig.json",
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    jsx: "automatic",
    jsxImportSource: "preact",
    loader: { ".css": "text" },
    plugins: [minifiedCss],
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error("esbuild produced no output");
  if (write) {
    await mkdir(resolve(root, "public"), { recursive: true });
    await writeFile(file.path, file.contents);
  }
  return { code: file.text, bytes: file.contents.byteLength, gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { bytes, gzipBytes } = await buildWidget();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`public/embed.js: ${kb(bytes)} raw, ${kb(gzipBytes)} gzip (${gzipBytes} bytes; budget ${BUDGET_GZIP_BYTES})`);
  if (gzipBytes > BUDGET_GZIP_BYTES) {
    console.error("embed.js is over its size budget");
    process.exitCode = 1;
  }
}
