import { z } from "zod";

// A site's settings (API.md "Site settings"), with their defaults. Stored as JSON in
// sites.settings; a missing field takes its default, so new settings need no migration.
export const siteSettingsSchema = z.object({
  moderation: z.enum(["none", "first", "all"]).default("first"),
  maxLinks: z.number().int().min(0).max(100).default(2),
  holdWords: z.array(z.string().min(1).max(100)).max(1000).default([]),
  blockWords: z.array(z.string().min(1).max(100)).max(1000).default([]),
  ownerEmails: z.array(z.email().max(254)).max(20).default([]),
  editWindowMinutes: z.number().int().min(0).max(7 * 24 * 60).default(15),
  displayDepth: z.number().int().min(1).max(20).default(6),
  locale: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/).default("en"),
  closeAfterDays: z.number().int().min(1).nullable().default(null),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export function parseStoredSettings(json: string): SiteSettings {
  return siteSettingsSchema.parse(JSON.parse(json));
}
