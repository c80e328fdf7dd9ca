import type { SiteBody } from "../worker/api-types.ts";
import type { SiteChange } from "./api.ts";

// The settings form's fields and how each one travels between a form control and the
// API's SiteBody. The form sends every field; the API validates and names the field at
// fault (API.md errors), which the form shows next to it.

export type FieldName = keyof SiteChange;

/** Every field of SiteBody but the key, in the order the form shows them. */
export const FIELD_ORDER = [
  "origins",
  "moderation",
  "maxLinks",
  "holdWords",
  "blockWords",
  "ownerEmails",
  "editWindowMinutes",
  "displayDepth",
  "locale",
  "closeAfterDays",
  "minSubmitSeconds",
  "turnstileSiteKey",
  "ipRetentionDays",
] as const satisfies readonly FieldName[];

// A compile-time check that the form covers the API: adding a setting to SiteSettingsBody
// without adding it here fails the type check.
type Missing = Exclude<FieldName, (typeof FIELD_ORDER)[number]>;
const covered: Missing extends never ? true : Missing = true;
void covered;

export type FieldKind = "list" | "integer" | "optionalInteger" | "text" | "optionalText" | "moderation";

export const FIELD_KINDS: Record<FieldName, FieldKind> = {
  origins: "list",
  moderation: "moderation",
  maxLinks: "integer",
  holdWords: "list",
  blockWords: "list",
  ownerEmails: "list",
  editWindowMinutes: "integer",
  displayDepth: "integer",
  locale: "text",
  closeAfterDays: "optionalInteger",
  minSubmitSeconds: "integer",
  turnstileSiteKey: "optionalText",
  ipRetentionDays: "integer",
};

/** The text a control starts with. */
export function formValue(site: SiteBody, field: FieldName): string {
  const value = site[field];
  if (Array.isArray(value)) return value.join("\n");
  return value === null ? "" : String(value);
}

/** What the API gets for what the owner typed. A number that isn't one goes as is, for the API to name. */
export function apiValue(kind: FieldKind, text: string): unknown {
  const trimmed = text.trim();
  switch (kind) {
    case "list":
      return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length > 0);
    case "integer":
    case "optionalInteger": {
      if (trimmed === "") return kind === "optionalInteger" ? null : trimmed;
      const number = Number(trimmed);
      return Number.isFinite(number) ? number : trimmed;
    }
    case "optionalText":
      return trimmed === "" ? null : trimmed;
    case "text":
    case "moderation":
      return trimmed;
  }
}

/**
 * The whole PUT body, read from the form's controls by name. Typed as the API's shape, though a
 * value typed wrong ("abc" for a number) goes as typed on purpose: the API's error names it.
 */
export function siteChange(read: (field: FieldName) => string): SiteChange {
  const change: Partial<Record<FieldName, unknown>> = {};
  for (const field of FIELD_ORDER) change[field] = apiValue(FIELD_KINDS[field], read(field));
  return change as unknown as SiteChange;
}

/** The API names an item of a list ("origins.2"); the form shows it on the list's field. */
export function fieldOf(apiField: string | undefined): FieldName | null {
  const head = apiField?.split(".")[0];
  return FIELD_ORDER.find((field) => field === head) ?? null;
}
