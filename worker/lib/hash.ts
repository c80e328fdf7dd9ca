// Hashes and tokens. Nothing personal is stored in the clear that need not be:
// IPs are kept only as salted hashes, edit tokens only as hashes.

const encoder = new TextEncoder();

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function saltedHash(salt: string, value: string): Promise<string> {
  return sha256Hex(`${salt}\u0000${value}`);
}

/** IPv6 readers get a whole /64 each, so a hash per address would be too easy to rotate. */
export function ipNetwork(ip: string): string {
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = ip.includes("::") ? [...headGroups, ...Array(Math.max(missing, 0)).fill("0"), ...tailGroups] : headGroups;
  return (
    groups
      .slice(0, 4)
      .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""))
      .join(":") + "::/64"
  );
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** 192 random bits, URL-safe. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_");
}

/** The salted hashes of the site owner's e-mails, to mark their comments `byOwner`. */
export async function ownerEmailHashes(salt: string, emails: readonly string[]): Promise<Set<string>> {
  return new Set(await Promise.all(emails.map((email) => saltedHash(salt, normaliseEmail(email)))));
}
