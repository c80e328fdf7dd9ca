-- Issue 10, items 12 and 13.
--
-- 0001 inserted the site `demo` (moderation off, any localhost origin) into every database,
-- production included, where any client sending `Origin: http://localhost:1` could publish.
-- `npm run dev` now creates it locally (scripts/demo-seed.ts). This removes it where it was
-- never used: origins and settings exactly as 0001 wrote them, and no thread, ban or owner
-- action. A demo site someone changed or commented on stays; the owner can delete it with
-- DELETE /api/v1/admin/sites/demo.
DELETE FROM sites
WHERE key = 'demo'
  AND origins = '["http://localhost:*","http://127.0.0.1:*"]'
  AND settings = '{"moderation":"none","locale":"fr","ownerEmails":["auteur@bascule.invalid"]}'
  AND NOT EXISTS (SELECT 1 FROM threads WHERE site_key = 'demo')
  AND NOT EXISTS (SELECT 1 FROM bans WHERE site_key = 'demo')
  AND NOT EXISTS (SELECT 1 FROM audit WHERE site_key = 'demo');

-- IP hashes still kept, oldest first: the retention cron (worker/db/retention.ts) reads only
-- these, so its cost follows what is left to drop, not the size of the tables.
CREATE INDEX IF NOT EXISTS comments_ip_kept ON comments (created_at) WHERE ip_hash IS NOT NULL;
CREATE INDEX IF NOT EXISTS likes_ip_kept ON likes (created_at) WHERE ip_hash IS NOT NULL;
