-- A thread page reads pinned and other top-level comments separately: one index serves
-- both, in created order, so the first page no longer walks every top-level comment to
-- find the pinned ones. It replaces comments_roots and the partial comments_pinned.
CREATE INDEX comments_page ON comments (thread_id, depth, pinned, created_at, id);
DROP INDEX comments_roots;
DROP INDEX comments_pinned;
