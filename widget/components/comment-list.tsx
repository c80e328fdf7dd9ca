import type { I18n } from "../i18n/index.ts";
import type { CommentNode } from "../tree.ts";
import { authorName, Comment } from "./comment.tsx";
import { CommentForm, type FormValues } from "./comment-form.tsx";

/** What every comment in the tree needs from the thread, passed down as one object. */
export interface ThreadProps {
  i18n: I18n;
  closed: boolean;
  /** The comment whose reply form is open. */
  replyTo: string | null;
  onReply: (id: string | null) => void;
  onCancel: (id: string) => void;
  onSubmit: (values: FormValues, parentId?: string) => Promise<void>;
}

/** Indentation stops after this many levels so deep threads stay readable at 360px (API.md's displayDepth default). */
const MAX_INDENT = 6;

/** A nested `<ol>`: each `<li>` holds a comment, its reply form when open, then its replies. */
export function CommentList({ nodes, level, thread }: { nodes: CommentNode[]; level: number; thread: ThreadProps }) {
  const { i18n, replyTo } = thread;
  return (
    <ol class={level === 0 ? "bascule-list" : level > MAX_INDENT ? "bascule-replies bascule-flat" : "bascule-replies"}>
      {nodes.map(({ comment, replies }) => {
        const replying = replyTo === comment.id;
        const canReply = !thread.closed && !comment.deleted && comment.status === "approved";
        return (
          <li key={comment.id} class="bascule-item">
            <Comment
              i18n={i18n}
              comment={comment}
              replying={replying}
              onReply={canReply ? () => thread.onReply(replying ? null : comment.id) : undefined}
            />
            {replying && (
              <CommentForm
                i18n={i18n}
                title={i18n.t("comment.replyTo", { name: authorName(comment, i18n) })}
                onSubmit={(values) => thread.onSubmit(values, comment.id)}
                onCancel={() => thread.onCancel(comment.id)}
              />
            )}
            {replies.length > 0 && <CommentList nodes={replies} level={level + 1} thread={thread} />}
          </li>
        );
      })}
    </ol>
  );
}
