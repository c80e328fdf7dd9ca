import type { z } from "zod";
import { ImportFileError } from "./model.ts";

// JSON imports: a syntax error names its line and column, a shape error the element
// ("[0].comments[1].created") and what is wrong with it.

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
    const before = text.slice(0, position);
    const line = before.split("\n").length;
    const column = position - before.lastIndexOf("\n");
    const ended = position >= text.trimEnd().length;
    throw new ImportFileError(
      "malformed_file",
      `This ${what} is not valid JSON at line ${line}, column ${column}${ended ? " (the file ends too soon: is it truncated?)" : ""}: ${message.replace(/ in JSON at position.*$/s, "")}.`,
      line,
    );
  }
}

export function checkShape<T extends z.ZodType>(schema: T, data: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? [])
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("")
    .replace(/^\./, "");
  throw new ImportFileError(
    "malformed_file",
    `This ${what} has a problem at ${path || "its top level"}: ${issue?.message ?? "not valid"}.`,
  );
}
