-- Versions for cached reads (issue 12). A cached thread or count is keyed by the versions of
-- what it shows (worker/http/read-cache.ts), so a change makes a new key and the old answer is
-- never read again. Triggers keep the versions in the same transaction as every write, so no
-- write path has to remember them: a reader's post, edit or delete, a like (its recount
-- updates comments.likes), moderation, an owner's reply, an import, a move, a settings change.
--
-- - threads.version: what a thread read shows of the thread (its comments, title, URL,
--   closed, count; created_at, which closeAfterDays reads).
-- - sites.version: what every thread read of the site shows of the site (settings, origins).
-- - sites.count_version: any thread's count, page or existence in the site (GET /counts).
--
-- A row starts at the time of its creation in milliseconds, not 0, so a site or thread that is
-- deleted and created again never takes up the versions (and cached answers) of the old one.
-- Each trigger sets only `version` columns, which no trigger watches: none fires another, with
-- or without recursive_triggers. The WHEN clauses skip writes that change nothing shown (a
-- recount that finds the same number, the retention job clearing ip_hash).

ALTER TABLE threads ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN count_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER sites_versions_start AFTER INSERT ON sites
BEGIN
  UPDATE sites SET version = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
    count_version = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
  WHERE key = NEW.key;
END;

CREATE TRIGGER sites_version_bump AFTER UPDATE OF origins, settings ON sites
WHEN OLD.origins IS NOT NEW.origins OR OLD.settings IS NOT NEW.settings
BEGIN
  UPDATE sites SET version = version + 1 WHERE key = NEW.key;
END;

CREATE TRIGGER threads_version_start AFTER INSERT ON threads
BEGIN
  UPDATE threads SET version = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE id = NEW.id;
  UPDATE sites SET count_version = count_version + 1 WHERE key = NEW.site_key;
END;

CREATE TRIGGER threads_version_bump AFTER UPDATE OF site_key, page, url, title, closed, created_at, comment_count ON threads
WHEN OLD.site_key IS NOT NEW.site_key OR OLD.page IS NOT NEW.page OR OLD.url IS NOT NEW.url
  OR OLD.title IS NOT NEW.title OR OLD.closed IS NOT NEW.closed OR OLD.created_at IS NOT NEW.created_at
  OR OLD.comment_count IS NOT NEW.comment_count
BEGIN
  UPDATE threads SET version = version + 1 WHERE id = NEW.id;
  UPDATE sites SET count_version = count_version + 1
  WHERE (OLD.comment_count IS NOT NEW.comment_count OR OLD.page IS NOT NEW.page OR OLD.site_key IS NOT NEW.site_key)
    AND key IN (OLD.site_key, NEW.site_key);
END;

CREATE TRIGGER threads_count_gone AFTER DELETE ON threads
BEGIN
  UPDATE sites SET count_version = count_version + 1 WHERE key = OLD.site_key;
END;

CREATE TRIGGER comments_version_insert AFTER INSERT ON comments
BEGIN
  UPDATE threads SET version = version + 1 WHERE id = NEW.thread_id;
END;

CREATE TRIGGER comments_version_delete AFTER DELETE ON comments
BEGIN
  UPDATE threads SET version = version + 1 WHERE id = OLD.thread_id;
END;

-- Every column a read shows or orders by; a move (thread_id) bumps both threads.
CREATE TRIGGER comments_version_update AFTER UPDATE ON comments
WHEN OLD.thread_id IS NOT NEW.thread_id OR OLD.parent_id IS NOT NEW.parent_id OR OLD.root_id IS NOT NEW.root_id
  OR OLD.depth IS NOT NEW.depth OR OLD.path IS NOT NEW.path OR OLD.author_name IS NOT NEW.author_name
  OR OLD.author_website IS NOT NEW.author_website OR OLD.body IS NOT NEW.body OR OLD.html IS NOT NEW.html
  OR OLD.status IS NOT NEW.status OR OLD.created_at IS NOT NEW.created_at OR OLD.edited_at IS NOT NEW.edited_at
  OR OLD.likes IS NOT NEW.likes OR OLD.pinned IS NOT NEW.pinned OR OLD.by_owner IS NOT NEW.by_owner
  OR OLD.imported_likes IS NOT NEW.imported_likes OR OLD.edit_token_hash IS NOT NEW.edit_token_hash
BEGIN
  UPDATE threads SET version = version + 1 WHERE id IN (OLD.thread_id, NEW.thread_id);
END;
