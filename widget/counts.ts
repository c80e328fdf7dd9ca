import type { CountsResponse } from "../worker/api-types.ts";
import { ApiError, type Api } from "./api.ts";
import type { I18n } from "./i18n/index.ts";
import { normalisePageKey } from "./page-key.ts";

/** The most pages the API counts in one request (API.md). */
const BATCH = 100;

/**
 * Fills every `[data-bascule-count="PAGE"]` on the page with "N comments", one request
 * for all of them. An empty value means the current page. The API answers under the
 * keys as asked, so the elements are matched on exactly what was sent.
 */
export async function updateCounts(doc: Document, api: Api, site: string, currentPage: string, i18n: I18n) {
  const elements = Array.from(doc.querySelectorAll<HTMLElement>("[data-bascule-count]"));
  const keyOf = (element: HTMLElement) => normalisePageKey(element.dataset.basculeCount ?? "") || currentPage;
  const keys = [...new Set(elements.map(keyOf))];
  const counts: Record<string, number> = {};
  try {
    for (let start = 0; start < keys.length; start += BATCH) {
      const query = new URLSearchParams({ site });
      for (const key of keys.slice(start, start + BATCH)) query.append("page", key);
      Object.assign(counts, (await api.request<CountsResponse>(`counts?${query}`)).data.counts);
    }
  } catch (error) {
    if (error instanceof ApiError && error.message) console.error(`[bascule] ${error.message}`);
    return;
  }
  for (const element of elements) element.textContent = i18n.plural("thread.count", counts[keyOf(element)] ?? 0);
}
