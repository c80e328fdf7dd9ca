import { logRefusal, type Api } from "./api.ts";
import type { I18n } from "./i18n/en.ts";
import { normalisePageKey } from "./page-key.ts";

/**
 * Fills every `[data-bascule-count="PAGE"]` on the page with "N comments", one request
 * for all of them (one per 100 pages, widget/api.ts). An empty value means the current
 * page. The API answers under the keys as asked, so the elements are matched on exactly
 * what was sent.
 */
export async function updateCounts(doc: Document, api: Api, site: string, currentPage: string, i18n: I18n) {
  const elements = Array.from(doc.querySelectorAll<HTMLElement>("[data-bascule-count]"));
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
