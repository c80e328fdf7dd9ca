import type { SiteBody } from "../../worker/api-types.ts";
import type { I18n } from "../i18n/index.ts";

interface Props {
  i18n: I18n;
  sites: SiteBody[];
  value: string;
  onChange: (site: string) => void;
}

/** Which site the page moderates; every view below follows it. */
export function SitePicker({ i18n, sites, value, onChange }: Props) {
  return (
    <div class="site-picker">
      <label for="site-picker">{i18n.t("app.site")}</label>
      <select id="site-picker" value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {sites.map((site) => (
          <option key={site.key} value={site.key}>
            {site.key}
          </option>
        ))}
      </select>
    </div>
  );
}
