// Allowed origins are exact ("https://blog.example") or any port of a host
// ("http://localhost:*"), as site settings list them.

export function isOriginAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return false;
  return allowed.some((pattern) => {
    if (!pattern.endsWith(":*")) return pattern === origin;
    const base = pattern.slice(0, -2);
    return origin === base || (origin.startsWith(`${base}:`) && /^\d{1,5}$/.test(origin.slice(base.length + 1)));
  });
}

/** Whether a page URL is on one of the site's origins (a thread's URL must be: issue 10, item 8). */
export function isUrlOnOrigins(url: string, allowed: readonly string[]): boolean {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  return isOriginAllowed(origin, allowed);
}
