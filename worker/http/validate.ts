import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { decodeCursor, type PageCursor } from "../db/paging.ts";
import { ApiError } from "./errors.ts";
import { PAGE_MAX, SITE_KEY_MAX, SITE_KEY_PATTERN } from "../lib/fields.ts";
import { cleanText, hasVisibleContent } from "../lib/text.ts";

// Validation at the edge: every route that takes input runs one of these, and the
// first problem becomes API.md's error with the field it concerns and a code of its
// own ("body_too_long", "email_invalid", …).

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    const issue = result.error.issues[0];
    if (issue === undefined) throw new ApiError(400, "invalid_request", "The request is not valid.");
    // An unknown key has the object's path; the field to name is the key itself.
    const path = issue.code === "unrecognized_keys" ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
    const field = path.join(".") || undefined;
    const leaf = snakeCase(String(path.findLast((key) => typeof key === "string") ?? target));
    const given = issue.path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key], result.data);
    throw new ApiError(400, `${leaf}_${problemWord(issue, given)}`, issue.message, field);
  });
}

/** API.md's error codes are snake_case: `parentId` → `parent_id`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function problemWord(issue: z.core.$ZodIssue, given: unknown): string {
  if (given === undefined && issue.code !== "custom") return "required";
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string" ? "too_long" : "too_large";
    case "too_small":
      return issue.origin === "string" ? (issue.minimum === 1 ? "empty" : "too_short") : "too_small";
    case "invalid_type":
      return "invalid_type";
    case "unrecognized_keys":
      return "unknown_field";
    case "custom":
      return typeof issue.params?.code === "string" ? issue.params.code : "invalid";
    default:
      return "invalid";
  }
}

/** Free text of at most `max` characters, cleaned; `required` texts must show something. */
export function text(label: string, max: number, required = false) {
  const base = z
    .string({ error: `${label} must be text.` })
    .transform(cleanText)
    .pipe(z.string().max(max, { error: `${label} must be at most ${max} characters.` }));
  if (!required) return base;
  return base.refine(hasVisibleContent, { error: `${label} is empty.`, params: { code: "empty" } });
}

/** An optional form field: an empty or blank string counts as not given. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());
}

export function httpUrl(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .pipe(z.url({ protocol: /^https?$/, error: `${label} must be an http or https address.` }));
}

export const siteKey = z.string({ error: "site is required." }).regex(SITE_KEY_PATTERN, {
  error: `site must be 1 to ${SITE_KEY_MAX} lower-case letters, digits or dashes.`,
});

/** A page key, cleaned like other text (lib/page-key.ts normalises it further). */
export const pageKey = z
  .string({ error: "page is required." })
  .transform(cleanText)
  .pipe(
    z
      .string()
      .trim()
      .min(1, { error: "page is empty." })
      .max(PAGE_MAX, { error: `page must be at most ${PAGE_MAX} characters.` }),
  );

/** A page cursor from the query string: none, one this API gave out, or the 400. */
export function cursorParam(cursor: string | undefined): PageCursor | null {
  if (cursor === undefined) return null;
  const decoded = decodeCursor(cursor);
  if (decoded === null) throw new ApiError(400, "invalid_cursor", "The cursor is not one this API gave out.", "cursor");
  return decoded;
}
