import type { ThreadPort } from "../thread/contract.ts";
import type { CommentNode } from "../tree.ts";
import { Comment } from "./comment.tsx";

interface Props {
  app: ThreadPort;
  nodes: CommentNode[];
  level: number;
}

/**
 * A nested `<ol>`: each `<li>` holds a comment (and its reply form when open), then its replies.
 * Below the site's display depth the replies are one flat list (buildTree puts them there),
 * and each reply in it says whom it answers ("in reply to NAME"), since its place no longer
 * does. A top-level comment whose replies didn't all come with the page offers the rest
 * (embed-extra.js reads them, widget/extra/replies.ts).
 */
export function CommentList({ app, nodes, level }: Props) {
  const { depth } = app.state;
  const flat = level > depth;
  return (
    <ol class={level ? (flat ? "bascule-replies bascule-flat" : "bascule-replies") : "bascule-list"}>
      {nodes.map(({ comment, replies, parent }) => (
        <li key={comment.id}>
          <Comment app={app} comment={comment} parent={parent} />
          {replies.length > 0 && <CommentList app={app} nodes={replies} level={level + 1} />}
          {comment.moreReplies && app.extra && <app.extra.MoreReplies app={app} comment={comment} />}
        </li>
      ))}
    </ol>
  );
}
