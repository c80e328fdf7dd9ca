-- Sites, threads and comments. Forward-only: never edit this file once applied.

CREATE TABLE sites (
  key        TEXT PRIMARY KEY CHECK (key GLOB '[a-z0-9-]*' AND length(key) BETWEEN 1 AND 40),
  origins    TEXT NOT NULL DEFAULT '[]',  -- JSON array of allowed origins, "http://localhost:*" style
  settings   TEXT NOT NULL DEFAULT '{}',  -- JSON object, see worker/lib/settings.ts
  created_at TEXT NOT NULL
);

CREATE TABLE threads (
  id            INTEGER PRIMARY KEY,
  site_key      TEXT NOT NULL REFERENCES sites (key) ON DELETE CASCADE,
  page          TEXT NOT NULL,             -- normalised page key
  url           TEXT,
  title         TEXT,
  created_at    TEXT NOT NULL,
  closed        INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  -- Approved comments, kept by the same batch that changes them, so that counting
  -- many pages reads one row a page instead of scanning comments.
  comment_count INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_key, page)
);

CREATE TABLE comments (
  id              TEXT PRIMARY KEY,          -- nanoid
  thread_id       INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  parent_id       TEXT REFERENCES comments (id),
  root_id         TEXT NOT NULL,             -- the top-level ancestor (itself when top-level)
  depth           INTEGER NOT NULL CHECK (depth >= 0),
  path            TEXT NOT NULL,             -- display order inside the root's subtree, see worker/lib/thread-order.ts
  author_name     TEXT,
  author_email    TEXT,
  author_website  TEXT,
  email_hash      TEXT,                      -- salted, for owner badges, bans and first-comment checks
  body            TEXT NOT NULL,             -- Markdown source
  html            TEXT NOT NULL,             -- rendered by worker/lib/markdown.ts
  status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'deleted')),
  created_at      TEXT NOT NULL,             -- ISO 8601 UTC, millisecond precision
  edited_at       TEXT,
  ip_hash         TEXT,                      -- salted hash; raw IPs are never stored
  edit_token_hash TEXT,
  likes           INTEGER NOT NULL DEFAULT 0,
  pinned          INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1))
);

-- A page of top-level comments, oldest or newest first.
CREATE INDEX comments_roots ON comments (thread_id, depth, created_at, id);
-- The subtree of each top-level comment, in display order.
CREATE INDEX comments_subtree ON comments (root_id, path);
CREATE INDEX comments_parent ON comments (parent_id);
-- "Has this e-mail a published comment on this site?" (moderation mode `first`).
CREATE INDEX comments_email ON comments (email_hash, status);

INSERT INTO sites (key, origins, settings, created_at) VALUES (
  'demo',
  '["http://localhost:*","http://127.0.0.1:*"]',
  '{"moderation":"none","locale":"fr","ownerEmails":["auteur@bascule.invalid"]}',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
);
