/** Only http(s) addresses become links: no javascript:, data: or relative URLs from user input. */
export function httpUrl(value: string | null | undefined): string | null {
  try {
    const url = new URL(value ?? "");
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
