import { RateLimited } from "./errors.ts";

// Per-writer limits. Minutes use the Workers Rate Limiting binding (fixed windows aligned
// to the clock). The binding's longest period is 60 s, so the hourly comment limit is
// counted from the writer's own recent comments in D1 — no extra table to keep.

export const COMMENTS_PER_HOUR = 30;
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** Seconds until the binding's current 60 s window ends. */
function secondsToNextMinute(now: number): number {
  return 60 - Math.floor(now / 1000) % 60;
}

export async function limitPerMinute(limiter: RateLimit, key: string, what: string, now = Date.now()): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) throw new RateLimited(secondsToNextMinute(now), `Too many ${what} in a minute. Try again shortly.`);
}

/** `recent` are the writer's comments on the site in the last hour, oldest first. */
export function limitPerHour(recent: readonly { created_at: string }[], now = Date.now()): void {
  if (recent.length < COMMENTS_PER_HOUR) return;
  const oldest = recent[recent.length - COMMENTS_PER_HOUR];
  const retryAfter = Math.max(1, Math.ceil((Date.parse(oldest?.created_at ?? "") + 3_600_000 - now) / 1000));
  throw new RateLimited(retryAfter, `At most ${COMMENTS_PER_HOUR} comments an hour. Try again later.`);
}
