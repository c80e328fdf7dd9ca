-- A writer's recent comments (hourly limit, duplicate rule) without scanning a thread.
CREATE INDEX comments_writer ON comments (ip_hash, created_at);
