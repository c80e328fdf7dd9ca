// Types for docs/webhook-verify.js, the code docs/webhooks.md shows (test/worker/webhooks.test.ts runs it).
export function verifyBasculeSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string,
  toleranceSeconds?: number,
): Promise<boolean>;
