// Display order inside a top-level comment's subtree: each comment's `path` is its
// parent's path plus a fixed-width segment that sorts by creation time, so ordering
// by path lists every reply after its parent and siblings oldest first (depth first).

const TIME_WIDTH = 9; // base-36 milliseconds: fixed width until the year 5188

export function pathSegment(createdAt: string, id: string): string {
  return Date.parse(createdAt).toString(36).padStart(TIME_WIDTH, "0") + id;
}

export function childPath(parentPath: string | null, createdAt: string, id: string): string {
  const segment = pathSegment(createdAt, id);
  return parentPath === null ? segment : `${parentPath}/${segment}`;
}
