// The widget bundle: public/embed.js is rebuilt before a run when it is missing or older than
// the widget's sources.

import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { isFile, repoRoot } from "./paths.ts";

/** The newest modification time of any file under `dir` (0 when there is none), to tell a stale build. */
export function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * `npm test` builds public/embed.js before vitest runs; `npx vitest run --project e2e` alone does not.
 * Build it here when it is missing or older than the widget's sources, so a lone e2e run never tests a stale bundle.
 */
export function ensureWidgetBuilt(): void {
  const bundle = path.join(repoRoot, "public", "embed.js");
  const sources = newestMtime(path.join(repoRoot, "widget"));
  if (isFile(bundle) && statSync(bundle).mtimeMs >= sources) return;
  const script = path.join(repoRoot, "scripts", "build-widget.ts");
  if (!isFile(script)) throw new Error(`public/embed.js is missing or stale and ${script} does not exist to build it.`);
  const result = spawnSync(process.execPath, [script], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0 || !isFile(bundle)) {
    throw new Error(
      `Building the widget failed (node scripts/build-widget.ts, exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}
