/**
 * The modules the lazily loaded parts (widget/parts.ts) take from embed.js instead of
 * bundling their own copy, by their path under widget/ (bare names are packages): one
 * Preact, and one ApiError class (errorText checks `instanceof`). scripts/build-widget.ts
 * maps the parts' imports of them to `window.__basculeShared`, which widget/parts.ts fills
 * with every name the parts use.
 */
export const SHARED_MODULES = ["preact/jsx-runtime", "parts.ts", "api.ts", "storage.ts", "components/comment-form.tsx"];
