-- Imported like counts as a number, not as rows (issue 10, item 3). An import that said a
-- comment had 100,000 likes wrote 100,000 stand-in rows ("imported-N" reader hashes, no IP
-- hash); now the count an import brings without records is kept here, and comments.likes is
-- imported_likes plus the like rows (worker/db/recount.ts), so a new like adds to it.
ALTER TABLE comments ADD COLUMN imported_likes INTEGER NOT NULL DEFAULT 0 CHECK (imported_likes >= 0);

-- The stand-in rows earlier imports wrote become the count they stood for; comments.likes
-- already counts them, so it stays as it is.
UPDATE comments SET imported_likes = (
  SELECT count(*) FROM likes l WHERE l.comment_id = comments.id AND l.reader_hash LIKE 'imported-%' AND l.ip_hash IS NULL
) WHERE id IN (SELECT comment_id FROM likes WHERE reader_hash LIKE 'imported-%' AND ip_hash IS NULL);
DELETE FROM likes WHERE reader_hash LIKE 'imported-%' AND ip_hash IS NULL;

-- The export reads one comment's likes in time order, a page at a time (worker/db/transfer/export.ts).
CREATE INDEX likes_export ON likes (comment_id, created_at);
