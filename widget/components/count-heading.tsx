import type { I18n } from "../i18n/index.ts";

/** "4 comments" once the thread is known; the section's name until then. */
export function CountHeading({ i18n, count }: { i18n: I18n; count: number | null }) {
  return <h2 class="bascule-count">{count === null ? i18n.t("thread.label") : i18n.plural("thread.count", count)}</h2>;
}
