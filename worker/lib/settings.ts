import { z } from "zod";

// A site's settings (API.md "Site settings"). Stored as JSON in sites.settings; a field
// that is missing takes its default, so adding a setting needs no migration.

function wholeNumber(name: string, min: number, max: number) {
  return z
    .number({ error: `${name} must be a number.` })
    .int({ error: `${name} must be a whole number.` })
    .min(min, { error: `${name} must be at least ${min}.` })
    .max(max, { error: `${name} must be at most ${max}.` });
}

const fields = {
  moderation: z.enum(["none", "first", "all"], { error: "moderation must be none, first or all." }),
  maxLinks: wholeNumber("maxLinks", 0, 100),
  holdWords: z.array(z.string().trim().min(1).max(100)).max(1000, { error: "At most 1000 hold words." }),
  blockWords: z.array(z.string().trim().min(1).max(100)).max(1000, { error: "At most 1000 block words." }),
  ownerEmails: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email({ error: "ownerEmails holds an invalid e-mail." })),
    )
    .max(20),
  editWindowMinutes: wholeNumber("editWindowMinutes", 0, 7 * 24 * 60),
  displayDepth: wholeNumber("displayDepth", 1, 20),
  locale: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: "locale must be a BCP 47 tag such as fr or en-GB." }),
  closeAfterDays: wholeNumber("closeAfterDays", 1, 36_500).nullable(),
  minSubmitSeconds: wholeNumber("minSubmitSeconds", 0, 60),
  turnstileSiteKey: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z_-]{1,100}$/, { error: "turnstileSiteKey is not a Turnstile site key." })
    .nullable(),
  // IP hashes are pseudonyms, not anonymity: kept only as long as abuse handling needs them
  // (issue 10, item 13). At least a day, so the hourly limit and the duplicate rule still see them.
  ipRetentionDays: wholeNumber("ipRetentionDays", 1, 3650),
  // Which new comments the owner is mailed about (issue 11): each one, only held ones, a daily digest, or none.
  notifyOwner: z.enum(["all", "held", "digest", "none"], { error: "notifyOwner must be all, held, digest or none." }),
};

export type SiteSettings = { [K in keyof typeof fields]: z.infer<(typeof fields)[K]> };

export const DEFAULT_SETTINGS: SiteSettings = {
  moderation: "first",
  maxLinks: 2,
  holdWords: [],
  blockWords: [],
  ownerEmails: [],
  editWindowMinutes: 15,
  displayDepth: 6,
  locale: "en",
  closeAfterDays: null,
  minSubmitSeconds: 3,
  turnstileSiteKey: null,
  ipRetentionDays: 30,
  notifyOwner: "all",
};

/** Settings an owner sends: any subset of the fields, nothing else. */
export const settingsPatchSchema = z.strictObject(fields).partial();

export const originPattern = z
  .string({ error: "origins must be a list of origins." })
  .trim()
  .toLowerCase()
  .regex(/^https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?$/, {
    error: 'Each origin is a scheme and host, with an optional port or ":*", like https://blog.example.',
  });

export const originsSchema = z.array(originPattern).min(1, { error: "List at least one origin." }).max(50);

export function parseStoredSettings(json: string): SiteSettings {
  const stored = z.object(fields).partial().safeParse(JSON.parse(json));
  return { ...DEFAULT_SETTINGS, ...(stored.success ? stored.data : {}) };
}
