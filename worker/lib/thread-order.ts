// Display order inside a top-level comment's subtree: each comment's `path` is its
// parent's path plus a fixed-width segment that sorts by creation time, so ordering
// by path lists every reply after its parent and siblings oldest first (depth first).
//
// A path holds at most ORDER_LEVELS segments (issue 10, item 1): below the display depth
// the widget stops indenting, so there the order is flat too. A reply deeper than
// ORDER_LEVELS - 1 keeps the segments of its ancestors down to depth ORDER_LEVELS - 2 and
// adds its own: all the replies under one such ancestor follow it oldest first, whatever
// their depth. A path is then at most ORDER_LEVELS · 31 bytes, where a chain n deep used
// to store about 31·n²/2. migrations/0007_cap_comment_paths.sql rewrote the older paths.

const TIME_WIDTH = 9; // base-36 milliseconds: fixed width until the year 5188

/** Segments a path keeps: depths 0–6 nest (the default display depth is 6), deeper replies are flat under their depth-6 ancestor. */
export const ORDER_LEVELS = 8;

export function pathSegment(createdAt: string, id: string): string {
  return Date.parse(createdAt).toString(36).padStart(TIME_WIDTH, "0") + id;
}

export function childPath(parentPath: string | null, createdAt: string, id: string): string {
  const segment = pathSegment(createdAt, id);
  // Ids are nanoids ([A-Za-z0-9_-]): "/" only ever separates segments.
  return parentPath === null ? segment : [...parentPath.split("/").slice(0, ORDER_LEVELS - 1), segment].join("/");
}
