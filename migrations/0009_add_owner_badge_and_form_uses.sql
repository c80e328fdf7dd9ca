-- Issue 10, items 7 and 10.
--
-- The owner's badge is stored, not derived from the e-mail a comment gives: anyone can type
-- the owner's address. Only the owner's own routes (admin token, signed link) set it. Badges
-- that earlier versions derived from ownerEmails are not carried over: the e-mail hashes are
-- salted with a worker secret that SQL can't see.
ALTER TABLE comments ADD COLUMN by_owner INTEGER NOT NULL DEFAULT 0 CHECK (by_owner IN (0, 1));

-- How many comments each form token (one per thread read, named by its random nonce) has
-- carried. The token the POST answers keeps the nonce, so an old copy of it, replayed, counts
-- against the same row. Rows past expires_at are deleted a few at a time by later posts.
CREATE TABLE form_uses (
  nonce      TEXT PRIMARY KEY,
  uses       INTEGER NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX form_uses_expiry ON form_uses (expires_at);

-- Moderation mode `first` knows an author by the edit token of one of their approved
-- comments (issue 10, item 5): up to 50 tokens a post, each found by its hash.
CREATE INDEX comments_edit_token ON comments (edit_token_hash);
