import type { AdminApi } from "../api.ts";
import type { I18n } from "../i18n/index.ts";
import { ExportButtons } from "./export-buttons.tsx";
import { ImportForm } from "./import-form.tsx";
import { ThreadMoves } from "./thread-moves.tsx";

// "Import and export" (issue 6): the owner routes of docs/export-format.md from the browser.
// Each part says what happened in a status region of its own, so several can run at once.

interface Props {
  api: AdminApi;
  i18n: I18n;
  site: string;
}

export function TransferSection({ api, i18n, site }: Props) {
  const parts = { api, i18n, site };
  return (
    <section class="view transfer" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{i18n.t("nav.transfer")}</h2>
      <ImportForm {...parts} />
      <ExportButtons {...parts} />
      <ThreadMoves {...parts} />
    </section>
  );
}
