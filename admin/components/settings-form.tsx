import { useEffect, useRef, useState } from "preact/hooks";
import type { SiteBody } from "../../worker/api-types.ts";
import { ApiError, errorText, type AdminApi } from "../api.ts";
import type { TextKey } from "../i18n/en.ts";
import type { I18n } from "../i18n/index.ts";
import type { Notify } from "../notify.ts";
import { MailPanel } from "./mail-panel.tsx";
import { FIELD_KINDS, fieldOf, formValue, siteChange, type FieldName } from "../settings-fields.ts";

interface Props {
  api: AdminApi;
  i18n: I18n;
  site: string;
  notify: Notify;
  onSaved: (site: SiteBody) => void;
}

type Errors = Partial<Record<FieldName | "form", string>>;

const HINTS: Partial<Record<FieldName, TextKey>> = {
  origins: "settings.originsHint",
  holdWords: "settings.holdWordsHint",
  blockWords: "settings.blockWordsHint",
  ownerEmails: "settings.ownerEmailsHint",
  editWindowMinutes: "settings.editWindowMinutesHint",
  displayDepth: "settings.displayDepthHint",
  locale: "settings.localeHint",
  closeAfterDays: "settings.closeAfterDaysHint",
  minSubmitSeconds: "settings.minSubmitSecondsHint",
  turnstileSiteKey: "settings.turnstileSiteKeyHint",
  ipRetentionDays: "settings.ipRetentionDaysHint",
};

const MODES = ["none", "first", "all"] as const;

/** Every setting of the site (API.md "Site settings"), with the API's own message next to a bad value. */
export function SettingsForm({ api, i18n, site, notify, onSaved }: Props) {
  const [body, setBody] = useState<SiteBody | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  /** Bumped whenever the server's values arrive, so the uncontrolled fields show them. */
  const [revision, setRevision] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    setBody(null);
    api.site(site).then((loaded) => {
      setBody(loaded);
      setRevision((n) => n + 1);
    }, setFailure);
  }, [api, site]);

  useEffect(() => {
    // After a refused save, put the owner on the field at fault.
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form.current || saving) return;
    const data = new FormData(form.current);
    setSaving(true);
    try {
      const saved = await api.saveSite(
        site,
        siteChange((field) => String(data.get(field) ?? "")),
      );
      setErrors({});
      setBody(saved);
      setRevision((n) => n + 1);
      onSaved(saved);
      notify(i18n.t("toast.saved"));
    } catch (error) {
      const field = error instanceof ApiError && error.status === 400 ? fieldOf(error.field) : null;
      setErrors(field ? { [field]: errorText(error, i18n), form: i18n.t("settings.invalid") } : { form: errorText(error, i18n) });
    } finally {
      setSaving(false);
    }
  };

  const described = (field: FieldName) =>
    [HINTS[field] && `setting-${field}-hint`, errors[field] && `setting-${field}-error`].filter(Boolean).join(" ") || undefined;

  const notes = (field: FieldName) => (
    <>
      {HINTS[field] && (
        <p id={`setting-${field}-hint`} class="hint">
          {i18n.t(HINTS[field])}
        </p>
      )}
      {errors[field] && (
        <p id={`setting-${field}-error`} class="field-error">
          {errors[field]}
        </p>
      )}
    </>
  );

  const control = (field: FieldName, value: string) => {
    const common = {
      id: `setting-${field}`,
      name: field,
      "aria-describedby": described(field),
      "aria-invalid": errors[field] ? true : undefined,
    };
    switch (FIELD_KINDS[field]) {
      case "list":
        return <textarea {...common} rows={field === "origins" ? 3 : 4} defaultValue={value} spellcheck={false} />;
      case "integer":
      case "optionalInteger":
        return <input {...common} type="number" inputMode="numeric" step={1} defaultValue={value} class="narrow" />;
      default:
        return <input {...common} type="text" defaultValue={value} spellcheck={false} autoComplete="off" />;
    }
  };

  const field = (name: FieldName) => (
    <div class="field" key={name}>
      <label for={`setting-${name}`}>{i18n.t(`settings.${name}`)}</label>
      {control(name, body ? formValue(body, name) : "")}
      {notes(name)}
    </div>
  );

  return (
    <section class="view" aria-labelledby="settings-title" aria-busy={body === null && failure === null}>
      <h2 id="settings-title">{i18n.t("nav.settings")}</h2>
      <MailPanel api={api} i18n={i18n} site={site} notify={notify} />
      {body === null && failure === null && <p class="muted">{i18n.t("app.loading")}</p>}
      {failure !== null && body === null && (
        <p class="error" role="alert">
          {errorText(failure, i18n)}
        </p>
      )}
      {body && (
        // noValidate: the API is the one judge of a value, and its message shows by the field.
        <form ref={form} key={revision} class="settings" noValidate onSubmit={(event) => void submit(event)}>
          {field("origins")}
          <fieldset class="field" aria-describedby={described("moderation")}>
            <legend>{i18n.t("settings.moderation")}</legend>
            {MODES.map((mode) => (
              <label key={mode} class="choice">
                <input
                  type="radio"
                  name="moderation"
                  value={mode}
                  defaultChecked={body.moderation === mode}
                  aria-invalid={errors.moderation ? true : undefined}
                />
                {i18n.t(`settings.moderation.${mode}`)}
              </label>
            ))}
            {notes("moderation")}
          </fieldset>
          {field("maxLinks")}
          {field("holdWords")}
          {field("blockWords")}
          {field("ownerEmails")}
          {field("editWindowMinutes")}
          {field("displayDepth")}
          {field("locale")}
          {field("closeAfterDays")}
          {field("minSubmitSeconds")}
          {field("turnstileSiteKey")}
          {field("ipRetentionDays")}
          {errors.form && (
            <p class="error" role="alert">
              {errors.form}
            </p>
          )}
          <button type="submit" class="button" disabled={saving}>
            {i18n.t(saving ? "settings.saving" : "settings.save")}
          </button>
        </form>
      )}
    </section>
  );
}
