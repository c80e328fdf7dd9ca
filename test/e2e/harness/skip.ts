// The one switch that skips the end-to-end suite, and the warning that says so out loud.

/** `BASCULE_SKIP_E2E=1` is the only way to skip the end-to-end suite; without it a missing browser fails the run. */
export const skipE2E = process.env.BASCULE_SKIP_E2E === "1";
if (skipE2E) {
  console.warn(
    "\n⚠️  BASCULE_SKIP_E2E=1: the end-to-end suite (real Chromium against wrangler dev) is SKIPPED.\n" +
      "   Nothing proves the widget and the API work together in this run. Unset it to run them.\n",
  );
}
