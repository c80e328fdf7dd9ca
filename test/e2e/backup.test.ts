// `npm run backup` (scripts/backup.ts) against a real `wrangler dev`, and the restore that
// docs/backup.md gives: the site's JSON, imported with `npm run import` into a fresh
// deployment (a second worker with an empty database), exports again as the same site. The
// remote SQL dump goes through a stand-in wrangler (test/scripts/wrangler-stand-in.ts): there
// is no remote database here.
import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BasculeExport } from "../../worker/lib/export/bascule-format.ts";
import { postComment, uniquePage } from "./harness/api.ts";
import { repoRoot } from "./harness/paths.ts";
import { skipE2E } from "./harness/skip.ts";
import { type RunningWorker, startWorker } from "./harness/worker.ts";

const SITE = "backup-blog";
const ORIGIN = "https://blog.example";
const dir = await mkdtemp(join(tmpdir(), "bascule-backup-test-"));

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `node scripts/<script> ...args` with the worker's admin token; its exit code and stderr. */
function script(
  worker: RunningWorker,
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(repoRoot, "scripts", name), "--url", worker.url, ...args], {
      cwd: repoRoot,
      env: { ...process.env, BASCULE_ADMIN_TOKEN: worker.adminToken, ...env },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("close", (code) => done({ code, stderr }));
  });
}

async function exported(worker: RunningWorker): Promise<unknown> {
  const response = await fetch(`${worker.url}/api/v1/admin/export?site=${SITE}`, {
    headers: { authorization: `Bearer ${worker.adminToken}` },
  });
  const { exportedAt: _exportedAt, ...rest } = (await response.json()) as BasculeExport;
  return rest;
}

/** A directory holding a `wrangler` that is the stand-in, first on PATH. */
async function standInPath(): Promise<NodeJS.ProcessEnv> {
  const bin = join(dir, "bin");
  await mkdir(bin, { recursive: true });
  await writeFile(
    join(bin, "wrangler"),
    `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, "test/scripts/wrangler-stand-in.ts")}" "$@"\n`,
  );
  await chmod(join(bin, "wrangler"), 0o755);
  const state = join(dir, "account.json");
  await writeFile(state, JSON.stringify({ loggedIn: true, worker: true, secrets: {}, databases: ["bascule"], migrated: {} }));
  return {
    PATH: [bin, dirname(process.execPath), process.env.PATH].join(delimiter),
    STAND_IN_STATE: state,
    STAND_IN_CALLS: join(dir, "calls.jsonl"),
  };
}

describe.skipIf(skipE2E)("npm run backup", () => {
  it("writes every site's JSON and the database's SQL, and the JSON restores into a fresh deployment with nothing lost", async () => {
    const original = await startWorker();
    let backup: string;
    let before: unknown;
    try {
      const created = await fetch(`${original.url}/api/v1/admin/sites`, {
        method: "POST",
        headers: { authorization: `Bearer ${original.adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({ key: SITE, origins: [ORIGIN], moderation: "none", minSubmitSeconds: 0, locale: "fr" }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const page = uniquePage("backup");
      const first = await postComment(
        original,
        ORIGIN,
        { site: SITE, page, body: "Premier *commentaire*", author: { name: "Ann", email: "ann@example.org" } },
        { ip: "203.0.113.1" },
      );
      await postComment(
        original,
        ORIGIN,
        { site: SITE, page, body: "Une réponse", parentId: first.id, author: { name: "Bo" } },
        { ip: "203.0.113.2" },
      );
      await postComment(original, ORIGIN, { site: SITE, page: uniquePage("backup-other"), body: "Ailleurs" }, { ip: "203.0.113.3" });

      const run = await script(original, "backup.ts", ["--dir", join(dir, "backups")], await standInPath());
      expect(run.code, run.stderr).toBe(0);
      const [day] = await readdir(join(dir, "backups"));
      expect(day).toBe(new Date().toISOString().slice(0, 10));
      backup = join(dir, "backups", day ?? "", `${SITE}.json`);
      // Every site: the one made here, and the demo site of a fresh database if there is one.
      const sites = (await (
        await fetch(`${original.url}/api/v1/admin/sites`, { headers: { authorization: `Bearer ${original.adminToken}` } })
      ).json()) as {
        sites: Array<{ key: string }>;
      };
      expect((await readdir(join(dir, "backups", day ?? ""))).sort()).toEqual(
        [...sites.sites.map((site) => `${site.key}.json`), "bascule.sql"].sort(),
      );
      const dumped = (await readFile(join(dir, "calls.jsonl"), "utf8"))
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { args: string[] }).args);
      expect(dumped).toEqual([["d1", "export", "bascule", "--remote", "--output", join(dir, "backups", day ?? "", "bascule.sql")]]);
      before = await exported(original);
    } finally {
      await original.stop();
    }

    const fresh = await startWorker();
    try {
      const restore = await script(fresh, "import.ts", ["--site", SITE, "--format", "bascule", backup]);
      expect(restore.code, restore.stderr).toBe(0);
      const after = await exported(fresh);
      expect(after).toEqual(before);
      expect(JSON.stringify(after)).toContain("Une réponse");
    } finally {
      await fresh.stop();
    }
  }, 240_000);
});
