import type { AdminComment } from "../worker/api-types.ts";
import type { QueueStatus } from "./api.ts";

// The moderation list and its selection, as a reducer: every change the page makes to
// the list (a page loaded, a comment gone after an action, one back after an undo, j/k)
// goes through here, so the selection always points at something that is on screen.

export type StatusFilter = QueueStatus | "all";

export interface QueueState {
  items: AdminComment[];
  /** The id of the comment that j/k moved to and a/s/d act on. */
  selected: string | null;
}

export type QueueAction =
  | { type: "loaded"; items: AdminComment[]; append: boolean }
  | { type: "removed"; id: string }
  /** A comment changed or came back (undo): shown at `index` if it belongs under `filter`. */
  | { type: "put"; comment: AdminComment; index: number; filter: StatusFilter; select?: boolean }
  | { type: "select"; id: string | null }
  | { type: "move"; by: 1 | -1 };

export const EMPTY_QUEUE: QueueState = { items: [], selected: null };

export function belongs(comment: AdminComment, filter: StatusFilter): boolean {
  return filter === "all" || comment.status === filter;
}

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  const { items, selected } = state;
  switch (action.type) {
    case "loaded": {
      const next = action.append ? [...items, ...action.items.filter((c) => !items.some((o) => o.id === c.id))] : action.items;
      return { items: next, selected: next.some((c) => c.id === selected) ? selected : null };
    }
    case "removed": {
      const index = items.findIndex((c) => c.id === action.id);
      if (index < 0) return state;
      const next = items.filter((c) => c.id !== action.id);
      // The comment that slides into the removed one's place is the next to moderate.
      const follow = selected === action.id ? (next[Math.min(index, next.length - 1)]?.id ?? null) : selected;
      return { items: next, selected: follow };
    }
    case "put": {
      const { comment } = action;
      const index = items.findIndex((c) => c.id === comment.id);
      if (!belongs(comment, action.filter)) return queueReducer(state, { type: "removed", id: comment.id });
      const next = [...items];
      if (index >= 0) next[index] = comment;
      else next.splice(Math.max(0, Math.min(action.index, next.length)), 0, comment);
      return { items: next, selected: action.select ? comment.id : selected };
    }
    case "select":
      if (action.id === selected || (action.id !== null && !items.some((c) => c.id === action.id))) return state;
      return { items, selected: action.id };
    case "move": {
      if (items.length === 0) return state;
      const index = items.findIndex((c) => c.id === selected);
      // Nothing selected yet: either key starts at the top, where the newest comment is.
      const target = index < 0 ? 0 : Math.max(0, Math.min(items.length - 1, index + action.by));
      return { items, selected: items[target]?.id ?? null };
    }
  }
}
