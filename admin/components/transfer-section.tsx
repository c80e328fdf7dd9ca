import type { I18n } from "../i18n/index.ts";

// The place for the "Import and export" section (issue 4 leaves it for later). It will hold:
//   - import: a file input and a format select (wxr | disqus | isso | bascule), sent as the body of
//     POST /api/v1/admin/import?site=S&format=F (application/xml or application/json), then the
//     answer's { threads, comments, skipped, problems } shown in a list;
//   - export: two download buttons for GET /api/v1/admin/export?site=S&format=bascule|wxr
//     (fetched with the token, then saved through a blob: URL; a plain link can't send the token).
// It is not mounted yet: app.tsx lists it in VIEWS once the worker has those routes.

interface Props {
  i18n: I18n;
  site: string;
}

export function TransferSection({ i18n }: Props) {
  return (
    <section class="view" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{i18n.t("nav.transfer")}</h2>
    </section>
  );
}
