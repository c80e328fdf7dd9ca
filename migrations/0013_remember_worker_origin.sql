-- Issue 11, the daily digest: its links must point at this worker, but a cron run has no
-- request and so no URL. Each event carries the origin of the request that caused it
-- (notify/events.ts); the owner's planner remembers the last one here, and the digest links
-- to it. One row. No secret and nothing personal: an origin is public.
CREATE TABLE worker_origin (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  origin  TEXT NOT NULL,
  seen_at TEXT NOT NULL
);
