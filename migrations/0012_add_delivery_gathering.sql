-- Issue 11, the throttle: past 10 reader e-mails an hour to one address, the rest wait here
-- (still `queued`) and the hourly cron sends them together as one mail (worker/notify/throttle.ts).
-- `gathered_at`: when the throttle held this delivery back. `gathered_into`: the id of the
-- delivery (kind reader.gathered) that carries it; its outcome becomes this row's.
ALTER TABLE deliveries ADD COLUMN gathered_at TEXT;
ALTER TABLE deliveries ADD COLUMN gathered_into TEXT;

-- The cron's question, "which addresses have mail waiting to be gathered", reads only those rows.
CREATE INDEX deliveries_waiting ON deliveries (site_key, to_hash, created_at)
  WHERE gathered_at IS NOT NULL AND gathered_into IS NULL;
-- A gathered mail's outcome is copied to the deliveries it carries.
CREATE INDEX deliveries_gathered_into ON deliveries (gathered_into) WHERE gathered_into IS NOT NULL;
