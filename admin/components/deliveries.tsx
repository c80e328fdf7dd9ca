import { useEffect, useState } from "preact/hooks";
import type { AdminDelivery } from "../../worker/api-types.ts";
import { errorText, type AdminApi } from "../api.ts";
import { channelLabel, kindLabel, statusBadge, statusLabel } from "../delivery-labels.ts";
import type { I18n } from "../i18n/index.ts";

interface Props {
  api: AdminApi;
  i18n: I18n;
  site: string;
}

/** The delivery log (API.md "Transports and the log"): every mail and webhook, newest first. */
export function Deliveries({ api, i18n, site }: Props) {
  const [items, setItems] = useState<AdminDelivery[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = async (cursor: string | null) => {
    setLoading(true);
    try {
      const page = await api.deliveries(site, cursor);
      setItems((shown) => (cursor === null ? page.deliveries : [...(shown ?? []), ...page.deliveries]));
      setNext(page.nextCursor);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(null), [api, site]);

  return (
    <section class="view" aria-labelledby="deliveries-title" aria-busy={loading}>
      <h2 id="deliveries-title">{i18n.t("nav.deliveries")}</h2>
      <div class="view-tools">
        <p class="hint">{i18n.t("deliveries.hint")}</p>
        <button type="button" class="button button-quiet" disabled={loading} onClick={() => void load(null)}>
          {i18n.t("deliveries.refresh")}
        </button>
      </div>
      {items === null && failure === null && <p class="muted">{i18n.t("app.loading")}</p>}
      {failure !== null && (
        <p class="error" role="alert">
          {errorText(failure, i18n)}
        </p>
      )}
      {items?.length === 0 && <p class="empty">{i18n.t("deliveries.empty")}</p>}
      {items && items.length > 0 && (
        <div class="table-scroll">
          <table class="log">
            <thead>
              <tr>
                <th scope="col">{i18n.t("deliveries.when")}</th>
                <th scope="col">{i18n.t("deliveries.kind")}</th>
                <th scope="col">{i18n.t("deliveries.to")}</th>
                <th scope="col">{i18n.t("deliveries.channel")}</th>
                <th scope="col">{i18n.t("deliveries.status")}</th>
                <th scope="col">{i18n.t("deliveries.attempts")}</th>
                <th scope="col">{i18n.t("deliveries.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((delivery) => (
                <tr key={delivery.id}>
                  <td class="nowrap">
                    <time dateTime={delivery.sentAt ?? delivery.createdAt}>{i18n.fullDate(delivery.sentAt ?? delivery.createdAt)}</time>
                  </td>
                  <td>{kindLabel(i18n, delivery.kind)}</td>
                  <td class="log-to">{delivery.to}</td>
                  <td>{channelLabel(delivery.channel)}</td>
                  <td>
                    <span class={statusBadge(delivery.status)}>{statusLabel(i18n, delivery.status)}</span>
                  </td>
                  <td class="log-number">{i18n.number(delivery.attempts)}</td>
                  <td class="log-error">{delivery.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <button type="button" class="button button-quiet" disabled={loading} onClick={() => void load(next)}>
          {i18n.t("deliveries.more")}
        </button>
      )}
    </section>
  );
}
