import { useState } from "preact/hooks";
import { errorText, type AdminApi } from "../api.ts";
import type { I18n } from "../i18n/index.ts";
import { saveBlob, type ExportFormat } from "../transfer-files.ts";

interface Props {
  api: AdminApi;
  i18n: I18n;
  site: string;
}

const FORMATS = ["bascule", "wxr"] as const satisfies readonly ExportFormat[];

/** One button per export format: fetched with the token, then saved as a file (no token in any URL). */
export function ExportButtons({ api, i18n, site }: Props) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [saved, setSaved] = useState("");
  const [failure, setFailure] = useState("");

  const download = async (format: ExportFormat) => {
    setBusy(format);
    setSaved("");
    setFailure("");
    try {
      const { blob, name } = await api.exportFile(site, format);
      saveBlob(blob, name);
      setSaved(name);
    } catch (error) {
      setFailure(errorText(error, i18n));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="transfer-part" aria-labelledby="export-title">
      <h3 id="export-title">{i18n.t("transfer.export.title")}</h3>
      <p id="export-hint" class="hint">
        {i18n.t("transfer.export.hint")}
      </p>
      <div class="actions" role="group" aria-labelledby="export-title" aria-describedby="export-hint">
        {FORMATS.map((format) => (
          <button key={format} type="button" class="button" disabled={busy !== null} onClick={() => void download(format)}>
            {i18n.t(`transfer.format.${format}`)}
          </button>
        ))}
      </div>
      <div role="status" class="transfer-status">
        {busy !== null && <p>{i18n.t("transfer.export.busy")}</p>}
        {saved && <p>{i18n.t("transfer.export.done", { name: saved })}</p>}
      </div>
      {failure && (
        <p class="error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
