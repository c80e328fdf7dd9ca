// The part embed-page.<hash>.js (widget/parts.ts): what the page around the thread gets,
// which first paint doesn't need: the comment counts (`[data-bascule-count]`, loaded once the
// thread is read, on pages that have any), permalinks (when the address names a comment)
// and the following of a single-page site's navigation (loaded as the script-tag widget
// without data-page mounts).

import type { Api } from "./api.ts";
import type { WidgetConfig } from "./config.ts";
import { updateCounts } from "./counts.ts";
import { follow } from "./follow.ts";
import type { I18n } from "./i18n/en.ts";
import { definePart } from "./parts.ts";
import { showPermalink } from "./permalink.ts";

export interface PagePart {
  counts(api: Api, config: WidgetConfig, i18n: I18n): Promise<void>;
  follow: typeof follow;
  showPermalink: typeof showPermalink;
}

const part: PagePart = {
  counts: updateCounts,
  follow,
  showPermalink,
};

definePart("page", part);
