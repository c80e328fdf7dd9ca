// The seeded dataset as SQL files that `wrangler d1 execute --file` loads: threads first
// (threads.comment_count counts the approved comments), then comments in creation order.

import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Dataset, SITE } from "./seed.ts";
import { demoSiteSql } from "../scripts/demo-seed.ts";

function literal(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer literal: ${value}`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

const COMMENT_COLUMNS =
  "id, thread_id, parent_id, root_id, depth, path, author_name, author_email, author_website, email_hash, body, html, status, created_at, edited_at, ip_hash, edit_token_hash, likes, pinned";

/** Rows per INSERT statement: keeps each statement well under D1's 100 KB statement limit. */
const ROWS_PER_STATEMENT = 50;

/**
 * Writes the dataset as SQL files in `dir`: threads first, then comments in files of at
 * most `commentsPerFile` rows, in creation order so that a parent is always inserted
 * before its replies (foreign keys are on in D1).
 */
export async function writeSeedSql(dataset: Dataset, dir: string, commentsPerFile = 25_000): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const statements: string[] = [];
  let rowsInFile = 0;
  // The demo site, which no migration creates any more (issue 10, item 12).
  statements.push(demoSiteSql());

  const flushFile = async () => {
    if (statements.length === 0) return;
    const file = path.join(dir, `seed-${String(files.length).padStart(3, "0")}.sql`);
    await writeFile(file, statements.join("\n") + "\n");
    files.push(file);
    statements.length = 0;
    rowsInFile = 0;
  };

  for (let i = 0; i < dataset.threads.length; i += ROWS_PER_STATEMENT) {
    const rows = dataset.threads.slice(i, i + ROWS_PER_STATEMENT).map((t) => {
      const approved = t.comments.filter((c) => c.status === "approved").length;
      return `(${[t.id, SITE, t.page, t.page, t.title, t.createdAt, 0, approved].map(literal).join(", ")})`;
    });
    statements.push(`INSERT INTO threads (id, site_key, page, url, title, created_at, closed, comment_count) VALUES\n${rows.join(",\n")};`);
  }

  const all = dataset.threads.flatMap((t) => t.comments.map((c) => ({ thread: t.id, c })));
  for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
    const rows = all.slice(i, i + ROWS_PER_STATEMENT).map(({ thread, c }) => {
      const values = [
        c.id,
        thread,
        c.parentId,
        c.rootId,
        c.depth,
        c.path,
        c.authorName,
        null,
        c.authorWebsite,
        null,
        c.body,
        c.html,
        c.status,
        c.createdAt,
        null,
        c.ipHash,
        c.editTokenHash,
        c.likes,
        0,
      ];
      return `(${values.map(literal).join(", ")})`;
    });
    statements.push(`INSERT INTO comments (${COMMENT_COLUMNS}) VALUES\n${rows.join(",\n")};`);
    rowsInFile += rows.length;
    if (rowsInFile >= commentsPerFile) await flushFile();
  }
  await flushFile();
  return files;
}
