// Bundles the widget into public/embed.js, the file sites load, and the parts embed.js
// loads only when a reader needs them (widget/parts.ts): public/embed-extra.<hash>.js
// (writing, likes, edit and delete of one's own comment, Turnstile) and one
// public/embed-<lang>.<hash>.js per language but English (widget/i18n/). Prints their sizes. Run with
// `node scripts/build-widget.ts` (Node strips the types: erasable syntax only). The budget
// is 12 KB gzip for embed.js, JS and CSS together; test/widget/size.test.ts enforces it.
//
// Why the parts' names carry a hash of their content: owners paste a stable /embed.js URL,
// so embed.js is cached for minutes (public/_headers) and a browser may run the previous
// copy after a deploy. Under fixed names it would load the new parts, whose names for what
// they share with embed.js may differ. Under hashed names it asks for the parts built with
// it (or gets a 404, which it survives: parts.ts), and the parts can be cached for good.
// One hash for all the parts rather than one each: embed.js carries it as one string
// (9 bytes gzip; a name per part cost 34), at the price of renaming every part when any changes.

import { build, transform, type BuildOptions, type Plugin } from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { basename, relative, resolve } from "node:path";
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

/**
 * The languages: every `widget/i18n/embed-<lang>.ts`. embed.js keeps no list of them: it asks
 * for `embed-<primary subtag>` (widget/i18n/index.ts), so a part whose name isn't a language
 * would be asked for by pages in no language at all; the build refuses one.
 */
export async function localeParts(): Promise<Record<string, string>> {
  const names = new Intl.DisplayNames("en", { type: "language", fallback: "none" });
  const entries: Record<string, string> = {};
  for (const file of (await readdir(resolve(root, "widget/i18n"))).sort()) {
    const lang = /^embed-(.+)\.ts$/.exec(file)?.[1];
    if (lang === undefined) continue;
    if (!/^[a-z]{2,3}$/.test(lang) || lang === "en" || names.of(lang) === undefined) {
      throw new Error(`widget/i18n/${file}: "${lang}" is not a language's primary subtag (English is built in)`);
    }
    entries[lang] = `widget/i18n/${file}`;
  }
  return entries;
}

/** The parts: `public/embed-<name>.<hash>.js` and their entry files (each calls `definePart`). */
export const PARTS: Record<string, string> = {
  extra: "widget/extra/embed-extra.ts",
  page: "widget/embed-page.ts",
  ...(await localeParts()),
};

/**
 * CSS is imported as text (the shadow root takes a string); minify that text first. The
 * targets are the first versions with color-mix(), which the styles rely on.
 */
const minifiedCss: Plugin = {
  name: "minified-css",
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const css = await transform(await readFile(path, "utf8"), {
        loader: "css",
        minify: true,
        target: ["chrome111", "firefox113", "safari16.2"],
      });
      return { contents: css.code.trim(), loader: "text" };
    });
  },
};

/** What embed.js gives the parts (widget/parts.ts fills `window.__basculeShared` with these). */
const SHARED_NAMES = "jsx, jsxs, Fragment, definePart, ApiError, errorText, read, write, readTokens, CommentForm";

/**
 * In the parts, imports from the modules embed.js shares (widget/shared-modules.ts) read
 * `window.__basculeShared`, which embed.js fills before loading a part. Everything else a
 * part imports is bundled into it.
 */
const sharedFromEmbed: Plugin = {
  name: "shared-from-embed",
  setup(build) {
    build.onResolve({ filter: /^(\.|preact)/ }, ({ path, resolveDir }) => {
      const key = path.startsWith(".") ? relative(resolve(root, "widget"), resolve(resolveDir, path)).replaceAll("\\", "/") : path;
      return SHARED_MODULES.includes(key) ? { path: "window.__basculeShared", namespace: "shared" } : undefined;
    });
    // One ES module for all of them, with the names widget/parts.ts puts in the object: as
    // CommonJS, esbuild wrapped each in its interop helpers (281 B gzip of embed-extra.js,
    // issue 11). A name a part imports that isn't listed fails the build ("No matching export").
    build.onLoad({ filter: /.*/, namespace: "shared" }, () => ({
      contents: `export const { ${SHARED_NAMES} } = window.__basculeShared;`,
      loader: "js",
    }));
  },
};

const common: BuildOptions = {
  absWorkingDir: root,
  tsconfig: "widget/tsconfig.json",
  bundle: true,
  format: "iife",
  platform: "browser",
  target: ["chrome111", "firefox113", "safari16.2"],
  minify: true,
  jsx: "automatic",
  jsxImportSource: "preact",
  alias: { "preact/jsx-runtime": "./widget/jsx-runtime.ts" },
  legalComments: "none",
  write: false,
  logLevel: "warning",
};

async function bundle(entry: string, outfile: string, options: BuildOptions): Promise<FileBuild> {
  const result = await build({ ...common, ...options, entryPoints: [entry], outfile, loader: { ".css": "text" } });
  const file = result.outputFiles?.[0];
  if (file === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return { path: file.path, code: file.text, bytes: file.contents.byteLength, gzipBytes: gzipSync(file.contents, { level: 9 }).byteLength };
}

/** The first 8 hex digits of the SHA-256 of every part, in `PARTS`' order: their names' `<hash>`. */
export function partsHash(codes: Record<string, string>): string {
  const hash = createHash("sha256");
  for (const [name, code] of Object.entries(codes)) hash.update(`${name}\0${code}\0`);
  return hash.digest("hex").slice(0, 8);
}

/** Every built part file in public/: `embed-<anything>.js` (.gitignore ignores the same). */
const PART_FILE = /^embed-.+\.js$/;

/**
 * Builds every file into `dir` (public/); `write: false` only returns them (tests must not
 * touch public/).
 */
export async function buildWidget(options: { write?: boolean; dir?: string } = {}): Promise<WidgetBuild> {
  const dir = resolve(root, options.dir ?? "public");
  const names = Object.keys(PARTS);
  const built = await Promise.all(
    names.map((name) => bundle(PARTS[name]!, resolve(dir, `embed-${name}.js`), { plugins: [sharedFromEmbed] })),
  );
  const hash = partsHash(Object.fromEntries(names.map((name, index) => [name, built[index]!.code])));
  const parts = Object.fromEntries(
    names.map((name, index) => [name, { ...built[index]!, path: resolve(dir, `embed-${name}.${hash}.js`) }]),
  );
  // widget/parts.ts asks for `embed-<name>.${PARTS_HASH}.js`.
  const embed = await bundle("widget/embed.tsx", resolve(dir, "embed.js"), {
    plugins: [minifiedCss],
    define: { PARTS_HASH: JSON.stringify(hash) },
  });
  if (options.write ?? true) {
    await mkdir(dir, { recursive: true });
    // The parts first: an embed.js on disk can always find the parts it names.
    for (const file of [...Object.values(parts), embed]) await writeFile(file.path, file.code);
    // Then the parts of earlier builds (and the unhashed names of older ones) go, so that
    // public/ holds, and a deploy uploads, only what this embed.js asks for.
    const current = new Set(Object.values(parts).map((part) => basename(part.path)));
    for (const entry of await readdir(dir)) {
      if (PART_FILE.test(entry) && !current.has(entry)) await rm(resolve(dir, entry));
    }
  }
  return { ...embed, parts };
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
