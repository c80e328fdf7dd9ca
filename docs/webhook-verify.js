// Checks a Bascule-Signature header: true only for a body signed with your secret in the last
// five minutes. Node 20+ and Cloudflare Workers (Web Crypto in both). Pass the raw body, as received.
export async function verifyBasculeSignature(secret, header, rawBody, toleranceSeconds = 300) {
  const fields = Object.fromEntries(
    String(header ?? "")
      .split(",")
      .map((field) => field.trim().split("=", 2)),
  );
  const t = fields.t ?? "";
  const v1 = fields.v1 ?? "";
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(Date.now() / 1000 - Number(t)) > toleranceSeconds) return false; // too old: a replay
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const mac = new Uint8Array(v1.match(/../g).map((byte) => Number.parseInt(byte, 16)));
  // verify() recomputes HMAC-SHA256(secret, "<t>.<raw body>") and compares in constant time.
  return crypto.subtle.verify("HMAC", key, mac, encoder.encode(`${t}.${rawBody}`));
}
