// The token lives in sessionStorage only (issue 4): this tab, until it closes. The chosen
// site and language are not secret and outlive the tab in localStorage. Storage can be
// off or full (private windows, strict settings); the page then simply forgets.

const TOKEN = "bascule.admin.token";
const SITE = "bascule.admin.site";
const LANG = "bascule.admin.lang";

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // Storage refused: keep going without it.
  }
}

const session = () => sessionStorage;
const local = () => localStorage;

export const readToken = () => read(session, TOKEN);
export const saveToken = (token: string | null) => write(session, TOKEN, token);
export const readSite = () => read(local, SITE);
export const saveSite = (site: string) => write(local, SITE, site);
export const readLang = () => read(local, LANG);
export const saveLang = (lang: string) => write(local, LANG, lang);
