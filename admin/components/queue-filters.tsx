import { useEffect, useState } from "preact/hooks";
import { SEARCH_MAX } from "../../worker/lib/fields.ts";
import type { TextKey } from "../i18n/en.ts";
import type { I18n } from "../i18n/index.ts";
import type { StatusFilter } from "../queue-state.ts";

const FILTERS: Array<[StatusFilter, TextKey]> = [
  ["pending", "queue.status.pending"],
  ["approved", "queue.status.approved"],
  ["spam", "queue.status.spam"],
  ["all", "queue.status.all"],
];

/** Toggle buttons (aria-pressed) rather than ARIA tabs: each one reloads the list below. */
export function StatusFilters({ i18n, value, onChange }: { i18n: I18n; value: StatusFilter; onChange: (filter: StatusFilter) => void }) {
  return (
    <div class="segmented" role="group" aria-label={i18n.t("queue.status")}>
      {FILTERS.map(([filter, label]) => (
        <button key={filter} type="button" class="segment" aria-pressed={filter === value} onClick={() => onChange(filter)}>
          {i18n.t(label)}
        </button>
      ))}
    </div>
  );
}

/** Search over text, author and e-mail (the API's `q=`), sent with Enter or the button. */
export function SearchForm({ i18n, value, onSearch }: { i18n: I18n; value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <form
      class="search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <label for="queue-search" class="sr-only">
        {i18n.t("queue.search")}
      </label>
      <input
        id="queue-search"
        type="search"
        value={text}
        placeholder={i18n.t("queue.search")}
        maxLength={SEARCH_MAX}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <button type="submit" class="button">
        {i18n.t("queue.searchSubmit")}
      </button>
      {value && (
        <button
          type="button"
          class="button button-quiet"
          onClick={() => {
            setText("");
            onSearch("");
          }}
        >
          {i18n.t("queue.searchClear")}
        </button>
      )}
    </form>
  );
}
