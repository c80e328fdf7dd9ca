-- Display-order paths of bounded length (issue 10, item 1; worker/lib/thread-order.ts).
-- A path used to repeat its parent's, one 31-byte segment a level: a reply chain n deep
-- stored about 31·n²/2 bytes, twice with the subtree index. A path now keeps at most 8
-- segments: a reply deeper than 7 keeps those of its ancestors down to depth 6 and adds its
-- own, so every reply under a depth-6 comment follows it oldest first (the widget shows
-- replies flat below its display depth, 6 by default).
--
-- Rewrites the paths of replies deeper than 7. Each one's own segment is what its path adds
-- to its parent's (the parent's length comes down the tree, as a number, never a copy of a
-- long path); the part before it is the path of its depth-6 ancestor, a prefix of its own.
-- Paths are read in full before any is changed (the table below), so order doesn't matter.

CREATE TABLE path_fix AS
WITH RECURSIVE below (id, depth, len, parent_len, anchor_len) AS (
  SELECT c.id, c.depth, length(c.path), length(a.path), length(a.path)
  FROM comments a JOIN comments c ON c.parent_id = a.id
  WHERE a.depth = 6
  UNION ALL
  SELECT k.id, k.depth, length(k.path), b.len, b.anchor_len
  FROM below b JOIN comments k ON k.parent_id = b.id
)
SELECT b.id, substr(c.path, 1, b.anchor_len) || '/' || substr(c.path, b.parent_len + 2) AS path
FROM below b JOIN comments c ON c.id = b.id
WHERE b.depth >= 8;

UPDATE comments SET path = (SELECT f.path FROM path_fix f WHERE f.id = comments.id)
WHERE id IN (SELECT id FROM path_fix);

DROP TABLE path_fix;
