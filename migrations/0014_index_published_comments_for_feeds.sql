-- Issue 11, Atom feeds (worker/routes/feed.ts): a site's or a thread's 50 latest published
-- comments, read from an index in feed order, whatever the site holds.
--
-- A comment knows its site only through its thread, and SQLite can't index across a join: the
-- site feed would read every published comment of the site to sort them. So each comment now
-- carries its thread's site key, set by these triggers whatever code writes the row (reader
-- POST, owner reply, import, thread moves), and the partial indexes hold published comments
-- only, newest last.
ALTER TABLE comments ADD COLUMN site_key TEXT;

UPDATE comments SET site_key = (SELECT t.site_key FROM threads t WHERE t.id = comments.thread_id);

CREATE TRIGGER comments_site_key_on_insert AFTER INSERT ON comments
BEGIN
  UPDATE comments SET site_key = (SELECT t.site_key FROM threads t WHERE t.id = NEW.thread_id) WHERE id = NEW.id;
END;

CREATE TRIGGER comments_site_key_on_move AFTER UPDATE OF thread_id ON comments
BEGIN
  UPDATE comments SET site_key = (SELECT t.site_key FROM threads t WHERE t.id = NEW.thread_id) WHERE id = NEW.id;
END;

CREATE INDEX comments_site_published ON comments (site_key, created_at, id) WHERE status = 'approved';
CREATE INDEX comments_thread_published ON comments (thread_id, created_at, id) WHERE status = 'approved';
