import { render } from "preact";
import { App } from "./app.tsx";
import { resolveLang } from "./i18n/index.ts";
import { readLang } from "./storage.ts";

// The owner's page at /admin (issue 4): public/admin.html loads this bundle and admin.css,
// and the worker serves that shell with a CSP that allows no inline script or style.

const root = document.getElementById("admin");
if (root === null) {
  console.error("[bascule] admin.html has no #admin element to render into.");
} else {
  const lang = resolveLang([readLang(), ...navigator.languages, navigator.language]);
  render(<App initialLang={lang} />, root);
}
