/**
 * The modules the lazily loaded parts (widget/parts.ts) take from embed.js instead of
 * bundling their own copy, by their path under widget/ (bare names are packages): Preact's
 * JSX runtime (one Preact), api.ts (one ApiError class: errorText checks `instanceof`),
 * parts.ts (the one registry definePart fills), storage.ts, and comment-form.tsx (the form
 * embed.js already renders, which own.tsx renders for edits). scripts/build-widget.ts
 * maps the parts' imports of them to `window.__basculeShared`, which widget/parts.ts fills
 * with every name the parts use.
 */
export const SHARED_MODULES = ["preact/jsx-runtime", "parts.ts", "api.ts", "storage.ts", "components/comment-form.tsx"];
