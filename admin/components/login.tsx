import { useState } from "preact/hooks";
import { ApiError, createAdminApi, errorText } from "../api.ts";
import type { I18n } from "../i18n/index.ts";
import type { SiteBody } from "../../worker/api-types.ts";

interface Props {
  i18n: I18n;
  /** Why the owner is asked again (the server refused a stored token), if so. */
  notice: string;
  onSignedIn: (token: string, sites: SiteBody[]) => void;
}

/** The owner pastes the admin token once; it is checked against the API before it is kept. */
export function Login({ i18n, notice, onSignedIn }: Props) {
  const [error, setError] = useState("");
  const [checking, setChecking] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const token = String(new FormData(event.currentTarget as HTMLFormElement).get("token") ?? "").trim();
    if (!token || checking) return;
    setChecking(true);
    setError("");
    try {
      onSignedIn(token, await createAdminApi(token).sites());
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? i18n.t("login.refused") : errorText(failure, i18n));
      setChecking(false);
    }
  };

  const message = error || notice;
  return (
    <form class="login" onSubmit={(event) => void submit(event)}>
      <h2>{i18n.t("login.title")}</h2>
      <div class="field">
        <label for="login-token">{i18n.t("login.token")}</label>
        <input
          id="login-token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          required
          aria-describedby={message ? "login-hint login-error" : "login-hint"}
          aria-invalid={error ? true : undefined}
        />
        <p id="login-hint" class="hint">
          {i18n.t("login.hint")}
        </p>
        {message && (
          <p id="login-error" class="field-error" role="alert">
            {message}
          </p>
        )}
      </div>
      <button type="submit" class="button" disabled={checking}>
        {i18n.t(checking ? "login.checking" : "login.submit")}
      </button>
    </form>
  );
}
