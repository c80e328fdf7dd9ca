import type { PublicComment } from "../../worker/api-types.ts";
import type { ThreadPort } from "../thread/contract.ts";
import type { CommentNode } from "../tree.ts";
import { authorName, Comment } from "./comment.tsx";
import { CommentForm } from "./comment-form.tsx";

interface Props {
  app: ThreadPort;
  nodes: CommentNode[];
  level: number;
  /** The comment these are replies to. */
  parent?: PublicComment;
}

/**
 * A nested `<ol>`: each `<li>` holds a comment, its reply form when open, then its replies.
 * Below the site's display depth the lists stop indenting, and each reply there says whom it
 * answers ("in reply to NAME"), since its place no longer does.
 */
export function CommentList({ app, nodes, level, parent }: Props) {
  const { open, depth } = app.state;
  const { i18n } = app;
  const flat = level > depth;
  return (
    <ol class={level ? (flat ? "bascule-replies bascule-flat" : "bascule-replies") : "bascule-list"}>
      {nodes.map(({ comment, replies }) => (
        <li key={comment.id}>
          <Comment app={app} comment={comment} parent={flat ? parent : undefined} />
          {open?.kind === "reply" && open.id === comment.id && (
            <CommentForm
              app={app}
              title={i18n.t("comment.replyTo", { name: authorName(comment, i18n) })}
              parentId={comment.id}
              onCancel={() => app.close(comment.id)}
            />
          )}
          {replies.length > 0 && <CommentList app={app} nodes={replies} level={level + 1} parent={comment} />}
        </li>
      ))}
    </ol>
  );
}
