// Per-writer limits. Minutes use the Workers Rate Limiting binding (fixed windows aligned
// to the clock). The binding's longest period is 60 s, so the hourly comment limit is
// counted from the writer's own recent comments in D1 — no extra table to keep.
// Each rule returns a verdict (the seconds to wait, or null); the route answers 429.

export const COMMENTS_PER_HOUR = 30;
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** Seconds until the binding's current 60 s window ends. */
function secondsToNextMinute(now: number): number {
  return 60 - (Math.floor(now / 1000) % 60);
}

/** The seconds to wait when the key has used up this minute, else null. */
export async function limitPerMinute(limiter: RateLimit, key: string, now = Date.now()): Promise<number | null> {
  const { success } = await limiter.limit({ key });
  return success ? null : secondsToNextMinute(now);
}

/** `recent` are the writer's comments on the site in the last hour, oldest first: the seconds to wait, or null. */
export function limitPerHour(recent: readonly { created_at: string }[], now = Date.now()): number | null {
  if (recent.length < COMMENTS_PER_HOUR) return null;
  const oldest = recent[recent.length - COMMENTS_PER_HOUR];
  return Math.max(1, Math.ceil((Date.parse(oldest?.created_at ?? "") + 3_600_000 - now) / 1000));
}

/** The same body on the same page from the same writer within the window is refused. */
export function isDuplicate(
  recent: readonly { created_at: string; body: string; page: string }[],
  comment: { page: string; body: string },
  now = Date.now(),
): boolean {
  return recent.some(
    (earlier) =>
      earlier.page === comment.page && earlier.body === comment.body && now - Date.parse(earlier.created_at) < DUPLICATE_WINDOW_MS,
  );
}
