// How a reader's edit tokens travel with a thread read, shared by the worker (which reads
// them, worker/lib/edit-token.ts) and the widget (which sends them, widget/api.ts, and keeps
// no more than the worker reads, widget/extra/tokens.ts). Pure: no Hono, no D1, no DOM.

/** The request header of a thread read carrying the reader's edit tokens, space-separated. */
export const READER_TOKENS_HEADER = "Bascule-Tokens";

/** The most tokens the worker reads from that header; the widget keeps the newest this many. */
export const MAX_READER_TOKENS = 50;
