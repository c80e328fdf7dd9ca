-- One like per comment for each reader id and for each network (salted hashes both):
-- a second like from either is ignored by the unique indexes.
CREATE TABLE likes (
  comment_id  TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reader_hash TEXT,
  ip_hash     TEXT,
  created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX likes_reader ON likes (comment_id, reader_hash);
CREATE UNIQUE INDEX likes_ip ON likes (comment_id, ip_hash);

-- Top-level comments by likes ("top" sort) without sorting the whole thread.
CREATE INDEX comments_top ON comments (thread_id, depth, likes DESC, created_at, id);
