// The worker's own db modules, loaded into Node. Plain `node` can't import them directly:
// what they import may use TypeScript that is not erasable (worker/http/errors.ts has parameter properties).
// So esbuild (already a dev dependency, it builds the widget) bundles just these functions
// and Node imports the bundle. The code that runs is the worker's, unchanged.

import { build } from "esbuild";
import type { selectThreadPage } from "../worker/db/comments.ts";
import type { selectSite } from "../worker/db/sites.ts";
import type { selectCounts, selectThread } from "../worker/db/threads.ts";

export interface WorkerDb {
  selectSite: typeof selectSite;
  selectThread: typeof selectThread;
  selectThreadPage: typeof selectThreadPage;
  selectCounts: typeof selectCounts;
}

const loaded = new Map<string, Promise<WorkerDb>>();

/** The db functions of the worker in `project` (the benchmark's snapshot of the repository). */
export function workerDb(project: string): Promise<WorkerDb> {
  let found = loaded.get(project);
  if (found) return found;
  found = (async () => {
    const result = await build({
      stdin: {
        contents: [
          'export { selectThreadPage } from "./worker/db/comments.ts";',
          'export { selectSite } from "./worker/db/sites.ts";',
          'export { selectThread, selectCounts } from "./worker/db/threads.ts";',
        ].join("\n"),
        resolveDir: project,
        loader: "ts",
        sourcefile: "bench-worker-db.ts",
      },
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      target: "es2022",
      write: false,
      logLevel: "warning",
    });
    const code = result.outputFiles[0]?.text;
    if (code === undefined) throw new Error("esbuild produced no bundle of worker/db");
    return (await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`)) as WorkerDb;
  })();
  loaded.set(project, found);
  return found;
}
