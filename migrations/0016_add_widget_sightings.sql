-- Issue 14, "Is it installed?": the last time a site's widget read a thread, and from which
-- origin and page. No reader data: the site, the page and the time, one row a site.
CREATE TABLE widget_sightings (
  site_key TEXT PRIMARY KEY REFERENCES sites (key) ON DELETE CASCADE,
  origin   TEXT NOT NULL,
  page     TEXT NOT NULL,
  seen_at  TEXT NOT NULL
);
