// The demo site and thread `npm run dev` puts under the demo article, written as SQL that
// goes through the same renderer, hashing and ordering code as the worker. Fixed ids and
// INSERT OR IGNORE make it run once: a second run changes nothing.
//
// The demo site is created here, for local databases only (issue 10, item 12): it accepts any
// localhost origin with moderation off, which must never reach production. Migration 0001 used
// to insert it; 0010 removes it again wherever it was never used.
import { normaliseEmail, saltedHash } from "../worker/lib/hash.ts";
import { renderMarkdown } from "../worker/lib/markdown.ts";
import { childPath } from "../worker/lib/thread-order.ts";

export const DEMO_PAGE = "demo-article";

/** The demo site, as migration 0001 inserted it (so 0010 can recognise an unused one). */
export const DEMO_SITE = {
  key: "demo",
  origins: ["http://localhost:*", "http://127.0.0.1:*"],
  settings: { moderation: "none", locale: "fr", ownerEmails: ["auteur@bascule.invalid"] },
} as const;

/** Creates the demo site unless it exists: for `npm run dev`, the tests and the e2e harness. */
export function demoSiteSql(): string {
  const { key, origins, settings } = DEMO_SITE;
  return `INSERT OR IGNORE INTO sites (key, origins, settings, created_at) VALUES (${sql(key)}, ${sql(JSON.stringify(origins))}, ${sql(JSON.stringify(settings))}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));`;
}
const OWNER = { name: "Claire (autrice)", email: "auteur@bascule.invalid" };

interface SeedComment {
  id: string;
  parent?: string;
  daysAgo: number;
  name: string;
  email?: string;
  website?: string;
  body: string;
}

const THREAD: SeedComment[] = [
  {
    id: "demo00000000000000001",
    daysAgo: 9,
    name: "Marc",
    body: "Merci pour ce billet. J'ai retiré Disqus de mon blog l'an dernier pour les mêmes raisons : **47 requêtes** vers des tiers pour afficher trois commentaires.",
  },
  {
    id: "demo00000000000000002",
    parent: "demo00000000000000001",
    daysAgo: 8,
    ...OWNER,
    body: "Merci Marc ! Quarante-sept, c'est à peu près ce que j'avais mesuré aussi. Tu l'as remplacé par quoi ?",
  },
  {
    id: "demo00000000000000003",
    parent: "demo00000000000000002",
    daysAgo: 8,
    name: "Marc",
    website: "https://marc.example",
    body: "Par rien pendant six mois… puis par un formulaire maison. Je regrette surtout les réponses imbriquées.",
  },
  {
    id: "demo00000000000000004",
    parent: "demo00000000000000003",
    daysAgo: 7,
    name: "Sophie",
    body: "Les réponses imbriquées, c'est justement ce qui fait vivre une discussion. Sans elles on se répond dans le vide.",
  },
  {
    id: "demo00000000000000005",
    daysAgo: 5,
    name: "Jean-Pierre",
    body: "Question bête : si le site ne pose aucun cookie, comment se souvient-il de mon nom ?\n\nJe ne suis pas contre, je me demande.",
  },
  {
    id: "demo00000000000000006",
    parent: "demo00000000000000005",
    daysAgo: 5,
    ...OWNER,
    body: "Pas bête du tout ! Ton nom reste dans le `localStorage` de *ton* navigateur. Rien ne part ailleurs, et tu peux l'effacer quand tu veux.",
  },
  {
    id: "demo00000000000000007",
    daysAgo: 2,
    name: "Inès",
    body: "Je lis ce blog depuis des années avec un bloqueur de pubs. Content de voir que les commentaires s'affichent enfin chez moi.",
  },
];

function sql(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

export async function demoSeedSql(salt: string, now = Date.now()): Promise<string> {
  const lines = [
    demoSiteSql(),
    `INSERT OR IGNORE INTO threads (site_key, page, url, title, created_at) VALUES ('demo', ${sql(DEMO_PAGE)}, NULL, ${sql("Pourquoi j'ai quitté Disqus")}, ${sql(new Date(now - 10 * 86_400_000).toISOString())});`,
  ];
  const byId = new Map<string, { path: string; depth: number; root: string }>();
  for (const comment of THREAD) {
    const createdAt = new Date(now - comment.daysAgo * 86_400_000 + byId.size * 3_600_000).toISOString();
    const parent = comment.parent ? byId.get(comment.parent) : undefined;
    const placed = {
      path: childPath(parent?.path ?? null, createdAt, comment.id),
      depth: parent ? parent.depth + 1 : 0,
      root: parent?.root ?? comment.id,
    };
    byId.set(comment.id, placed);
    const email = comment.email ? normaliseEmail(comment.email) : null;
    const values = [
      comment.id,
      comment.parent ?? null,
      placed.root,
      placed.depth,
      placed.path,
      comment.name,
      email,
      comment.website ?? null,
      email ? await saltedHash(salt, email) : null,
      comment.body,
      renderMarkdown(comment.body),
      "approved",
      createdAt,
    ].map(sql);
    lines.push(
      `INSERT OR IGNORE INTO comments (id, thread_id, parent_id, root_id, depth, path, author_name, author_email, author_website, email_hash, body, html, status, created_at) VALUES (${values[0]}, (SELECT id FROM threads WHERE site_key = 'demo' AND page = ${sql(DEMO_PAGE)}), ${values.slice(1).join(", ")});`,
    );
  }
  lines.push(
    `UPDATE threads SET comment_count = (SELECT count(*) FROM comments WHERE thread_id = threads.id AND status = 'approved') WHERE site_key = 'demo' AND page = ${sql(DEMO_PAGE)};`,
  );
  return lines.join("\n") + "\n";
}
