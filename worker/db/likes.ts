import { recountLikes } from "./recount.ts";

export interface LikeRow {
  comment_id: string;
  reader_hash: string | null;
  ip_hash: string | null;
  created_at: string;
}

/** Statements for one batch: record the like unless this reader or network already liked, then recount. */
export function likeStatements(
  db: D1Database,
  like: { commentId: string; readerHash: string | null; ipHash: string | null; now: string },
): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db
      .prepare("INSERT OR IGNORE INTO likes (comment_id, reader_hash, ip_hash, created_at) VALUES (?, ?, ?, ?)")
      .bind(like.commentId, like.readerHash, like.ipHash, like.now),
    recountLikes(db, like.commentId),
  ];
}
