-- Owner moderation: bans and an audit trail of every owner action.

CREATE TABLE bans (
  site_key   TEXT NOT NULL REFERENCES sites (key) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('email', 'ip', 'name')),
  value      TEXT NOT NULL,  -- salted hash for e-mail and IP, lower-cased name for names
  created_at TEXT NOT NULL,
  PRIMARY KEY (site_key, kind, value)
);

CREATE TABLE audit (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,   -- the admin token's id (a short hash), never the token
  action        TEXT NOT NULL,
  site_key      TEXT,
  comment_id    TEXT,
  before_status TEXT,
  after_status  TEXT,
  detail        TEXT            -- JSON
);
CREATE INDEX audit_site ON audit (site_key, at);

-- The owner's queue and search, newest first, per site and status.
CREATE INDEX comments_status ON comments (status, created_at);
CREATE INDEX threads_site ON threads (site_key, created_at);
-- Pinned top-level comments, shown first on a thread's first page.
CREATE INDEX comments_pinned ON comments (thread_id, depth) WHERE pinned = 1;
