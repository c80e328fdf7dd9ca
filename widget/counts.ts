import { logRefusal, type Api } from "./api.ts";
import type { WidgetConfig } from "./config.ts";
import type { I18n } from "./i18n/en.ts";
import { normalisePageKey } from "./page-key.ts";

/**
 * Fills every `[data-bascule-count="PAGE"]` on the page with "N comments" (in the plural forms of
 * the language: "2 komentarze", "5 komentarzy"), one request
 * for all of them (one per 100 pages, widget/api.ts). An empty value means the current
 * page. The API answers under the keys as asked, so the elements are matched on exactly
 * what was sent.
 */
export async function updateCounts(api: Api, { site, page: currentPage }: WidgetConfig, i18n: I18n) {
  const elements = Array.from(document.querySelectorAll<HTMLElement>("[data-bascule-count]"));
  const keyOf = (element: HTMLElement) => normalisePageKey(element.dataset.basculeCount ?? "") || currentPage;
  const keys = [...new Set(elements.map(keyOf))];
  let counts: Record<string, number>;
  try {
    counts = await api.counts(site, keys);
  } catch (error) {
    logRefusal(error);
    return;
  }
  for (const element of elements) element.textContent = i18n.plural("thread.count", counts[keyOf(element)] ?? 0);
}
