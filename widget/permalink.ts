import type { ThreadPort } from "./thread/contract.ts";

// Part of embed-page.js (widget/embed-page.ts), loaded when the address names a comment.

/**
 * `#comment-<id>` links can't reach into a shadow root on their own: the browser looks
 * the fragment up in the page's document. Highlight the comment and scroll there
 * ourselves; one on a later page is looked for by embed-extra.js (widget/extra/seek.ts).
 */
export function showPermalink(app: ThreadPort): void {
  const id = /^#comment-([\w-]+)$/.exec(location.hash)?.[1];
  if (!id) return;
  if (app.state.comments.some((comment) => comment.id === id)) {
    app.setState({ target: id }, () => app.focus(`comment-${id}`)?.scrollIntoView({ block: "center" }));
  } else if (app.state.nextCursor) void app.needExtra().then((extra) => extra?.seek(app, id));
}
