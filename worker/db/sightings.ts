// Where and when a site's widget was last seen (migrations/0016), for the owner's "is it installed?".

export interface Sighting {
  origin: string;
  page: string;
  seenAt: string;
}

export function noteSighting(db: D1Database, site: string, sighting: Sighting): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO widget_sightings (site_key, origin, page, seen_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (site_key) DO UPDATE SET origin = ?2, page = ?3, seen_at = ?4`,
    )
    .bind(site, sighting.origin, sighting.page, sighting.seenAt);
}

export function findSighting(db: D1Database, site: string): Promise<Sighting | null> {
  return db.prepare("SELECT origin, page, seen_at AS seenAt FROM widget_sightings WHERE site_key = ?").bind(site).first<Sighting>();
}
