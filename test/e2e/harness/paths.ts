// Where things are: the repository, the read-only fixtures beside it, and a file test that
// never throws. Everything else in the harness finds its files from here.

import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** `../shared` beside the repository: read-only fixtures every developer and CI run has. */
export const sharedDir = path.resolve(repoRoot, "../shared");

export function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
