// Bascule-Signature (API.md "Webhooks"), as Stripe signs its webhooks: the time of the
// attempt and an HMAC-SHA256 of "<t>.<raw body>" with the webhook's secret, in hex.
// docs/webhooks.md shows the receiving side.

const encoder = new TextEncoder();

export async function webhookSignature(secret: string, unixSeconds: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${unixSeconds}.${body}`));
  const hex = [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `t=${unixSeconds},v1=${hex}`;
}
