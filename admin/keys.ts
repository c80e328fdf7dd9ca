// Single-letter shortcuts (j/k/a/s/d/u) must never fire while the owner types: in a text
// field, a select, or anything contenteditable. Checkboxes and buttons don't take letters.

const NOT_TYPING = new Set(["button", "checkbox", "radio", "submit", "reset", "image", "file", "range", "color"]);

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type);
}

export type Shortcut = "next" | "previous" | "approve" | "spam" | "delete" | "undo";

const KEYS: Record<string, Shortcut> = { j: "next", k: "previous", a: "approve", s: "spam", d: "delete", u: "undo" };

/** The shortcut a key press means, or null: modified keys (Ctrl+A, Cmd+S…) stay the browser's. */
export function shortcutOf(event: KeyboardEvent): Shortcut | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  if (isTyping(event.target)) return null;
  return KEYS[event.key.toLowerCase()] ?? null;
}
