import { useEffect } from "preact/hooks";
import type { I18n } from "../i18n/index.ts";

export interface Toast {
  id: number;
  text: string;
  error?: boolean;
  /** The last action's undo; the toast shows an Undo button while it lasts. */
  undo?: () => void;
  /** How long it stays. A delayed delete is sent when its toast goes. */
  ms: number;
}

interface Props {
  i18n: I18n;
  toast: Toast | null;
  onUndo: () => void;
  onExpire: (id: number) => void;
}

/**
 * Both live regions are always in the DOM, so screen readers announce what appears in
 * them: the polite one for done/undo, the assertive one for failures.
 */
export function ToastRegion({ i18n, toast, onUndo, onExpire }: Props) {
  useEffect(() => {
    if (!toast) return undefined;
    const timer = setTimeout(() => onExpire(toast.id), toast.ms);
    return () => clearTimeout(timer);
  }, [toast, onExpire]);

  const body = toast && (
    <div class={toast.error ? "toast toast-error" : "toast"}>
      <span>{toast.text}</span>
      {toast.undo && (
        <button type="button" class="button button-quiet" onClick={onUndo} aria-keyshortcuts="u">
          {i18n.t("action.undo")}
        </button>
      )}
    </div>
  );
  return (
    <div class="toasts">
      <div role="status" aria-live="polite" aria-atomic="true">
        {toast && !toast.error && body}
      </div>
      <div role="alert" aria-atomic="true">
        {toast?.error && body}
      </div>
    </div>
  );
}
