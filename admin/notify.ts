/** Shows a toast; a new one replaces the last (and with it the last action's undo). */
export type Notify = (text: string, options?: { error?: boolean; undo?: () => void; ms?: number }) => void;
