// Shared by the suites that throw whole corpora at the API (XSS payloads, naughty strings, fuzzing).

/** API.md: `{ error: { code: snake_case, message, field? } }` and nothing else. */
export function errorShapeProblems(json: unknown): string[] {
  const error = (json as { error?: Record<string, unknown> } | null)?.error;
  if (typeof error !== "object" || error === null) return ["no error object"];
  const problems: string[] = [];
  if (typeof error.code !== "string" || !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(error.code))
    problems.push(`code ${JSON.stringify(error.code)} is not snake_case`);
  if (typeof error.message !== "string" || error.message === "") problems.push("no message");
  if ("field" in error && typeof error.field !== "string") problems.push("field is not a string");
  const extra = Object.keys(error).filter((key) => !["code", "message", "field"].includes(key));
  if (extra.length > 0) problems.push(`extra keys ${extra.join(", ")}`);
  return problems;
}

/** Runs `work` over `items`, `width` at a time. */
export async function inPool<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}

// What the API promises to do to free text (issue 5 "Input rules"): NFC, no control characters
// but newline and tab, lone surrogates replaced. Written out here rather than imported, so the
// tests do not check the worker against itself.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
export const cleaned = (text: string): string => text.toWellFormed().normalize("NFC").replace(CONTROL, "");
