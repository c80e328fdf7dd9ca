// The endpoints embed-extra.js calls: writing, previewing, likes, edit and delete of one's
// own comment (API.md). One small function each, on embed.js's request helper (widget/api.ts,
// which has the reads), as admin/api.ts does for the owner routes. Here, in the part, they
// cost embed.js nothing.

import type { NewCommentRequest, NewCommentResponse, PreviewRequest, PreviewResponse, PublicComment } from "../../worker/api-types.ts";
import { READER_TOKENS_HEADER } from "../../worker/lib/reader-tokens.ts";
import type { Api } from "../api.ts";

export interface WriteApi {
  /**
   * 201 published, 202 held for moderation. `tokens`: the edit tokens held, the proof of being
   * a known author (moderation `first`) that an e-mail alone can't give.
   */
  post(comment: NewCommentRequest, tokens: string[]): Promise<{ status: number; data: NewCommentResponse }>;
  /** The server's HTML for `body`, rendered as a comment would be. */
  preview(request: PreviewRequest): Promise<string>;
  /** The comment's likes, counted once per reader id (and network). */
  like(id: string, reader: string): Promise<number>;
  /** Rejects with the API's error (401 wrong token, 403 window over). */
  edit(id: string, token: string, body: string): Promise<PublicComment>;
  remove(id: string, token: string): Promise<void>;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function writeApi({ request }: Api): WriteApi {
  return {
    post: (comment, tokens) =>
      request<NewCommentResponse>("comments", "POST", comment, tokens.length ? { [READER_TOKENS_HEADER]: tokens.join(" ") } : {}),
    preview: async (body) => (await request<PreviewResponse>("preview", "POST", body)).data.html,
    like: async (id, reader) => (await request<{ likes: number }>(`comments/${id}/like`, "POST", { reader })).data.likes,
    async edit(id, token, body) {
      // The API types no request of its own for an edit: it takes a new comment's body.
      const sent = { body } satisfies Pick<NewCommentRequest, "body">;
      return (await request<{ comment: PublicComment }>(`comments/${id}`, "PATCH", sent, bearer(token))).data.comment;
    },
    async remove(id, token) {
      await request(`comments/${id}`, "DELETE", undefined, bearer(token));
    },
  };
}
