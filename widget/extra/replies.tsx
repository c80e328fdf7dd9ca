// "Show N more replies" (issue 10, item 2): a thread page holds a bounded number of comments,
// and a top-level comment whose replies didn't all fit carries `moreReplies` (docs/api.md
// "Bounded pages"). Its next replies are read with `parentId` and that cursor, on embed.js's
// request helper. The button is the part's too: embed.js fetches the part as soon as a page
// has such a comment (App.componentDidUpdate), and costs only the place it goes.

import type { PublicComment, ThreadResponse } from "../../worker/api-types.ts";
import { READER_TOKENS_HEADER } from "../../worker/lib/reader-tokens.ts";
import { errorText } from "../api.ts";
import { readTokens } from "../storage.ts";
import { moreRepliesShown } from "../thread/changes.ts";
import type { ThreadPort } from "../thread/contract.ts";
import { sayPlural } from "./words.ts";

/** The top-level comments whose replies are being read: a second click waits for the first. */
const reading = new Set<string>();

async function moreReplies(app: ThreadPort, id: string): Promise<void> {
  const cursor = app.state.comments.find((comment) => comment.id === id)?.moreReplies?.cursor;
  if (!cursor || reading.has(id)) return;
  reading.add(id);
  const { api, site, page } = app.props;
  const query = new URLSearchParams({ site, page, parentId: id, cursor });
  // The reader's held replies come back to them too, as in a page read.
  const tokens = Object.values(readTokens()).map((held) => held.token);
  const headers: Record<string, string> = tokens.length ? { [READER_TOKENS_HEADER]: tokens.join(" ") } : {};
  try {
    const { data } = await api.request<ThreadResponse>(`threads?${query}`, "GET", undefined, headers);
    // The reader is taken to the first of the replies that arrived.
    app.setState(
      (s) => moreRepliesShown(s, id, data),
      () => data.comments[0] && app.focus(`comment-${data.comments[0].id}`),
    );
  } catch (error) {
    app.setState({ failed: { id, message: errorText(error, app.i18n) } });
  } finally {
    reading.delete(id);
  }
}

export function MoreReplies({ app, comment }: { app: ThreadPort; comment: PublicComment }) {
  return (
    <button type="button" class="bascule-link" onClick={() => void moreReplies(app, comment.id)}>
      {sayPlural(app.i18n, "thread.moreReplies", comment.moreReplies?.count ?? 0)}
    </button>
  );
}
