import { expect } from "vitest";
import type { ThreadResponse } from "../../worker/api-types.ts";
import { call } from "./helpers.ts";

// Reading a bounded thread (issue 10, item 2) as the widget does: the pages of replies of a
// top-level comment, through `parentId` and the cursors, each with its size on the wire.

export interface ReadPage {
  data: ThreadResponse;
  bytes: number;
}

export async function readThread(page: string, query = ""): Promise<ReadPage> {
  const res = await call(`/api/v1/threads?site=demo&page=${encodeURIComponent(page)}${query}`);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { data: JSON.parse(text), bytes: new TextEncoder().encode(text).length };
}

/** Every page of replies of top-level comment `rootId` from `cursor` on (at most 50). */
export async function replyPages(page: string, rootId: string, cursor: string | null): Promise<ReadPage[]> {
  const pages: ReadPage[] = [];
  for (let reads = 0; cursor !== null && reads < 50; reads++) {
    const read = await readThread(page, `&parentId=${rootId}&cursor=${cursor}`);
    pages.push(read);
    cursor = read.data.nextCursor;
  }
  return pages;
}
