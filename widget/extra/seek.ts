import type { ThreadPort } from "../thread/contract.ts";

/** A permalink to a later page loads up to this many pages to find its comment, then gives up quietly. */
const PAGES = 20;

/** The threads already looking (a second hashchange to the same missing comment must not start another 20 reads). */
const seeking = new WeakSet<ThreadPort>();

/** Loads the next pages until the permalinked comment `id` is there, then shows it. */
export async function seek(app: ThreadPort, id: string) {
  if (seeking.has(app)) return;
  seeking.add(app);
  try {
    for (let pages = 0, cursor = app.state.nextCursor; cursor && pages < PAGES; pages++) {
      const data = await app.load(cursor);
      if (data?.comments.some((comment) => comment.id === id)) return app.setState({ target: id }, () => app.showPermalink());
      cursor = data?.nextCursor ?? null;
    }
  } finally {
    seeking.delete(app);
  }
}
