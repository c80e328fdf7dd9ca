import type { CountsResponse } from "../worker/api-types.ts";
import { COUNTS_PAGES_MAX } from "../worker/lib/fields.ts";
import type { Api, Request } from "./api.ts";
import type { WidgetConfig } from "./config.ts";
import type { I18n } from "./i18n/en.ts";
import { normalisePageKey } from "./page-key.ts";

// Part of embed-page.js (widget/embed-page.ts), which embed.js loads once the thread is
// read, and only on pages that have count elements.

type Counts = CountsResponse["counts"];
type CountsReader = (site: string, pages: string[]) => Promise<Counts>;

/** "N comments" for each of `pages` of `site`, under the keys as sent: one request per 100 pages (API.md). */
export async function readCounts(request: Request, site: string, pages: string[]): Promise<Counts> {
  const counts: Counts = {};
  for (let start = 0; start < pages.length; start += COUNTS_PAGES_MAX) {
    const query = new URLSearchParams({ site });
    for (const page of pages.slice(start, start + COUNTS_PAGES_MAX)) query.append("page", page);
    Object.assign(counts, (await request<CountsResponse>(`counts?${query}`)).data.counts);
  }
  return counts;
}

/**
 * Fills every `[data-bascule-count="PAGE"]` on the page with "N comments" (in the plural forms of
 * the language: "2 komentarze", "5 komentarzy"), one request for all of them. An empty value
 * means the current page. The API answers under the keys as asked, so the elements are matched
 * on exactly what was sent. A refused read was already reported by the thread's (same site,
 * same origin): the elements stay as they are.
 */
export async function updateCounts(api: Api | { counts: CountsReader }, { site, page: currentPage }: WidgetConfig, i18n: I18n) {
  // Through the API's request helper; a test may give its counts instead.
  const read: CountsReader = "counts" in api ? api.counts : (...query) => readCounts(api.request, ...query);
  const elements = Array.from(document.querySelectorAll<HTMLElement>("[data-bascule-count]"));
  const keyOf = (element: HTMLElement) => normalisePageKey(element.dataset.basculeCount ?? "") || currentPage;
  const counts = await read(site, [...new Set(elements.map(keyOf))]).catch(() => null);
  if (counts) for (const element of elements) element.textContent = i18n.plural("thread.count", counts[keyOf(element)] ?? 0);
}
