import { z } from "zod";

// A site's settings (API.md "Site settings"). Stored as JSON in sites.settings; a field
// that is missing takes its default, so adding a setting needs no migration.

export const WEBHOOK_EVENTS = ["comment.created", "comment.published", "comment.deleted"] as const;
export const WEBHOOK_FORMATS = ["json", "slack", "discord", "ntfy"] as const;
export const WEBHOOKS_MAX = 5;
export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_SECRET_MIN = 16;
export const WEBHOOK_SECRET_MAX = 200;

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
  // Signed webhooks (issue 11, docs/webhooks.md): where each comment event is POSTed.
  webhooks: z
    .array(webhookSchema(), { error: "webhooks must be a list of { url, secret, events?, format? }." })
    .max(WEBHOOKS_MAX, { error: `At most ${WEBHOOKS_MAX} webhooks.` })
    .superRefine((webhooks, ctx) => {
      // Each delivery is named by its event and its URL (notify/fanout.ts deliveryId): two alike would be one.
      const seen = new Set<string>();
      webhooks.forEach((webhook, index) => {
        if (seen.has(webhook.url)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "url"],
            message: "This webhook URL is listed twice.",
            params: { code: "duplicate" },
          });
        }
        seen.add(webhook.url);
      });
    }),
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
  webhooks: [],
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

function webhookSchema() {
  return z.strictObject(
    {
      url: z
        .string({ error: "A webhook's url must be text." })
        .trim()
        .max(WEBHOOK_URL_MAX, { error: `A webhook's url must be at most ${WEBHOOK_URL_MAX} characters.` })
        .superRefine((url, ctx) => {
          const problem = webhookUrlProblem(url);
          if (problem) ctx.addIssue({ code: "custom", message: problem.message, params: { code: problem.code } });
        }),
      // Printable ASCII, so that every receiver's HMAC library reads the same bytes.
      secret: z
        .string({ error: "A webhook's secret must be text." })
        .min(WEBHOOK_SECRET_MIN, { error: `A webhook's secret must be at least ${WEBHOOK_SECRET_MIN} characters.` })
        .max(WEBHOOK_SECRET_MAX, { error: `A webhook's secret must be at most ${WEBHOOK_SECRET_MAX} characters.` })
        .regex(/^[\x20-\x7e]+$/, { error: "A webhook's secret must be printable ASCII (letters, digits, punctuation, spaces)." }),
      events: z
        .array(z.enum(WEBHOOK_EVENTS, { error: "events are comment.created, comment.published or comment.deleted." }), {
          error: "events must be a list.",
        })
        .min(1, { error: "List at least one event, or leave events out for all of them." })
        .max(10, { error: "events lists each event once." })
        .transform((events) => WEBHOOK_EVENTS.filter((event) => events.includes(event)))
        .default([...WEBHOOK_EVENTS]),
      format: z.enum(WEBHOOK_FORMATS, { error: "format must be json, slack, discord or ntfy." }).default("json"),
    },
    { error: "Each webhook is { url, secret, events?, format? }." },
  );
}

export type Webhook = SiteSettings["webhooks"][number];

/**
 * Why a webhook may not call this URL, or null when it may. Fail closed: https only (http for
 * localhost and 127.0.0.1, for development), no credentials in the URL, and never an address of
 * a private or internal network given as an IP literal or an internal name. A public name that
 * resolves to a private address can't be seen here; Workers' outbound fetch reaches only the
 * public Internet anyway.
 */
export function webhookUrlProblem(text: string): { code: string; message: string } | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { code: "invalid", message: "A webhook's url must be a full address, like https://hooks.example/bascule." };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const local = host === "localhost" || host === "127.0.0.1";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    return { code: "not_https", message: "A webhook's url must be https (http only for localhost and 127.0.0.1)." };
  }
  if (url.username !== "" || url.password !== "") {
    return { code: "has_credentials", message: "A webhook's url may not hold a user name or password: the secret signs each call." };
  }
  if (!local && isInternalHost(host)) {
    return {
      code: "private_address",
      message:
        "A webhook may not call a private or internal address (such as 10.x, 192.168.x, 169.254.x, [::1] or a name without a dot): only public hosts, or localhost and 127.0.0.1 for development.",
    };
  }
  return null;
}

const INTERNAL_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".lan"];

function isInternalHost(host: string): boolean {
  if (host.startsWith("[")) return isInternalIpv6(host.slice(1, -1));
  const v4 = ipv4(host);
  if (v4 !== null) return isInternalIpv4(v4);
  return !host.includes(".") || INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** The four bytes of a dotted IPv4 address (the URL parser already turned 0x7f.1 and 2130706433 into one). */
function ipv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : null;
}

function isInternalIpv4([a = 0, b = 0, c = 0]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    a === 127 ||
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** The URL parser gives IPv6 in its shortest form, lower case, with no zone. */
function isInternalIpv6(address: string): boolean {
  const groups = ipv6Groups(address);
  if (groups === null) return true; // not understood: refused
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && (g5 === 0 || g5 === 0xffff)) return true; // ::, ::1, IPv4-compatible and IPv4-mapped
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return isInternalIpv4([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]); // NAT64
  }
  return (
    (g0 & 0xfe00) === 0xfc00 || // unique local
    (g0 & 0xffc0) === 0xfe80 || // link-local
    (g0 & 0xffc0) === 0xfec0 || // site-local (deprecated)
    (g0 & 0xff00) === 0xff00 // multicast
  );
}

function ipv6Groups(address: string): number[] | null {
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  let text = address;
  if (tail?.[1]) {
    const bytes = ipv4(tail[1]);
    if (bytes === null) return null;
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    text = `${address.slice(0, -tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (half: string | undefined) => (half ? half.split(":").map((group) => Number.parseInt(group, 16)) : []);
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...rest];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

/** Settings as the audit log keeps them: a webhook's secret is the owner's, never written to a log. */
export function settingsForLog<T extends { webhooks?: readonly Webhook[] }>(settings: T): T {
  if (!settings.webhooks) return settings;
  return { ...settings, webhooks: settings.webhooks.map((webhook) => ({ ...webhook, secret: "(hidden)" })) };
}
