/** Whether D1 refused a write for this kind of constraint (a race another request won). */
export function constraintFailed(error: unknown, kind: "FOREIGN KEY" | "UNIQUE"): boolean {
  return error instanceof Error && error.message.includes(`${kind} constraint failed`);
}
