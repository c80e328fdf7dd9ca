import { useEffect, useRef, useState } from "preact/hooks";
import type { AdminDelivery, MailHealth } from "../../worker/api-types.ts";
import { errorText, type AdminApi } from "../api.ts";
import { statusLabel } from "../delivery-labels.ts";
import type { I18n } from "../i18n/index.ts";
import type { Notify } from "../notify.ts";

interface Props {
  api: AdminApi;
  i18n: I18n;
  site: string;
  notify: Notify;
  /** How often the test mail's line in the log is read again, until it is settled. */
  pollMs?: number;
}

/** Reads of the log after a test mail, at most: the queue takes about a second, a retry longer. */
const POLLS = 8;

/** The settings' mail part: a clear warning when mail can't leave, and "Send a test e-mail". */
export function MailPanel({ api, i18n, site, notify, pollMs = 1500 }: Props) {
  const [health, setHealth] = useState<MailHealth | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<AdminDelivery[]>([]);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    api.mailHealth().then(
      (answer) => mounted.current && setHealth(answer),
      () => {},
    );
    return () => {
      mounted.current = false;
    };
  }, [api]);

  /** Reads the log again until every test delivery has left the queue (or the polls run out). */
  const follow = async (ids: string[]) => {
    for (let poll = 0; poll < POLLS && mounted.current; poll++) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      if (!mounted.current) return;
      const { deliveries } = await api.deliveries(site);
      const seen = deliveries.filter((delivery) => ids.includes(delivery.id));
      if (seen.length > 0) setResults(seen);
      if (seen.length === ids.length && seen.every((delivery) => delivery.status !== "queued")) return;
    }
  };

  const test = async () => {
    setBusy(true);
    try {
      const answer = await api.sendTestMail(site);
      setResults(answer.deliveries);
      notify(i18n.plural("mail.testQueued", answer.deliveries.length));
      await follow(answer.deliveries.map((delivery) => delivery.id));
    } catch (error) {
      notify(errorText(error, i18n), { error: true });
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  return (
    <section class="mail-panel" aria-labelledby="mail-title">
      <h3 id="mail-title">{i18n.t("mail.title")}</h3>
      {health === null && <p class="muted">{i18n.t("mail.checking")}</p>}
      {health && !health.configured && (
        <div class="warning" role="alert">
          <p>{i18n.t("mail.notConfigured", { problem: health.problem ?? "" })}</p>
          <p class="small">{i18n.t("mail.notConfiguredHint")}</p>
        </div>
      )}
      {health?.configured && health.transport && (
        <p>{i18n.t("mail.transport", { transport: i18n.t(`mail.transport.${health.transport}`) })}</p>
      )}
      <button type="button" class="button" disabled={busy} aria-describedby="mail-test-hint" onClick={() => void test()}>
        {i18n.t(busy ? "mail.testing" : "mail.test")}
      </button>
      <p id="mail-test-hint" class="hint">
        {i18n.t("mail.testHint")}
      </p>
      {results.length > 0 && (
        <ul class="mail-results" aria-live="polite">
          {results.map((delivery) => (
            <li key={delivery.id}>
              {i18n.t("mail.testResult", { to: delivery.to, status: statusLabel(i18n, delivery.status) })}
              {delivery.lastError && <span class="log-error"> — {delivery.lastError}</span>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="#deliveries">{i18n.t("mail.log")}</a>
      </p>
    </section>
  );
}
