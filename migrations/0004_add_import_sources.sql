-- Where an imported thread or comment came from, so that importing the same file twice
-- creates nothing new (issue 6). Comments written through Bascule itself have no source.
--   source    the format it came from: 'wxr', 'disqus', 'isso', or 'bascule' for a comment
--             first written on another Bascule site and brought over in a Bascule export
--   source_id its id there, unique within the source for one site (see worker/lib/import/)
-- NULLs are distinct in a UNIQUE index, so native rows never collide.

ALTER TABLE threads ADD COLUMN source TEXT;
ALTER TABLE threads ADD COLUMN source_id TEXT;
ALTER TABLE comments ADD COLUMN source TEXT;
ALTER TABLE comments ADD COLUMN source_id TEXT;

CREATE UNIQUE INDEX threads_source ON threads (site_key, source, source_id);
-- thread_id is last so that a lookup by (source, source_id) uses the index for every site.
CREATE UNIQUE INDEX comments_source ON comments (source, source_id, thread_id);
