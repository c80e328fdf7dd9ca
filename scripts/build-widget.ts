// Bundles the widget into public/embed.js, the file sites load, and the parts embed.js
// loads only when a reader needs them (widget/parts.ts): public/embed-extra.js (edit and
// delete of one's own comment, Turnstile) and public/embed-fr.js (French). Prints their
// sizes. Run with `node scripts/build-widget.ts` (Node strips the types: erasable syntax
// only). The budget is 12 KB gzip for embed.js, JS and CSS together;
// test/widget/size.test.ts enforces it.

import { build, transform, type BuildOptions, type Plugin } from "esbuild";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { SHARED_MODULES } from "../widget/shared-modules.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

export const BUDGET_GZIP_BYTES = 12 * 1024;

export interface FileBuild {
  path: string;
  code: string;
  bytes: number;
  gzipBytes: number;
}

/** embed.js at the top level (what the size budget is about), the parts beside it. */
export interface WidgetBuild extends FileBuild {
  parts: Record<string, FileBuild>;
}

/** The parts: `public/embed-<name>.js` and their entry files (each calls `definePart`). */
export const PARTS: Record<string, string> = {
  extra: "widget/extra/embed-extra.ts",
  fr: "widget/i18n/embed-fr.ts",
};

/**
 * CSS is imported as text (the shadow root takes a string); minify that text first. The
 * targets are the first versions with color-mix(), which the styles rely on.
 */
const minifiedCss: Plugin = {
  name: "minified-css",
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const css = await transform(await readFile(path, "utf8"), { loader: "css", minify: true, target: ["chrome111", "firefox113", "safari16.2"] });
      return { contents: css.code.trim(), loader: "text" };
    });
  },
};

/**
 * In embed-extra.js, imports from the modules embed.js shares (widget/shared-modules.ts) read
 * `window.__basculeShared`, which embed.js fills before loading the extra: one Preact, one
 * ApiError class. Everything else the extra imports is bundled into it.
 */
const sharedFromEmbed: Plugin = {
  name: "shared-from-embed",
  setup(build) {
    build.onResolve({ filter: /^(\.|preact)/ }, ({ path, resolveDir }) => {
      const key = path.startsWith(".") ? relative(resolve(root, "widget"), resolve(resolveDir, path)).replaceAll("\\", "/") : path;
      return SHARED_MODULES.includes(key) ? { path: key, namespace: "shared" } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "shared" }, () => ({ contents: "module.exports = window.__basculeShared;", loader: "js" }));
  },
};

const common: BuildOptions = {
  absWorkingDir: root,
  tsconfig: "widget/tsconfig.json",
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  jsx: "automatic",
  jsxImportSource: "preact",
  alias: { "preact/jsx-runtime": "./widget/jsx-runtime.ts" },
  legalComments: "none",
  write: false,
  logLevel: "warning",
};

async function bundle(entry: string, outfile: string, plugins: Plugin[]): Promise<FileBuild> {
  const result = await build({ ...common, entryPoints: [entry], outfile, plugins, loader: { ".css": "text" } });
  const file = result.outputFiles?.[0];
  if (file === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return { path: file.path, code: file.text, bytes: file.contents.byteLength, gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength };
}

/** Builds every file; `write: false` only returns them (tests must not touch public/). */
export async function buildWidget(options: { write?: boolean } = {}): Promise<WidgetBuild> {
  const names = Object.keys(PARTS);
  const [embed, ...built] = await Promise.all([
    bundle("widget/embed.tsx", "public/embed.js", [minifiedCss]),
    ...names.map((name) => bundle(PARTS[name]!, `public/embed-${name}.js`, [sharedFromEmbed])),
  ]);
  const parts = Object.fromEntries(names.map((name, index) => [name, built[index]!]));
  if (options.write ?? true) {
    await mkdir(resolve(root, "public"), { recursive: true });
    // The parts first: an embed.js on disk can always find the parts it expects.
    for (const file of [...built, embed!]) await writeFile(file.path, file.code);
  }
  return { ...embed!, parts };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildWidget();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const { path, bytes, gzipBytes } of [built, ...Object.values(built.parts)]) {
    console.log(`${relative(root, path)}: ${kb(bytes)} raw, ${kb(gzipBytes)} gzip (${gzipBytes} bytes)`);
  }
  console.log(`embed.js budget: ${BUDGET_GZIP_BYTES} bytes gzip`);
  if (built.gzipBytes > BUDGET_GZIP_BYTES) {
    console.error("embed.js is over its size budget");
    process.exitCode = 1;
  }
}
